#include "ionhop/materials/layer_stack.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/core/memory_budget.hpp"
#include "ionhop/lattices/neighbours.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/material_parameters.hpp"

namespace ionhop::materials {
namespace {

constexpr double window_A = 0.01;  // half-width of every distance window of a generic layer
// Largest ratio of a generic layer's plane pitch to its in-plane site spacing (either way).
constexpr double max_pitch_per_spacing = 100.0;

[[noreturn]] void fail(const std::string& message) { throw Error("layer stack: " + message); }

void check_positive(double value, const std::string& what) {
    if (!(std::isfinite(value) && value > 0.0)) {
        std::ostringstream out;
        out << what << " must be a finite number > 0, found " << value;
        fail(out.str());
    }
}

// Whole planes (generic layer) or cells (crystal layer) a thickness spans, at least 1.
int whole_repeats(double thickness_nm, double pitch_A, const std::string& where) {
    const double count = std::max(1.0, std::round(thickness_nm * 10.0 / pitch_A));
    if (!(count <= std::numeric_limits<int>::max())) {
        std::ostringstream out;
        out << where << "thickness_nm " << thickness_nm << " spans " << count << " planes or cells of "
            << pitch_A << " A, more than a layer can hold";
        fail(out.str());
    }
    return static_cast<int>(count);
}

// Memory per site of the stack while it is described and built: the explicit site entry
// of the description, the graph vertex and about six hops (~150 B each) of the graph.
// The table compiled from it is checked when it is compiled.
constexpr double stack_bytes_per_site = 1200.0;

// A crystal layer made ready: parameters resolved, no dopants or spectators, its unit cell
// built (every site listed) and the whole cells it spans along x.
struct PreparedCrystal {
    LatticeDescription crystal;
    MaterialLattice built;
    Eigen::Vector3d lengths_A;
    int cells = 1;
    double longest_hop_A = 0.0;
};

PreparedCrystal prepare_crystal(const CrystalLayerSpec& layer) {
    const std::string where = "layer '" + layer.name + "' (" + layer.crystal.name + "): ";
    check_positive(layer.thickness_nm, where + "thickness_nm");
    if (!std::isfinite(layer.site_energy_eV)) fail(where + "site_energy_eV must be finite");
    LatticeDescription crystal = layer.crystal;
    crystal.dopants.clear();
    crystal.spectators.clear();
    MaterialLattice built = [&] {
        try {
            resolve_tabulated_hops(crystal);
            return build_lattice(crystal);
        } catch (const Error& error) {
            fail(where + error.what());
        }
    }();
    const Eigen::Matrix3d v = built.unit.cell().vectors_A;
    if ((v - Eigen::Matrix3d(v.diagonal().asDiagonal())).cwiseAbs().maxCoeff() > 1e-9 * v.norm()) {
        fail(where + "a crystal layer needs a unit cell with its axes along x, y and z");
    }
    PreparedCrystal p{std::move(crystal), std::move(built), v.diagonal(), 1, 0.0};
    p.cells = whole_repeats(layer.thickness_nm, p.lengths_A.x(), where);
    const auto& g = p.built.unit.graph();
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        p.longest_hop_A = std::max(p.longest_hop_A, g[*e].displacement_A.norm());
    }
    return p;
}

// Reference keys of a crystal layer carry its name, so two materials never share one.
std::string prefixed_source(const std::string& prefix, const std::string& source) {
    std::stringstream keys(source);
    std::string key, out;
    while (std::getline(keys, key, ',')) {
        key.erase(0, key.find_first_not_of(' '));
        key.erase(key.find_last_not_of(' ') + 1);
        out += (out.empty() ? "" : ", ") + prefix + key;
    }
    return out;
}

// Everything about the stack's geometry, computed once from the spec.
struct StackPlan {
    std::vector<std::optional<PreparedCrystal>> crystals;  // per layer; empty for generic
    std::vector<double> thickness_A, start_A;
    std::vector<int> count;       // planes (generic) or cells (crystal) along x
    std::vector<double> pitch_A;  // plane spacing (generic) or cell length (crystal)
    Eigen::Vector2d cross_section_A{0.0, 0.0};
    Eigen::Vector2i grid{1, 1};  // generic sites per plane along y and z
    Eigen::Vector2d spacing_A{0.0, 0.0};
    double length_A = 0.0;
};

const GenericLayerSpec* generic(const StackLayer& layer) { return std::get_if<GenericLayerSpec>(&layer); }

void check_generic(const GenericLayerSpec& layer) {
    const std::string where = "layer '" + layer.name + "': ";
    check_positive(layer.thickness_nm, where + "thickness_nm");
    check_positive(layer.site_density_per_nm3, where + "site_density_per_nm3");
    check_positive(layer.attempt_frequency_Hz, where + "attempt_frequency_Hz");
    if (!(std::isfinite(layer.barrier_eV) && layer.barrier_eV >= 0.0))
        fail(where + "barrier_eV must be >= 0");
    if (!std::isfinite(layer.site_energy_eV)) fail(where + "site_energy_eV must be finite");
    if (layer.source.empty()) fail(where + "give the source of its parameters");
}

StackPlan plan(const LayerStackSpec& stack) {
    if (stack.layers.empty()) fail("give at least one layer");
    if (!(stack.site_fraction > 0.0 && stack.site_fraction < 1.0)) {
        fail("site_fraction must lie in (0, 1), found " + std::to_string(stack.site_fraction));
    }
    if (stack.interface_attempt_frequency_Hz) {
        check_positive(*stack.interface_attempt_frequency_Hz, "interface_attempt_frequency_Hz");
    }
    if (stack.interface_barrier_eV &&
        !(std::isfinite(*stack.interface_barrier_eV) && *stack.interface_barrier_eV >= 0.0)) {
        fail("interface_barrier_eV must be a finite number >= 0");
    }
    if (stack.interface_cutoff_A) check_positive(*stack.interface_cutoff_A, "interface_cutoff_A");
    std::set<std::string> names;
    StackPlan p;
    bool any_generic = false;
    std::string first_crystal;
    for (const StackLayer& layer : stack.layers) {
        const std::string& name = layer_name(layer);
        if (name.empty()) fail("every layer needs a name");
        if (!names.insert(name).second) fail("layer name '" + name + "' is used twice");
        if (const GenericLayerSpec* g = generic(layer)) {
            check_generic(*g);
            any_generic = true;
            p.crystals.emplace_back();
            continue;
        }
        p.crystals.push_back(prepare_crystal(std::get<CrystalLayerSpec>(layer)));
        const Eigen::Vector2d section = p.crystals.back()->lengths_A.tail<2>();
        if (first_crystal.empty()) {
            first_crystal = name;
            p.cross_section_A = section;
        } else if ((section - p.cross_section_A).cwiseAbs().maxCoeff() > 1e-6 * section.norm()) {
            std::ostringstream out;
            out << "layer '" << name << "' has the cross-section " << section.transpose() << " A, layer '"
                << first_crystal << "' " << p.cross_section_A.transpose()
                << " A: crystal layers must share b and c (strain is not modelled)";
            fail(out.str());
        }
    }
    if (any_generic) check_positive(stack.lateral_spacing_A, "lateral_spacing_A");
    if (first_crystal.empty()) {
        p.spacing_A = Eigen::Vector2d::Constant(stack.lateral_spacing_A);
        p.cross_section_A = p.spacing_A;
    } else if (any_generic) {
        for (int axis = 0; axis < 2; ++axis) {
            const double rows = std::max(1.0, std::round(p.cross_section_A[axis] / stack.lateral_spacing_A));
            if (!(rows <= std::numeric_limits<int>::max())) {
                std::ostringstream out;
                out << "lateral_spacing_A " << stack.lateral_spacing_A << " gives " << rows
                    << " rows of sites across the crystal layers, more than a plane can hold";
                fail(out.str());
            }
            p.grid[axis] = static_cast<int>(rows);
            p.spacing_A[axis] = p.cross_section_A[axis] / p.grid[axis];
        }
    }
    for (std::size_t k = 0; k < stack.layers.size(); ++k) {
        if (const GenericLayerSpec* g = generic(stack.layers[k])) {
            const double area_A2 = p.spacing_A.x() * p.spacing_A.y();
            p.pitch_A.push_back(1.0 / (g->site_density_per_nm3 * 1e-3 * area_A2));
            // Building scans the periodic images within one hop of every site: (pitch /
            // spacing)^2 of them, or (spacing / pitch) along x. Planes 198 A apart with sites
            // 0.2 A apart in them (found by fuzzing) took over 10 s, sparser ones hours; real
            // layers are within a factor 10.
            const double ratio = p.pitch_A.back() / std::min(p.spacing_A.x(), p.spacing_A.y());
            if (!(ratio <= max_pitch_per_spacing && 1.0 / ratio <= max_pitch_per_spacing)) {
                std::ostringstream out;
                out << "layer '" << g->name << "': its planes are " << p.pitch_A.back()
                    << " A apart (site_density_per_nm3 " << g->site_density_per_nm3 << ") and its sites "
                    << p.spacing_A.minCoeff() << " A apart in a plane (lateral spacing): the two must lie "
                    << "within a factor " << max_pitch_per_spacing << " of each other";
                fail(out.str());
            }
            p.count.push_back(whole_repeats(g->thickness_nm, p.pitch_A.back(), "layer '" + g->name + "': "));
        } else {
            p.pitch_A.push_back(p.crystals[k]->lengths_A.x());
            p.count.push_back(p.crystals[k]->cells);
        }
        p.thickness_A.push_back(p.count.back() * p.pitch_A.back());
        p.start_A.push_back(p.length_A);
        p.length_A += p.thickness_A.back();
    }
    double sites = 0.0;
    for (std::size_t k = 0; k < stack.layers.size(); ++k) {
        const double per_repeat = p.crystals[k] ? static_cast<double>(p.crystals[k]->built.unit.num_sites())
                                                : static_cast<double>(p.grid.x()) * p.grid.y();
        sites += per_repeat * p.count[k];
    }
    std::ostringstream what;
    what << "layer stack: " << stack.layers.size() << " layers of " << p.length_A / 10.0
         << " nm in all (about " << sites << " sites)";
    require_memory(sites * stack_bytes_per_site, what.str());
    return p;
}

// Hop classes of a generic layer: x neighbours (if it has two planes or stands alone) and
// in-plane neighbours; directions at the same distance share one class.
void add_generic_hops(LatticeDescription& d, const GenericLayerSpec& layer, const StackPlan& p, std::size_t k,
                      bool alone) {
    std::vector<std::pair<std::string, double>> directions;
    if (p.count[k] > 1 || alone) directions.emplace_back("x", p.pitch_A[k]);
    directions.emplace_back("y", p.spacing_A.x());
    directions.emplace_back("z", p.spacing_A.y());
    std::vector<std::pair<std::string, double>> classes;
    for (const auto& [axis, distance] : directions) {
        const double distance_A = distance;  // clang 14 cannot capture a structured binding
        const auto same = std::find_if(classes.begin(), classes.end(), [&](const auto& c) {
            return std::abs(c.second - distance_A) < 2.0 * window_A;
        });
        if (same != classes.end()) {
            same->first += axis;
        } else {
            classes.emplace_back(axis, distance);
        }
    }
    for (const auto& [axes, distance] : classes) {
        HopClassSpec hop;
        hop.name = classes.size() == 1 ? layer.name : layer.name + "-" + axes;
        hop.from = hop.to = layer.name;
        hop.distance_A = {distance - window_A, distance + window_A};
        hop.barrier_eV = layer.barrier_eV;
        hop.attempt_frequency_Hz = layer.attempt_frequency_Hz;
        hop.source = "layer_" + layer.name;
        d.hops.push_back(hop);
    }
}

std::size_t add_generic_layer(LatticeDescription& d, const GenericLayerSpec& layer, const StackPlan& p,
                              std::size_t k, bool alone) {
    d.references["layer_" + layer.name] = layer.source;
    SiteClassSpec sites;
    sites.name = layer.name;
    sites.energy_eV = layer.site_energy_eV;
    sites.source = "layer_" + layer.name;
    // The first plane sits half a spacing in from the layer's start.
    for (int plane = 0; plane < p.count[k]; ++plane) {
        const double x = (p.start_A[k] + (plane + 0.5) * p.pitch_A[k]) / p.length_A;
        for (int j = 0; j < p.grid.x(); ++j) {
            for (int l = 0; l < p.grid.y(); ++l) {
                sites.positions.emplace_back(x, double(j) / p.grid.x(), double(l) / p.grid.y());
            }
        }
    }
    d.sites.push_back(sites);
    add_generic_hops(d, layer, p, k, alone);
    return sites.positions.size();
}

std::size_t add_crystal_layer(LatticeDescription& d, const CrystalLayerSpec& layer, const StackPlan& p,
                              std::size_t k) {
    const PreparedCrystal& c = *p.crystals[k];
    const std::string prefix = layer.name + ".";
    for (const auto& [key, citation] : c.crystal.references) d.references[prefix + key] = citation;
    const lattices::LatticeGraph& unit = c.built.unit;
    // The slab is shifted so that the empty margins before its first and after its last
    // sites along x are equal: both interfaces see the same gap.
    double low = 1.0, high = 0.0;
    for (std::size_t s = 0; s < unit.num_sites(); ++s) {
        low = std::min(low, unit.site(s).fractional.x());
        high = std::max(high, unit.site(s).fractional.x());
    }
    const double shift = 0.5 * (1.0 - (high - low)) - low;
    for (const SiteClassSpec& spec : c.crystal.sites) {
        SiteClassSpec sites;
        sites.name = prefix + spec.name;
        sites.energy_eV = spec.energy_eV + layer.site_energy_eV;
        sites.source = prefixed_source(prefix, spec.source);
        for (int cell = 0; cell < c.cells; ++cell) {
            for (std::size_t s = 0; s < unit.num_sites(); ++s) {
                if (unit.site(s).site_class != spec.name) continue;
                const Eigen::Vector3d& f = unit.site(s).fractional;
                sites.positions.emplace_back(
                    (p.start_A[k] + (cell + f.x() + shift) * c.lengths_A.x()) / p.length_A, f.y(), f.z());
            }
        }
        d.sites.push_back(sites);
    }
    for (HopClassSpec hop : c.crystal.hops) {
        hop.name = prefix + hop.name;
        hop.from = prefix + hop.from;
        hop.to = prefix + hop.to;
        hop.tabulated.reset();  // resolved at the crystal's parameter values
        hop.source = prefixed_source(prefix, hop.source);
        d.hops.push_back(hop);
    }
    for (ExclusionSpec rule : c.crystal.exclusions) {
        rule.name = prefix + rule.name;
        for (std::string& between : rule.between) between = prefix + between;
        rule.source = prefixed_source(prefix, rule.source);
        d.exclusions.push_back(rule);
    }
    return static_cast<std::size_t>(std::lround(c.built.mobile_per_cell * c.cells));
}

// The hop between two generic layers: at the mean plane spacing, the higher barrier unless
// the stack gives one.
HopClassSpec generic_interface(const LayerStackSpec& stack, const StackPlan& p, std::size_t k,
                               std::size_t next) {
    const GenericLayerSpec& left = *generic(stack.layers[k]);
    const GenericLayerSpec& right = *generic(stack.layers[next]);
    const GenericLayerSpec& harder = left.barrier_eV >= right.barrier_eV ? left : right;
    HopClassSpec hop;
    hop.name = left.name + "|" + right.name;
    hop.from = left.name;
    hop.to = right.name;
    const double distance = 0.5 * (p.pitch_A[k] + p.pitch_A[next]);
    hop.distance_A = {distance - window_A, distance + window_A};
    hop.barrier_eV = stack.interface_barrier_eV ? *stack.interface_barrier_eV : harder.barrier_eV;
    if (stack.interface_attempt_frequency_Hz) {
        hop.attempt_frequency_Hz = *stack.interface_attempt_frequency_Hz;
    } else if (left.attempt_frequency_Hz == right.attempt_frequency_Hz) {
        hop.attempt_frequency_Hz = left.attempt_frequency_Hz;
    } else {
        fail("layers '" + left.name + "' and '" + right.name +
             "' have different attempt frequencies: give interface_attempt_frequency_Hz (and "
             "interface_barrier_eV) for the hops between them");
    }
    hop.source = "layer_stack, layer_" + harder.name;
    return hop;
}

// Hops across an interface with a crystal: every pair of sites of the two layers within the
// cutoff, one hop class per pair of site classes that has such a pair.
void add_crystal_interface(LatticeDescription& d, const LayerStackSpec& stack, const StackPlan& p,
                           const std::map<std::string, std::size_t>& layer_of_class, std::size_t k,
                           std::size_t next) {
    const std::string left = layer_name(stack.layers[k]), right = layer_name(stack.layers[next]);
    if (!stack.interface_barrier_eV || !stack.interface_attempt_frequency_Hz) {
        fail("the interface between '" + left + "' and '" + right +
             "' involves a crystal: give interface_barrier_eV and interface_attempt_frequency_Hz (no rule "
             "derives them from the two sides)");
    }
    double cutoff = 0.0;
    for (const auto& crystal : p.crystals) {
        if (crystal) cutoff = std::max(cutoff, crystal->longest_hop_A);
    }
    cutoff = stack.interface_cutoff_A.value_or(cutoff + 1e-6);
    // One neighbour search over the sites placed so far finds the class pairs in reach.
    lattices::LatticeGraph scratch(make_cell(d.cell));
    for (const SiteClassSpec& sites : d.sites) {
        for (const Eigen::Vector3d& f : sites.positions) {
            lattices::Site site;
            site.fractional = f;
            site.site_class = sites.name;
            scratch.add_site(site);
        }
    }
    std::set<std::pair<std::string, std::string>> pairs;
    for (const lattices::NeighbourPair& pair : lattices::find_pairs_within(scratch, 0.0, cutoff)) {
        const std::string& a = scratch.site(pair.first).site_class;
        const std::string& b = scratch.site(pair.second).site_class;
        if (layer_of_class.at(a) == k && layer_of_class.at(b) == next) pairs.insert({a, b});
        if (layer_of_class.at(b) == k && layer_of_class.at(a) == next) pairs.insert({b, a});
    }
    if (pairs.empty()) {
        std::ostringstream out;
        out << "no site of layer '" << left << "' lies within interface_cutoff_A = " << cutoff
            << " A of a site of layer '" << right << "': the layers are not connected";
        fail(out.str());
    }
    d.references["interface"] =
        "interface_barrier_eV and interface_attempt_frequency_Hz of the stack (user input)";
    for (const auto& [a, b] : pairs) {
        HopClassSpec hop;
        hop.name = a + "|" + b;
        hop.from = a;
        hop.to = b;
        hop.distance_A = {0.0, cutoff};
        hop.barrier_eV = *stack.interface_barrier_eV;
        hop.attempt_frequency_Hz = *stack.interface_attempt_frequency_Hz;
        hop.source = "interface";
        d.hops.push_back(hop);
    }
}

// A crystal must not reach through a thin neighbour to its own far side: every hop of a
// crystal's own classes has to end inside that crystal's slab.
void check_crystal_hops_stay_inside(const MaterialLattice& built, const LayerStackSpec& stack,
                                    const StackPlan& p) {
    std::map<std::string, std::size_t> crystal_hop_layer;
    for (std::size_t k = 0; k < stack.layers.size(); ++k) {
        if (!p.crystals[k]) continue;
        for (const HopClassSpec& hop : p.crystals[k]->crystal.hops) {
            crystal_hop_layer[layer_name(stack.layers[k]) + "." + hop.name] = k;
        }
    }
    if (crystal_hop_layer.empty() || stack.layers.size() == 1) return;
    const auto& g = built.unit.graph();
    constexpr double tolerance_A = 1e-6;
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const auto found = crystal_hop_layer.find(g[*e].hop_class);
        if (found == crystal_hop_layer.end()) continue;
        const std::size_t k = found->second;
        const double x =
            built.unit.site(boost::source(*e, g)).fractional.x() * p.length_A + g[*e].displacement_A.x();
        if (x < p.start_A[k] - tolerance_A || x > p.start_A[k] + p.thickness_A[k] + tolerance_A) {
            std::ostringstream out;
            out << "layer '" << layer_name(stack.layers[k]) << "': its hop class '" << g[*e].hop_class
                << "' reaches across the other layers to its own far side; make them together thicker than "
                << std::abs(g[*e].displacement_A.x()) << " A";
            fail(out.str());
        }
    }
}

