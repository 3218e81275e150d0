#include "ionhop/materials/layer_stack.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/build.hpp"

namespace ionhop::materials {
namespace {

constexpr double window_A = 0.01;  // half-width of every distance window

[[noreturn]] void fail(const std::string& message) { throw Error("layer stack: " + message); }

void check_positive(double value, const std::string& what) {
    if (!(std::isfinite(value) && value > 0.0)) {
        std::ostringstream out;
        out << what << " must be a finite number > 0, found " << value;
        fail(out.str());
    }
}

double plane_spacing_A(const GenericLayerSpec& layer, double lateral_A) {
    const double density_per_A3 = layer.site_density_per_nm3 * 1e-3;
    return 1.0 / (density_per_A3 * lateral_A * lateral_A);
}

int planes(const GenericLayerSpec& layer, double lateral_A) {
    return std::max(
        1, static_cast<int>(std::lround(layer.thickness_nm * 10.0 / plane_spacing_A(layer, lateral_A))));
}

void check(const LayerStackSpec& stack) {
    if (stack.layers.empty()) fail("give at least one layer");
    check_positive(stack.lateral_spacing_A, "lateral_spacing_A");
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
    std::set<std::string> names;
    for (const GenericLayerSpec& layer : stack.layers) {
        if (layer.name.empty()) fail("every layer needs a name");
        if (!names.insert(layer.name).second) fail("layer name '" + layer.name + "' is used twice");
        const std::string where = "layer '" + layer.name + "': ";
        check_positive(layer.thickness_nm, where + "thickness_nm");
        check_positive(layer.site_density_per_nm3, where + "site_density_per_nm3");
        check_positive(layer.attempt_frequency_Hz, where + "attempt_frequency_Hz");
        if (!(std::isfinite(layer.barrier_eV) && layer.barrier_eV >= 0.0))
            fail(where + "barrier_eV must be >= 0");
        if (!std::isfinite(layer.site_energy_eV)) fail(where + "site_energy_eV must be finite");
        if (layer.source.empty()) fail(where + "give the source of its parameters");
    }
}

}  // namespace

std::vector<double> realised_thickness_nm(const LayerStackSpec& stack) {
    check(stack);
    std::vector<double> thickness;
    for (const GenericLayerSpec& layer : stack.layers) {
        thickness.push_back(planes(layer, stack.lateral_spacing_A) *
                            plane_spacing_A(layer, stack.lateral_spacing_A) / 10.0);
    }
    return thickness;
}

LatticeDescription describe_layer_stack(const LayerStackSpec& stack) {
    check(stack);
    const double a = stack.lateral_spacing_A;
    const std::size_t count = stack.layers.size();
    std::vector<double> spacing(count), start(count + 1, 0.0);
    std::vector<int> plane_count(count);
    for (std::size_t k = 0; k < count; ++k) {
        spacing[k] = plane_spacing_A(stack.layers[k], a);
        plane_count[k] = planes(stack.layers[k], a);
        start[k + 1] = start[k] + plane_count[k] * spacing[k];
    }
    const double length_A = start[count];

    LatticeDescription d;
    d.name = "stack";
    d.description = "generic layers along x:";
    d.references["layer_stack"] =
        "Generic tetragonal Li-site lattices stacked along x by ionhop (materials/layer_stack.hpp): site "
        "spacing 1/(density a^2) along x, a in-plane; interface hops at the mean plane spacing";
    d.cell.vectors_A = Eigen::Vector3d(length_A, a, a).asDiagonal();
    d.cell.source = "layer_stack";
    std::ostringstream notes;
    notes << "Realised thicknesses (whole planes):";
    std::size_t total_sites = 0;
    for (std::size_t k = 0; k < count; ++k) {
        const GenericLayerSpec& layer = stack.layers[k];
        const std::string reference = "layer_" + layer.name;
        d.references[reference] = layer.source;
        d.description += " " + layer.name;
        notes << ' ' << layer.name << ' ' << plane_count[k] * spacing[k] / 10.0 << " nm;";
        SiteClassSpec sites;
        sites.name = layer.name;
        sites.energy_eV = layer.site_energy_eV;
        sites.source = reference;
        // The first plane sits half a spacing in from the layer's start.
        for (int p = 0; p < plane_count[k]; ++p) {
            sites.positions.emplace_back((start[k] + (p + 0.5) * spacing[k]) / length_A, 0.0, 0.0);
        }
        total_sites += sites.positions.size();
        d.sites.push_back(sites);

        const auto add_hop = [&](const std::string& name, double distance) {
            HopClassSpec hop;
            hop.name = name;
            hop.from = hop.to = layer.name;
            hop.distance_A = {distance - window_A, distance + window_A};
            hop.barrier_eV = layer.barrier_eV;
            hop.attempt_frequency_Hz = layer.attempt_frequency_Hz;
            hop.source = reference;
            d.hops.push_back(hop);
        };
        // A one-plane layer between two others has no x hop of its own.
        const bool inner_x_hops = plane_count[k] > 1 || count == 1;
        if (inner_x_hops && std::abs(spacing[k] - a) < 2.0 * window_A) {
            add_hop(layer.name, a);
        } else {
            if (inner_x_hops) add_hop(layer.name + "-x", spacing[k]);
            add_hop(layer.name + "-yz", a);
        }
    }
    // One hop class per pair of neighbouring layers (both interfaces of a two-layer stack).
    std::set<std::pair<std::size_t, std::size_t>> interfaces;
    for (std::size_t k = 0; count > 1 && k < count; ++k) {
        const std::size_t next = (k + 1) % count;
        if (!interfaces.insert({std::min(k, next), std::max(k, next)}).second) continue;
        const GenericLayerSpec& left = stack.layers[k];
        const GenericLayerSpec& right = stack.layers[next];
        const GenericLayerSpec& harder = left.barrier_eV >= right.barrier_eV ? left : right;
        HopClassSpec hop;
        hop.name = left.name + "|" + right.name;
        hop.from = left.name;
        hop.to = right.name;
        const double distance = 0.5 * (spacing[k] + spacing[next]);
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
        d.hops.push_back(hop);
    }
    d.notes = notes.str();
    d.composition.formula = "stack";
    d.composition.formula_units_per_cell = 1;
    d.composition.mobile_per_formula_unit = std::max(1.0, std::round(stack.site_fraction * total_sites));
    d.composition.mobile_range = {1.0, static_cast<double>(total_sites)};
    d.composition.source = "layer_stack";

    // Every site must have exactly its two x neighbours and four in-plane neighbours: a
    // spacing that is a multiple of another would let a window catch the wrong pair.
    const MaterialLattice built = build_lattice(d);
    for (std::size_t s = 0; s < built.unit.num_sites(); ++s) {
        const std::size_t hops = boost::out_degree(s, built.unit.graph());
        if (hops != 6) {
            fail("layer '" + built.unit.site(s).site_class + "': a site has " + std::to_string(hops) +
                 " hops instead of 6; its plane spacing and the lateral spacing make neighbours ambiguous "
                 "(change the density or lateral_spacing_A)");
        }
    }
    return d;
}

}  // namespace ionhop::materials
