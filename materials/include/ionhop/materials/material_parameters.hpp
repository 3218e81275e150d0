#pragma once
// Material parameters ([[parameters]] in a lattice file) and the hop classes tabulated
// against them: resolving the tables at a value, and setting a value for a run.
#include <string>

#include "ionhop/materials/lattice_description.hpp"

namespace ionhop::materials {

struct HopRateParameters {
    double barrier_eV = 0.0;
    double attempt_frequency_Hz = 0.0;
};

// The table at x: E_KRA and ln(nu) linear between the two points around x. x must lie
// within the table (the reader checks that every parameter's range does).
HopRateParameters interpolate_hop(const HopTabulation& table, double x);

// The parameter names, comma-separated ("none" if there are none), for messages.
std::string material_parameter_names(const LatticeDescription& d);

// Sets barrier_eV and attempt_frequency_Hz of every tabulated hop class from the current
// parameter values. Throws ionhop::Error for a table naming no parameter of `d`.
void resolve_tabulated_hops(LatticeDescription& d);

// The material with parameter `name` set to `value` and its tabulated hops resolved.
// Throws ionhop::Error naming the parameter for an unknown name (listing the valid ones),
// a value that is not finite, or one outside the parameter's range.
LatticeDescription with_material_parameter(LatticeDescription d, const std::string& name, double value);

}  // namespace ionhop::materials