LatticeDescription describe(const LayerStackSpec& stack, const StackPlan& p, bool alone) {
    LatticeDescription d;
    d.name = "stack";
    d.description = "layers along x:";
    d.references["layer_stack"] =
        "Layers stacked along x by ionhop (materials/layer_stack.hpp): generic layers are tetragonal Li-site "
        "lattices with plane spacing 1/(density a_y a_z) along x and a_y, a_z in-plane, hops between generic "
        "layers at the mean plane spacing; crystal layers are whole unit cells of their material";
    CellSpec cell;
    cell.vectors_A = Eigen::Vector3d(p.length_A, p.cross_section_A.x(), p.cross_section_A.y()).asDiagonal();
    cell.source = "layer_stack";
    d.cell = cell;
    std::ostringstream notes;
    notes << "Realised thicknesses (whole planes or unit cells):";
    std::size_t total_sites = 0, generic_sites = 0, crystal_ions = 0;
    std::map<std::string, std::size_t> layer_of_class;
    for (std::size_t k = 0; k < stack.layers.size(); ++k) {
        const std::size_t first_class = d.sites.size();
        if (const GenericLayerSpec* g = generic(stack.layers[k])) {
            const std::size_t sites = add_generic_layer(d, *g, p, k, alone);
            generic_sites += sites;
            total_sites += sites;
        } else {
            crystal_ions += add_crystal_layer(d, std::get<CrystalLayerSpec>(stack.layers[k]), p, k);
            for (std::size_t c = first_class; c < d.sites.size(); ++c)
                total_sites += d.sites[c].positions.size();
        }
        for (std::size_t c = first_class; c < d.sites.size(); ++c) layer_of_class[d.sites[c].name] = k;
        d.description += " " + layer_name(stack.layers[k]);
        notes << ' ' << layer_name(stack.layers[k]) << ' ' << p.thickness_A[k] / 10.0 << " nm;";
    }
    if (generic_sites > 0 && !p.crystals.empty() &&
        std::any_of(p.crystals.begin(), p.crystals.end(), [](const auto& c) { return c.has_value(); })) {
        notes << " generic in-plane spacing " << p.spacing_A.x() << " x " << p.spacing_A.y()
              << " A (the crystal cross-section over whole sites);";
    }
    // One set of interface hops per pair of neighbouring layers (both interfaces of a
    // two-layer stack).
    const std::size_t count = stack.layers.size();
    std::set<std::pair<std::size_t, std::size_t>> interfaces;
    for (std::size_t k = 0; count > 1 && k < count; ++k) {
        const std::size_t next = (k + 1) % count;
        if (!interfaces.insert({std::min(k, next), std::max(k, next)}).second) continue;
        if (!p.crystals[k] && !p.crystals[next]) {
            d.hops.push_back(generic_interface(stack, p, k, next));
        } else {
            add_crystal_interface(d, stack, p, layer_of_class, k, next);
        }
    }
    d.notes = notes.str();
    d.composition.formula = "stack";
    d.composition.formula_units_per_cell = 1;
    const double generic_ions =
        generic_sites > 0 ? std::max(1.0, std::round(stack.site_fraction * generic_sites)) : 0.0;
    d.composition.mobile_per_formula_unit = generic_ions + static_cast<double>(crystal_ions);
    d.composition.mobile_range = {1.0, static_cast<double>(total_sites)};
    d.composition.source = "layer_stack";
    return d;
}

