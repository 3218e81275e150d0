// LatticeGraph (unit cell) x repetitions + rate model -> flat HopTable.
#include "ionhop/models/compile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <tuple>

#include "ionhop/core/error.hpp"
#include "ionhop/core/memory_budget.hpp"
#include "ionhop/core/units.hpp"

namespace ionhop::models {

namespace {

using lattices::LatticeGraph;

// Memory of the compiled table, what replicas share (PreparedTable) and one replica's
// state, from the arrays they hold. Per site: class, flags, position, CSR offset, pattern
// id, occupancy, ion, and half an ion's position and displacement; per hop: target,
// vector, rate, rate class, reverse, source and rate-class list slot. With pair
// interactions or exclusions, per site the field, its Boltzmann factors and the sum-tree
// leaf, per hop the endpoint energy and rate, per pair entry the partner and energy.
// Against the 128^3 benchmarks (6 hops per site): 268 B/site estimated vs 207 measured
// (site exclusion), 469 vs 400 (nearest-neighbour repulsion).
constexpr double bytes_per_site = 64.0;
constexpr double bytes_per_hop = 34.0;
constexpr double pair_bytes_per_site = 33.0;
constexpr double pair_bytes_per_hop = 16.0;
constexpr double bytes_per_pair_entry = 12.0;

void check_table_memory(double sites, double hops, double pair_entries) {
    std::ostringstream what;
    what << "compile: a supercell of " << sites << " sites, " << hops << " hops";
    double bytes = sites * bytes_per_site + hops * bytes_per_hop;
    if (pair_entries > 0) {
        what << " and " << pair_entries << " interaction and exclusion entries";
        bytes +=
            sites * pair_bytes_per_site + hops * pair_bytes_per_hop + pair_entries * bytes_per_pair_entry;
    }
    require_memory(bytes, what.str());
}

void check_inputs(const LatticeGraph& unit, const Eigen::Vector3i& reps, const Conditions& c) {
    if (unit.num_sites() == 0) throw Error("compile: empty lattice (no sites)");
    if (unit.num_hops() == 0) throw Error("compile: the lattice has no hops, so no ion can move");
    for (int axis = 0; axis < 3; ++axis) {
        if (reps[axis] < 1) {
            throw Error("compile: supercell repetition along axis " + std::to_string(axis) + " is " +
                        std::to_string(reps[axis]) + "; must be >= 1");
        }
        if (!unit.cell().periodic[axis] && reps[axis] != 1) {
            throw Error("compile: axis " + std::to_string(axis) + " is not periodic; repetition must be 1");
        }
    }
    const double sites = static_cast<double>(unit.num_sites()) * reps.cast<double>().prod();
    const double hops = static_cast<double>(unit.num_hops()) * reps.cast<double>().prod();
    if (sites >= std::numeric_limits<std::uint32_t>::max() ||
        hops >= std::numeric_limits<std::uint32_t>::max()) {
        std::ostringstream message;
        message << "compile: a supercell of " << sites << " sites and " << hops
                << " hops exceeds the 2^32 index limit of the engine; use fewer repetitions";
        throw Error(message.str());
    }
    check_table_memory(sites, hops, 0.0);
    if (!(std::isfinite(c.temperature_K) && c.temperature_K > 0.0)) {
        throw Error("compile: temperature must be finite and > 0 K, got " + std::to_string(c.temperature_K));
    }
    if (!c.field_V_per_cm.allFinite()) throw Error("compile: electric field must be finite (V/cm)");
    if (!(std::isfinite(c.charge_e) && c.charge_e != 0.0)) {
        throw Error("compile: ion charge must be finite and non-zero (units of e)");
    }
}

// Maps a unit-cell site in copy (u, v, w) shifted by `image` to its supercell index.
struct SupercellIndex {
    Eigen::Vector3i reps;
    std::size_t unit_sites;

