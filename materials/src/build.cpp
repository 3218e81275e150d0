#include "ionhop/materials/build.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/neighbours.hpp"
#include "ionhop/materials/space_group.hpp"

namespace ionhop::materials {
namespace {

// Sites closer than this are the same place twice: a typo or a wrong setting.
constexpr double overlap_A = 0.1;

[[noreturn]] void fail(const LatticeDescription& d, const std::string& message) {
    throw Error("lattice '" + d.name + "': " + message);
}

std::string format_window(const std::array<double, 2>& window) {
    std::ostringstream out;
    out << "[" << window[0] << ", " << window[1] << "] A";
    return out.str();
}

// All positions of a class: its representatives expanded by the space group (if any),
// checked against the Wyckoff multiplicity when one is named.
std::vector<Eigen::Vector3d> expand(const LatticeDescription& d, const std::optional<SpaceGroup>& group,
                                    const SiteClassSpec& spec, const std::string& key) {
    std::vector<Eigen::Vector3d> positions;
    for (const Eigen::Vector3d& representative : spec.positions) {
        if (group) {
            for (const Eigen::Vector3d& image : orbit(*group, representative)) {
                positions.push_back(image);
            }
        } else {
            positions.push_back(representative);
        }
    }
    const int multiplicity = wyckoff_multiplicity(spec.wyckoff);
    const std::size_t expected = static_cast<std::size_t>(multiplicity) * (group ? spec.positions.size() : 1);
    if (multiplicity > 0 && positions.size() != expected) {
        std::ostringstream out;
        out << key << " '" << spec.name << "': " << spec.positions.size() << " position(s) give "
            << positions.size() << " sites, but Wyckoff " << spec.wyckoff << " has " << multiplicity
            << " per position";
        if (group) {
            out << " in space group " << group->number << " (" << group->symbol << ", setting \""
                << group->setting << "\"); check the coordinates and the setting";
        } else {
            out << "; without a space_group list every site";
        }
        fail(d, out.str());
    }
    return positions;
}

// Hop or exclusion rules match unordered pairs of classes.
bool classes_match(const std::string& a, const std::string& b, const std::string& first,
                   const std::string& second) {
    return (a == first && b == second) || (a == second && b == first);
}

std::string nearest_hint(const lattices::LatticeGraph& unit, const std::string& first,
                         const std::string& second) {
    double nearest = std::numeric_limits<double>::infinity();
    const double reach = unit.cell().face_distances_A().minCoeff();
    for (const lattices::NeighbourPair& pair : lattices::find_pairs_within(unit, 0.0, reach)) {
        if (classes_match(unit.site(pair.first).site_class, unit.site(pair.second).site_class, first,
                          second)) {
            nearest = std::min(nearest, pair.distance_A);
        }
    }
    if (!std::isfinite(nearest)) {
        return "no " + first + "-" + second + " pair lies within " + std::to_string(reach) + " A";
    }
    std::ostringstream out;
    out << "the nearest " << first << "-" << second << " distance is " << nearest << " A";
    return out.str();
}

void check_overlaps(const LatticeDescription& d, const lattices::LatticeGraph& unit,
                    const std::vector<SpectatorSite>& spectators) {
    // Spectators join a scratch lattice so one neighbour search covers every pair.
    lattices::LatticeGraph all(unit.cell());
    for (std::size_t i = 0; i < unit.num_sites(); ++i) {
        all.add_site(unit.site(i));
    }
    for (const SpectatorSite& spectator : spectators) {
        lattices::Site site;
        site.fractional = spectator.fractional;
        site.site_class = spectator.site_class;
        site.mobile = false;
        all.add_site(site);
    }
    const auto pairs = lattices::find_pairs_within(all, 0.0, overlap_A);
    if (!pairs.empty()) {
        const auto& pair = pairs.front();
        std::ostringstream out;
        out << "sites of class '" << all.site(pair.first).site_class << "' at ("
            << all.site(pair.first).fractional.transpose() << ") and '" << all.site(pair.second).site_class
            << "' at (" << all.site(pair.second).fractional.transpose() << ") overlap (" << pair.distance_A
            << " A apart; sites must be at least " << overlap_A << " A apart)";
        fail(d, out.str());
    }
}

void add_hops(const LatticeDescription& d, MaterialLattice& built) {
    lattices::LatticeGraph& unit = built.unit;
    // Which hop class claimed each pair, so a pair claimed twice is reported.
    std::map<std::tuple<std::size_t, std::size_t, int, int, int>, std::size_t> claimed;
    for (std::size_t k = 0; k < d.hops.size(); ++k) {
        const HopClassSpec& hop = d.hops[k];
        std::size_t count = 0;
        for (const auto& pair : lattices::find_pairs_within(unit, hop.distance_A[0], hop.distance_A[1])) {
            if (!classes_match(unit.site(pair.first).site_class, unit.site(pair.second).site_class, hop.from,
                               hop.to)) {
                continue;
            }
            const auto key =
                std::make_tuple(pair.first, pair.second, pair.image[0], pair.image[1], pair.image[2]);
            const auto [entry, inserted] = claimed.emplace(key, k);
            if (!inserted) {
                fail(d, "hops[" + std::to_string(k) + "] '" + hop.name + "' and hops[" +
                            std::to_string(entry->second) + "] '" + d.hops[entry->second].name +
                            "' both match the same pair of sites; make their distance windows disjoint");
            }
            unit.add_hop_pair(pair.first, pair.second, pair.image, hop.name, hop.barrier_eV,
                              hop.attempt_frequency_Hz);
            count += 2;
        }
        if (count == 0) {
            fail(d, "hops[" + std::to_string(k) + "] '" + hop.name + "' (" + hop.from + "-" + hop.to +
                        " within " + format_window(hop.distance_A) + ") matches no pair of sites; " +
                        nearest_hint(unit, hop.from, hop.to));
        }
        built.hop_counts.push_back({hop.name, count});
    }
}

void add_exclusions(const LatticeDescription& d, MaterialLattice& built) {
    lattices::LatticeGraph& unit = built.unit;
    for (std::size_t k = 0; k < d.exclusions.size(); ++k) {
        const ExclusionSpec& rule = d.exclusions[k];
        std::size_t count = 0;
        for (const auto& pair : lattices::find_pairs_within(unit, rule.distance_A[0], rule.distance_A[1])) {
            if (classes_match(unit.site(pair.first).site_class, unit.site(pair.second).site_class,
                              rule.between[0], rule.between[1])) {
                unit.add_exclusion(pair.first, pair.second, pair.image);
                ++count;
            }
        }
        if (count == 0) {
            fail(d, "exclusions[" + std::to_string(k) + "] '" + rule.name + "' (" + rule.between[0] + "-" +
                        rule.between[1] + " within " + format_window(rule.distance_A) +
                        ") matches no pair of sites; " +
                        nearest_hint(unit, rule.between[0], rule.between[1]));
        }
        built.exclusion_counts.push_back({rule.name, count});
    }
}

void check_every_site_hops(const LatticeDescription& d, const lattices::LatticeGraph& unit) {
    for (std::size_t site = 0; site < unit.num_sites(); ++site) {
        if (boost::out_degree(site, unit.graph()) == 0) {
            std::ostringstream out;
            out << "site " << site << " of class '" << unit.site(site).site_class << "' at ("
                << unit.site(site).fractional.transpose()
                << ") has no hop: the lattice is disconnected; add a [[hops]] class that reaches it, or move "
                   "the class to [[spectators]] if its ions never move";
            fail(d, out.str());
        }
    }
}

}  // namespace

lattices::Cell make_cell(const CellSpec& cell) {
    if (cell.parameters) {
        const auto& p = *cell.parameters;
        return lattices::make_cell_from_parameters(p[0], p[1], p[2], p[3], p[4], p[5], cell.periodic);
    }
    if (!cell.vectors_A) {
        throw Error("cell: give lengths and angles or vectors");
    }
    return lattices::make_cell(*cell.vectors_A, cell.periodic);
}

MaterialLattice build_lattice(const LatticeDescription& d) {
    lattices::Cell cell = [&] {
        try {
            return make_cell(d.cell);
        } catch (const Error& error) {
            fail(d, error.what());
        }
    }();
    std::optional<SpaceGroup> group;
    if (d.symmetry) {
        try {
            group = space_group(d.symmetry->space_group, d.symmetry->setting);
        } catch (const Error& error) {
            fail(d, std::string("cell: ") + error.what());
        }
    }

    MaterialLattice built{lattices::LatticeGraph(cell), {}, {}, {}, {}, 0.0};
    for (std::size_t k = 0; k < d.sites.size(); ++k) {
        const SiteClassSpec& spec = d.sites[k];
        const auto positions = expand(d, group, spec, "sites[" + std::to_string(k) + "]");
        for (const Eigen::Vector3d& position : positions) {
            lattices::Site site;
            site.fractional = position;
            site.site_class = spec.name;
            site.energy_eV = spec.energy_eV;
            built.unit.add_site(site);
        }
        built.site_counts.push_back({spec.name, positions.size()});
    }
    for (std::size_t k = 0; k < d.spectators.size(); ++k) {
        const SiteClassSpec& spec = d.spectators[k];
        for (const Eigen::Vector3d& position :
             expand(d, group, spec, "spectators[" + std::to_string(k) + "]")) {
            built.spectators.push_back({position, spec.name, spec.element});
        }
    }
    check_overlaps(d, built.unit, built.spectators);
    add_hops(d, built);
    add_exclusions(d, built);
    check_every_site_hops(d, built.unit);

    built.mobile_per_cell = d.composition.mobile_per_formula_unit * d.composition.formula_units_per_cell;
    const double most = d.composition.mobile_range[1] * d.composition.formula_units_per_cell;
    if (most > static_cast<double>(built.unit.num_sites())) {
        std::ostringstream out;
        out << "composition: up to " << most << " mobile ions per cell (mobile_range_per_formula_unit "
            << d.composition.mobile_range[1] << " x " << d.composition.formula_units_per_cell
            << " formula units) do not fit on the " << built.unit.num_sites() << " sites of the cell";
        fail(d, out.str());
    }
    return built;
}

LatticeDescription expand_to_supercell(const LatticeDescription& d, const Eigen::Vector3i& repetitions) {
    if ((repetitions.array() < 1).any()) {
        fail(d, "supercell repetitions must be >= 1 along every axis");
    }
    const MaterialLattice built = build_lattice(d);
    const lattices::Cell& cell = built.unit.cell();
    LatticeDescription super = d;
    super.symmetry.reset();
    super.cell.parameters.reset();
    super.cell.vectors_A = repetitions.cast<double>().asDiagonal() * cell.vectors_A;
    super.composition.formula_units_per_cell *= repetitions.prod();
    const Eigen::Vector3d scale = repetitions.cast<double>().cwiseInverse();
    const auto copies = [&](const Eigen::Vector3d& fractional) {
        std::vector<Eigen::Vector3d> images;
        for (int w = 0; w < repetitions[2]; ++w)
            for (int v = 0; v < repetitions[1]; ++v)
                for (int u = 0; u < repetitions[0]; ++u)
                    images.push_back((fractional + Eigen::Vector3d(u, v, w)).cwiseProduct(scale));
        return images;
    };
    for (SiteClassSpec& spec : super.sites) {
        spec.positions.clear();
        for (std::size_t i = 0; i < built.unit.num_sites(); ++i) {
            if (built.unit.site(i).site_class == spec.name) {
                for (const auto& p : copies(built.unit.site(i).fractional)) spec.positions.push_back(p);
            }
        }
        spec.wyckoff.clear();  // a multiplicity of the crystal, not of the supercell
    }
    for (SiteClassSpec& spec : super.spectators) {
        spec.positions.clear();
        for (const SpectatorSite& site : built.spectators) {
            if (site.site_class == spec.name) {
                for (const auto& p : copies(site.fractional)) spec.positions.push_back(p);
            }
        }
        spec.wyckoff.clear();
    }
    return super;
}

}  // namespace ionhop::materials