// Every generic site must have exactly its two x neighbours and four in-plane neighbours
// among generic sites (one x neighbour fewer on a face towards a crystal): a spacing that
// is a multiple of another would let a window catch the wrong pair.
void check_generic_neighbours(const MaterialLattice& built, const LayerStackSpec& stack) {
    std::set<std::string> generic_classes, next_to_crystal;
    const std::size_t count = stack.layers.size();
    for (std::size_t k = 0; k < count; ++k) {
        if (!generic(stack.layers[k])) continue;
        generic_classes.insert(layer_name(stack.layers[k]));
        const bool crystal_before = !generic(stack.layers[(k + count - 1) % count]);
        const bool crystal_after = !generic(stack.layers[(k + 1) % count]);
        if (crystal_before || crystal_after) next_to_crystal.insert(layer_name(stack.layers[k]));
    }
    const auto& g = built.unit.graph();
    for (std::size_t s = 0; s < built.unit.num_sites(); ++s) {
        const std::string& site_class = built.unit.site(s).site_class;
        if (generic_classes.count(site_class) == 0) continue;
        std::size_t generic_hops = 0;
        for (auto [e, end] = boost::out_edges(s, g); e != end; ++e) {
            if (generic_classes.count(built.unit.site(boost::target(*e, g)).site_class) > 0) ++generic_hops;
        }
        const bool at_crystal = next_to_crystal.count(site_class) > 0;
        if (generic_hops == 6 || (at_crystal && (generic_hops == 5 || generic_hops == 4))) continue;
        fail("layer '" + site_class + "': a site has " + std::to_string(generic_hops) +
             " hops to generic sites instead of 6; its plane spacing and the lateral spacing make neighbours "
             "ambiguous (change the density or lateral_spacing_A)");
    }
}

}  // namespace

