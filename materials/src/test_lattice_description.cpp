#include "ionhop/materials/test_lattice_description.hpp"

#include <map>
#include <sstream>

namespace ionhop::materials {

LatticeDescription describe_test_lattice(std::string_view name, const lattices::TestLatticeOptions& options) {
    const lattices::TestLatticeInfo& info = lattices::find_test_lattice(name);
    const lattices::LatticeGraph unit = lattices::build_test_lattice(name, options);

    LatticeDescription d;
    d.name = info.name;
    d.description = info.description + " (test lattice)";
    std::ostringstream parameters;
    parameters << "ionhop built-in test lattice '" << info.name << "' with the hop length ("
               << options.hop_length_A << " A), barrier (" << options.barrier_eV
               << " eV) and attempt frequency (" << options.attempt_frequency_Hz << " Hz) given by the user";
    d.references["test_lattice"] = parameters.str();
    d.cell.vectors_A = unit.cell().vectors_A;
    d.cell.periodic = unit.cell().periodic;
    d.cell.source = "test_lattice";

    std::map<std::string, std::size_t> class_index;
    for (std::size_t s = 0; s < unit.num_sites(); ++s) {
        const std::string& site_class = unit.site(s).site_class;
        if (!class_index.count(site_class)) {
            class_index[site_class] = d.sites.size();
            SiteClassSpec spec;
            spec.name = site_class;
            spec.source = "test_lattice";
            d.sites.push_back(spec);
        }
        d.sites[class_index[site_class]].positions.push_back(unit.site(s).fractional);
    }
    // One hop class per unordered pair of classes joined by a hop.
    std::map<std::pair<std::string, std::string>, bool> joined;
    for (auto [edge, end] = boost::edges(unit.graph()); edge != end; ++edge) {
        std::string a = unit.site(boost::source(*edge, unit.graph())).site_class;
        std::string b = unit.site(boost::target(*edge, unit.graph())).site_class;
        if (b < a) std::swap(a, b);
        joined[{a, b}] = true;
    }
    for (const auto& [pair, unused] : joined) {
        HopClassSpec hop;
        hop.name = pair.first == pair.second ? "nn-" + pair.first : "nn-" + pair.first + "-" + pair.second;
        hop.from = pair.first;
        hop.to = pair.second;
        hop.distance_A = {options.hop_length_A * (1.0 - 1e-6), options.hop_length_A * (1.0 + 1e-6)};
        hop.barrier_eV = options.barrier_eV;
        hop.attempt_frequency_Hz = options.attempt_frequency_Hz;
        hop.source = "test_lattice";
        d.hops.push_back(hop);
    }
    d.composition.formula = "site";
    d.composition.formula_units_per_cell = static_cast<int>(unit.num_sites());
    d.composition.mobile_per_formula_unit = 0.5;
    d.composition.mobile_range = {1e-9, 1.0};
    d.composition.source = "test_lattice";
    return d;
}

}  // namespace ionhop::materials
