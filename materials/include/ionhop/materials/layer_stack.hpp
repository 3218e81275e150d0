#pragma once
// Generic layers stacked along x (electrolyte | interphase | electrolyte ..., periodic), each
// a tetragonal Li-site lattice with its own site density, barrier, attempt frequency and
// site energy, as a lattice description: predictions, sweeps and outputs then work on a
// stack as on any material. Sites of one layer form one site class (named by the layer),
// so the class occupancies are the layer occupancies. The site-energy differences between
// layers are the chemical-potential steps at the interfaces.
#include <optional>
#include <string>
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

struct LayerStackSpec {
    std::vector<GenericLayerSpec> layers;  // along x; the stack repeats periodically
    double lateral_spacing_A = 0.0;        // common in-plane site spacing of every layer
    // E_KRA of a hop across an interface; empty: the higher of the two layers' barriers,
    // the bottleneck a Li crossing must pass.
    std::optional<double> interface_barrier_eV;
    // Its attempt frequency; empty: the layers' common one. Layers with different attempt
    // frequencies (e.g. derived from measured conductivities) need it given: no rule picks
    // one without favouring a side.
    std::optional<double> interface_attempt_frequency_Hz;
    double site_fraction = 0.0;  // default content: fraction of all sites holding Li
};

// Sites of layer k sit d_k = 1 / (density a^2) apart along x, a apart in y and z; hops to
// the two x neighbours and four in-plane neighbours. Throws ionhop::Error naming the layer
// for a missing name, a thickness, density, spacing, barrier or frequency that is not a
// positive finite number, a site fraction outside (0, 1), or spacings that would make
// neighbours ambiguous.
LatticeDescription describe_layer_stack(const LayerStackSpec& stack);

// The thickness of each layer as built (nm): a whole number of planes d_k apart.
std::vector<double> realised_thickness_nm(const LayerStackSpec& stack);

}  // namespace ionhop::materials