const std::string& layer_name(const StackLayer& layer) {
    return std::visit([](const auto& l) -> const std::string& { return l.name; }, layer);
}

std::vector<double> realised_thickness_nm(const LayerStackSpec& stack) {
    const StackPlan p = plan(stack);
    std::vector<double> thickness;
    for (double t : p.thickness_A) thickness.push_back(t / 10.0);
    return thickness;
}

std::array<double, 2> realised_lateral_spacing_A(const LayerStackSpec& stack) {
    check_positive(stack.lateral_spacing_A, "lateral_spacing_A");
    std::array<double, 2> spacing{stack.lateral_spacing_A, stack.lateral_spacing_A};
    for (const StackLayer& layer : stack.layers) {
        if (generic(layer)) continue;
        const PreparedCrystal c = prepare_crystal(std::get<CrystalLayerSpec>(layer));
        for (int axis = 0; axis < 2; ++axis) {
            const double length = c.lengths_A[axis + 1];
            spacing[axis] =
                length / std::max(1, static_cast<int>(std::lround(length / stack.lateral_spacing_A)));
        }
        break;
    }
    return spacing;
}

LatticeDescription describe_layer_stack(const LayerStackSpec& stack) {
    const StackPlan p = plan(stack);
    const LatticeDescription d = describe(stack, p, stack.layers.size() == 1);
    const MaterialLattice built = build_lattice(d);  // once, for both geometric checks
    check_crystal_hops_stay_inside(built, stack, p);
    check_generic_neighbours(built, stack);
    return d;
}

