#pragma once
// Layers stacked along x (electrolyte | interphase | electrolyte ..., periodic) as one
// lattice description: predictions, sweeps and outputs then work on a stack as on any
// material. A layer is either generic (a tetragonal Li-site lattice with its own site
// density, barrier, attempt frequency and site energy; one site class named by the layer)
// or a crystal (whole unit cells of a material along x, its site classes prefixed with the
// layer's name, "electrolyte.48h"), so the class occupancies give the layer occupancies.
// The site-energy differences between layers are the chemical-potential steps at the
// interfaces.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ionhop/materials/lattice_description.hpp"

namespace ionhop::materials {

struct GenericLayerSpec {
    std::string name;                   // unique; also the site class
    double thickness_nm = 0.0;          // realised as a whole number of site planes
    double site_density_per_nm3 = 0.0;  // Li sites
    double barrier_eV = 0.0;            // E_KRA of the hops inside the layer
    double attempt_frequency_Hz = 0.0;
    double site_energy_eV = 0.0;
    std::string source;  // citation of the layer's parameters (or "user input ...")
};

// Whole unit cells of a crystal along x, as many as make the thickness closest to the one
// asked for (at least one). The crystal's cell must have its axes along x, y and z; its
// material parameters are resolved, its dopants and spectator sites left out.
struct CrystalLayerSpec {
    std::string name;  // unique; prefix of its site and hop classes
    LatticeDescription crystal;
    double thickness_nm = 0.0;
    double site_energy_eV = 0.0;  // added to every site of the layer
};

using StackLayer = std::variant<GenericLayerSpec, CrystalLayerSpec>;
const std::string& layer_name(const StackLayer& layer);

struct LayerStackSpec {
    std::vector<StackLayer> layers;  // along x; the stack repeats periodically
    // In-plane site spacing of every generic layer. With a crystal layer the cross-section
    // is the crystal's (b, c): the spacing becomes b / round(b / spacing) along y and
    // c / round(c / spacing) along z.
    double lateral_spacing_A = 0.0;
    // E_KRA of a hop across an interface; empty: the higher of the two layers' barriers,
    // the bottleneck a Li crossing must pass (generic layers only: an interface with a
    // crystal needs it given).
    std::optional<double> interface_barrier_eV;
    // Its attempt frequency; empty: the layers' common one. Layers with different attempt
    // frequencies (e.g. derived from measured conductivities) need it given: no rule picks
    // one without favouring a side.
    std::optional<double> interface_attempt_frequency_Hz;
    // Interfaces with a crystal: every pair of sites across it closer than this hops;
    // empty: the longest hop of the crystal(s).
    std::optional<double> interface_cutoff_A;
    // Default content: this fraction of the generic layers' sites holds Li, the crystals
    // hold their materials' default content.
    double site_fraction = 0.0;
};

// Sites of generic layer k sit d_k = 1 / (density a_y a_z) apart along x, a_y and a_z apart
// in y and z; hops to the two x neighbours and four in-plane neighbours. Throws
// ionhop::Error naming the layer for a missing name, a thickness, density, spacing,
// barrier or frequency that is not a positive finite number, a site fraction outside
// (0, 1), spacings that would make neighbours ambiguous, a crystal whose axes are not
// along x, y, z or whose cross-section differs from another crystal layer's, an interface
// with a crystal without interface_barrier_eV and interface_attempt_frequency_Hz, or a
// layer so thin that a crystal hops across it to itself.
LatticeDescription describe_layer_stack(const LayerStackSpec& stack);

// The thickness of each layer as built (nm): a whole number of planes d_k apart, or of
// unit cells.
std::vector<double> realised_thickness_nm(const LayerStackSpec& stack);

// The in-plane site spacings (y, z) of the generic layers as built (Angstrom).
std::array<double, 2> realised_lateral_spacing_A(const LayerStackSpec& stack);

// The site classes of layer k in describe_layer_stack(stack), and the layer alone as a
// bulk material: its part of the stack's cell made periodic along x (a crystal's site
// classes without the prefix).
std::vector<std::string> layer_site_classes(const LayerStackSpec& stack, std::size_t k);
LatticeDescription describe_layer_alone(const LayerStackSpec& stack, std::size_t k);

}  // namespace ionhop::materials