    std::uint32_t operator()(std::size_t copy, const Eigen::Vector3i& image, std::size_t site) const {
        Eigen::Vector3i c(static_cast<int>(copy % reps.x()), static_cast<int>((copy / reps.x()) % reps.y()),
                          static_cast<int>(copy / (static_cast<std::size_t>(reps.x()) * reps.y())));
        c += image;
        for (int a = 0; a < 3; ++a) c[a] = ((c[a] % reps[a]) + reps[a]) % reps[a];
        const std::size_t target_copy =
            (static_cast<std::size_t>(c.z()) * reps.y() + c.y()) * reps.x() + c.x();
        return static_cast<std::uint32_t>(target_copy * unit_sites + site);
    }
};

// A pair's partner must not be the site's own periodic image, and the pair must not reach
// across more than half the supercell (it would then pair a site with two images).
void check_pair_range(const LatticeGraph& unit, const Eigen::Vector3i& reps, const UnitPair& p,
                      const char* what) {
    if (p.first >= unit.num_sites() || p.second >= unit.num_sites()) {
        throw Error(std::string("compile: ") + what + " names a site out of range");
    }
    const double distance = unit.separation_A(p.first, p.second, p.image).norm();
    const Eigen::Vector3d widths = unit.cell().face_distances_A();
    for (int a = 0; a < 3; ++a) {
        if (unit.cell().periodic[a] && distance >= 0.5 * reps[a] * widths[a]) {
            throw Error(std::string("compile: ") + what + " range " + std::to_string(distance) +
                        " A reaches half the supercell along axis " + std::to_string(a) + " (" +
                        std::to_string(reps[a] * widths[a]) + " A); use a larger supercell");
        }
    }
}

// Symmetric CSR partner lists of the supercell from unit pairs.
void expand_pairs(const LatticeGraph& unit, const Eigen::Vector3i& reps, const std::vector<UnitPair>& pairs,
                  std::vector<std::uint32_t>& begin, std::vector<std::uint32_t>& partner,
                  std::vector<double>* energy, const char* what) {
    const std::size_t n_unit = unit.num_sites();
    const auto copies = static_cast<std::size_t>(reps.prod());
    const SupercellIndex index{reps, n_unit};
    const Eigen::Vector3i zero = Eigen::Vector3i::Zero();
    std::vector<std::uint32_t> count(n_unit, 0);
    for (const auto& p : pairs) {
        check_pair_range(unit, reps, p, what);
        ++count[p.first];
        ++count[p.second];
    }
    begin.assign(n_unit * copies + 1, 0);
    for (std::size_t s = 0; s < n_unit * copies; ++s) begin[s + 1] = begin[s] + count[s % n_unit];
    partner.resize(begin.back());
    if (energy) energy->resize(begin.back());
    std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
    for (std::size_t copy = 0; copy < copies; ++copy) {
        for (const auto& p : pairs) {
            const std::uint32_t a = index(copy, zero, p.first);
            const std::uint32_t b = index(copy, p.image, p.second);
            partner[fill[a]] = b;
            partner[fill[b]] = a;
            if (energy) {
                (*energy)[fill[a]] = p.energy_eV;
                (*energy)[fill[b]] = p.energy_eV;
            }
            ++fill[a];
            ++fill[b];
        }
    }
}

// One entry per unordered pair: (a, b, image) and (b, a, -image) are the same pair.
std::vector<UnitPair> unique_pairs(std::vector<UnitPair> pairs) {
    auto key = [](const UnitPair& p) {
        return std::make_tuple(p.first, p.second, p.image.x(), p.image.y(), p.image.z());
    };
    for (auto& p : pairs) {
        const bool swap = p.first > p.second ||
                          (p.first == p.second &&
                           std::make_tuple(p.image.x(), p.image.y(), p.image.z()) < std::make_tuple(0, 0, 0));
        if (swap) {
            std::swap(p.first, p.second);
            p.image = -p.image;
        }
    }
    std::sort(pairs.begin(), pairs.end(),
              [&](const UnitPair& x, const UnitPair& y) { return key(x) < key(y); });
    pairs.erase(std::unique(pairs.begin(), pairs.end(),
                            [&](const UnitPair& x, const UnitPair& y) { return key(x) == key(y); }),
                pairs.end());
    return pairs;
}

int transport_dimension(const std::vector<Eigen::Vector3d>& displacements) {
    Eigen::Matrix3d spread = Eigen::Matrix3d::Zero();
    for (const auto& d : displacements) spread += d * d.transpose();
    const Eigen::Vector3d eigen = Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(spread).eigenvalues();
    int rank = 0;
    for (int i = 0; i < 3; ++i) rank += eigen[i] > 1e-9 * eigen.maxCoeff() ? 1 : 0;
    return std::max(rank, 1);
}

}  // namespace

engine::HopTable compile_hop_table(const LatticeGraph& unit, const Eigen::Vector3i& repetitions,
                                   const RateModel& model, const Conditions& conditions) {
    check_inputs(unit, repetitions, conditions);
    ModelAssembly assembly(unit, repetitions, conditions);
    for (const auto& term : model.terms()) term->apply(assembly);
    const Conditions& c = assembly.conditions;
    check_inputs(unit, repetitions, c);  // terms may have changed the conditions
    const std::size_t supercell_sites = assembly.num_supercell_sites();
    if (assembly.site_energy_eV.size() != supercell_sites ||
        assembly.site_blocked.size() != supercell_sites ||
        assembly.site_barrier_shift_eV.size() != supercell_sites) {
        throw Error("compile: a rate term resized the per-site arrays of the model assembly");
    }

    const std::size_t n_unit = unit.num_sites();
    const auto copies = static_cast<std::size_t>(repetitions.prod());
    const std::size_t n = n_unit * copies;
    // Each unit pair is listed from both ends in every copy.
    check_table_memory(
        static_cast<double>(n), static_cast<double>(unit.num_hops() * copies),
        2.0 * static_cast<double>((assembly.interactions.size() + assembly.exclusions.size()) * copies));
    const auto& graph = unit.graph();
    engine::HopTable table;
    table.temperature_K = c.temperature_K;
    table.field_V_per_cm = c.field_V_per_cm;
    table.charge_e = c.charge_e;
    table.volume_A3 = unit.cell().volume_A3() * static_cast<double>(copies);

    std::map<std::string, std::int32_t> class_index;
    std::vector<std::int32_t> unit_class(n_unit);
    for (std::size_t i = 0; i < n_unit; ++i) {
        const auto [it, added] =
            class_index.emplace(unit.site(i).site_class, static_cast<std::int32_t>(table.class_names.size()));
        if (added) table.class_names.push_back(unit.site(i).site_class);
        unit_class[i] = it->second;
    }
    table.site_class.resize(n);
    table.site_mobile.resize(n);
    table.site_position_A.resize(n);
    for (std::size_t s = 0; s < n; ++s) {
        const std::size_t copy = s / n_unit;
        const Eigen::Vector3d copy_cell(
            static_cast<double>(copy % repetitions.x()),
            static_cast<double>((copy / repetitions.x()) % repetitions.y()),
            static_cast<double>(copy / (static_cast<std::size_t>(repetitions.x()) * repetitions.y())));
        table.site_position_A[s] = unit.cell().to_cartesian_A(unit.site(s % n_unit).fractional + copy_cell);
        table.site_class[s] = unit_class[s % n_unit];
        table.site_mobile[s] = unit.site(s % n_unit).mobile && !assembly.site_blocked[s] ? 1 : 0;
        if (!std::isfinite(assembly.site_energy_eV[s]) || !std::isfinite(assembly.site_barrier_shift_eV[s])) {
            throw Error("compile: site " + std::to_string(s) + " has a non-finite energy or barrier shift");
        }
    }

    // Unit hops, grouped by source site; their displacements are the shared table.
    struct UnitHop {
        std::size_t target;
        Eigen::Vector3i image;
        double barrier_eV;
        double attempt_frequency_Hz;
        std::uint32_t vector;
    };
    std::vector<std::vector<UnitHop>> unit_hops(n_unit);
    for (auto [e, end] = boost::edges(graph); e != end; ++e) {
        const auto& hop = graph[*e];
        unit_hops[boost::source(*e, graph)].push_back(
            UnitHop{boost::target(*e, graph), hop.image, hop.barrier_eV, hop.attempt_frequency_Hz,
                    static_cast<std::uint32_t>(table.displacement_table_A.size())});
        table.displacement_table_A.push_back(hop.displacement_A);
    }
    table.transport_dimension = transport_dimension(table.displacement_table_A);

    const double kT = units::thermal_energy_eV(c.temperature_K);
    const Eigen::Vector3d field_V_per_A = c.field_V_per_cm * units::angstrom_in_cm;
    const SupercellIndex index{repetitions, n_unit};
    const Eigen::Vector3i zero = Eigen::Vector3i::Zero();
    // A hop exists unless a defect blocks one of its ends.
    const auto hop_open = [&](std::uint32_t from, std::uint32_t to) {
        return !assembly.site_blocked[from] && !assembly.site_blocked[to];
    };
    table.hop_begin.assign(n + 1, 0);
    for (std::size_t copy = 0; copy < copies; ++copy) {
        for (std::size_t i = 0; i < n_unit; ++i) {
            const std::uint32_t from = index(copy, zero, i);
            std::uint32_t open = 0;
            for (const auto& hop : unit_hops[i])
                open += hop_open(from, index(copy, hop.image, hop.target)) ? 1 : 0;
            table.hop_begin[from + 1] = open;
        }
    }
    for (std::size_t s = 0; s < n; ++s) table.hop_begin[s + 1] += table.hop_begin[s];
    table.hop_target.resize(table.hop_begin.back());
    table.hop_vector.resize(table.hop_begin.back());
    table.hop_rate_Hz.resize(table.hop_begin.back());
    for (std::size_t copy = 0; copy < copies; ++copy) {
        for (std::size_t i = 0; i < n_unit; ++i) {
            const std::uint32_t from = index(copy, zero, i);
            std::uint32_t h = table.hop_begin[from];
            for (const auto& hop : unit_hops[i]) {
                const std::uint32_t to = index(copy, hop.image, hop.target);
                if (!hop_open(from, to)) continue;
                // Energy change of the hop: site energies and the field energy -q E.r.
                const double field_term =
                    c.charge_e * field_V_per_A.dot(table.displacement_table_A[hop.vector]);
                const double delta_eV =
                    assembly.site_energy_eV[to] - assembly.site_energy_eV[from] - field_term;
                const double barrier_eV = hop.barrier_eV + 0.5 * (assembly.site_barrier_shift_eV[from] +
                                                                  assembly.site_barrier_shift_eV[to]);
                table.hop_target[h] = to;
                table.hop_vector[h] = hop.vector;
                table.hop_rate_Hz[h] =
                    hop.attempt_frequency_Hz * std::exp(-(barrier_eV + 0.5 * delta_eV) / kT);
                ++h;
            }
        }
    }

    if (!assembly.interactions.empty()) {
        expand_pairs(unit, repetitions, assembly.interactions, table.pair_begin, table.pair_partner,
                     &table.pair_energy_eV, "pair interaction");
        table.hop_endpoint_pair_energy_eV.assign(table.hop_target.size(), 0.0);
        for (std::size_t s = 0; s < n; ++s) {
            for (std::uint32_t k = table.hop_begin[s]; k < table.hop_begin[s + 1]; ++k) {
                for (std::uint32_t p = table.pair_begin[s]; p < table.pair_begin[s + 1]; ++p) {
                    if (table.pair_partner[p] == table.hop_target[k]) {
                        table.hop_endpoint_pair_energy_eV[k] += table.pair_energy_eV[p];
                    }
                }
            }
        }
    }
    if (!assembly.exclusions.empty()) {
        expand_pairs(unit, repetitions, unique_pairs(assembly.exclusions), table.exclusion_begin,
                     table.exclusion_partner, nullptr, "exclusion pair");
        table.hop_endpoints_exclude.assign(table.hop_target.size(), 0);
        for (std::size_t s = 0; s < n; ++s) {
            for (std::uint32_t k = table.hop_begin[s]; k < table.hop_begin[s + 1]; ++k) {
                for (std::uint32_t p = table.exclusion_begin[s]; p < table.exclusion_begin[s + 1]; ++p) {
                    if (table.exclusion_partner[p] == table.hop_target[k]) table.hop_endpoints_exclude[k] = 1;
                }
            }
        }
    }
    table.validate();
    return table;
}

std::vector<double> assign_plane_profile(engine::HopTable& table, const lattices::LatticeGraph& unit,
                                         const Eigen::Vector3i& repetitions, int axis,
                                         std::size_t max_planes) {
    const ModelAssembly assembly(unit, repetitions, Conditions{});
    const std::size_t n = assembly.num_supercell_sites();
    std::vector<double> coordinate(n);
    for (std::size_t s = 0; s < n; ++s) coordinate[s] = assembly.position_A(s)[axis];
    std::vector<double> sorted = coordinate;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> planes;
    for (double x : sorted) {
        if (planes.empty() || x - planes.back() > 1e-3) planes.push_back(x);
        if (planes.size() > max_planes) {
            table.site_bin.clear();
            table.bin_count = 0;
            return {};
        }
    }
    table.site_bin.resize(n);
    for (std::size_t s = 0; s < n; ++s) {
        const auto above = std::upper_bound(planes.begin(), planes.end(), coordinate[s] + 1e-3);
        table.site_bin[s] = static_cast<std::int32_t>(above - planes.begin() - 1);
    }
    table.bin_count = static_cast<int>(planes.size());
    return planes;
}

}  // namespace ionhop::models