std::vector<std::string> layer_site_classes(const LayerStackSpec& stack, std::size_t k) {
    if (k >= stack.layers.size()) fail("no layer " + std::to_string(k));
    if (const GenericLayerSpec* g = generic(stack.layers[k])) return {g->name};
    const CrystalLayerSpec& c = std::get<CrystalLayerSpec>(stack.layers[k]);
    std::vector<std::string> classes;
    for (const SiteClassSpec& sites : c.crystal.sites) classes.push_back(c.name + "." + sites.name);
    return classes;
}

LatticeDescription describe_layer_alone(const LayerStackSpec& stack, std::size_t k) {
    if (k >= stack.layers.size()) fail("no layer " + std::to_string(k));
    const StackPlan whole = plan(stack);
    // The layer's part of the stack's cell, made periodic along x.
    if (!generic(stack.layers[k]))
        return expand_to_supercell(whole.crystals[k]->crystal, {whole.count[k], 1, 1});
    LayerStackSpec alone;
    alone.layers = {stack.layers[k]};
    alone.site_fraction = stack.site_fraction;
    alone.lateral_spacing_A = whole.spacing_A.x();
    StackPlan p = plan(alone);
    p.spacing_A = whole.spacing_A;
    p.grid = whole.grid;
    p.cross_section_A = whole.cross_section_A;
    p.pitch_A[0] = whole.pitch_A[k];
    p.count[0] = whole.count[k];
    p.thickness_A[0] = whole.thickness_A[k];
    p.length_A = whole.thickness_A[k];
    const LatticeDescription d = describe(alone, p, true);
    check_generic_neighbours(build_lattice(d), alone);
    return d;
}

}  // namespace ionhop::materials
