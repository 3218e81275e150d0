#include "ionhop/runs/doping.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/engine/random_stream.hpp"

namespace ionhop::runs {
namespace {

[[noreturn]] void fail(const materials::LatticeDescription& material, const std::string& dopant,
                       const std::string& message) {
    throw Error(material.name + ": dopant '" + dopant + "': " + message);
}

}  // namespace

DopingPlan plan_doping(const materials::LatticeDescription& material, const materials::MaterialLattice& built,
                       const Eigen::Vector3i& repetitions, const DopingRequest& request) {
    const auto found = std::find_if(material.dopants.begin(), material.dopants.end(),
                                    [&](const materials::DopantSpec& d) { return d.name == request.dopant; });
    if (found == material.dopants.end()) {
        std::string valid;
        for (const auto& d : material.dopants) valid += (valid.empty() ? "" : ", ") + d.name;
        fail(material, request.dopant,
             "unknown; this material's dopants: " + (valid.empty() ? std::string("none") : valid) +
                 " (add one in a [[dopants]] table of its lattice file)");
    }
    DopingPlan plan;
    plan.spec = *found;
    const double x = request.per_formula_unit;
    if (!std::isfinite(x) || x < 0.0) {
        fail(material, request.dopant, "content x = " + std::to_string(x) + " per formula unit must be >= 0");
    }
    if (plan.spec.max_per_formula_unit && x > *plan.spec.max_per_formula_unit + 1e-12) {
        std::ostringstream out;
        out << "x = " << x << " per formula unit is above the maximum " << *plan.spec.max_per_formula_unit
            << ": " << plan.spec.max_reason;
        fail(material, request.dopant, out.str());
    }

    // Host sites of the supercell, copy by copy.
    std::vector<Eigen::Vector3d> unit_hosts;
    for (const materials::SpectatorSite& site : built.spectators) {
        if (site.site_class == plan.spec.host) unit_hosts.push_back(site.fractional);
    }
    for (std::size_t i = 0; i < built.unit.num_sites(); ++i) {
        if (built.unit.site(i).site_class == plan.spec.host) {
            unit_hosts.push_back(built.unit.site(i).fractional);
            plan.blocks_host = true;
        }
    }
    for (int w = 0; w < repetitions[2]; ++w)
        for (int v = 0; v < repetitions[1]; ++v)
            for (int u = 0; u < repetitions[0]; ++u)
                for (const Eigen::Vector3d& f : unit_hosts)
                    plan.hosts_A.push_back(built.unit.cell().to_cartesian_A(f + Eigen::Vector3d(u, v, w)));

    const double formula_units =
        static_cast<double>(material.composition.formula_units_per_cell) * repetitions.prod();
    const double wanted = x * formula_units;
    plan.count = static_cast<std::size_t>(std::llround(wanted));
    if (plan.count > plan.hosts_A.size()) {
        std::ostringstream out;
        out << "x = " << x << " per formula unit asks for " << plan.count
            << " dopants, but the supercell has only " << plan.hosts_A.size() << " host sites ("
            << plan.spec.host << "), i.e. at most "
            << static_cast<double>(plan.hosts_A.size()) / formula_units << " per formula unit";
        fail(material, request.dopant, out.str());
    }
    plan.per_formula_unit = static_cast<double>(plan.count) / formula_units;
    plan.mobile_change = static_cast<long long>(plan.count) * plan.spec.mobile_change_per_dopant;
    return plan;
}

std::vector<models::PointDefect> place_dopants(const DopingPlan& plan, std::uint64_t seed,
                                               std::uint64_t stream) {
    // Partial Fisher-Yates: the first `count` entries become a uniform random subset.
    std::vector<std::size_t> order(plan.hosts_A.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    engine::RandomStream random(seed, stream);
    std::vector<models::PointDefect> defects;
    defects.reserve(plan.count);
    for (std::size_t i = 0; i < plan.count; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(random.uniform_index(order.size() - i));
        std::swap(order[i], order[j]);
        models::PointDefect defect;
        defect.position_A = plan.hosts_A[order[i]];
        defect.blocks_site = plan.blocks_host;
        defect.radius_A = plan.spec.radius_A;
        defect.site_energy_shift_eV = plan.spec.site_energy_shift_eV;
        defect.barrier_shift_eV = plan.spec.barrier_shift_eV;
        defects.push_back(defect);
    }
    return defects;
}

}  // namespace ionhop::runs
