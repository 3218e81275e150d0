#pragma once
// The table of interphase phases shipped with ionhop (materials/phases/interphases.toml):
// Li site density, room-temperature conductivity and activation energy, each with its
// source or empty where no value was confirmed. A generic layer of a phase takes its
// parameters from the table; every value the table does not have must come from the user.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ionhop/materials/layer_stack.hpp"

namespace ionhop::materials {

struct InterphasePhase {
    std::string name;  // what configs ask for, e.g. "Li3P"
    std::string formula;
    std::string structure;
    std::optional<double> li_density_per_nm3;  // empty: unknown
    std::string density_source;
    std::optional<double> sigma_RT_S_per_cm;
    double sigma_T_K = 298.0;
    std::string sigma_source;
    std::optional<double> activation_energy_eV;
    std::string activation_source;
    std::string notes;
};

// Every phase of the table, in file order. Throws ionhop::Error if the shipped file is bad.
const std::vector<InterphasePhase>& interphase_phases();
// Throws ionhop::Error naming the valid phases for an unknown name.
const InterphasePhase& find_interphase(std::string_view name);
// Reads a table in the same format (for tests and user tables); errors name origin and key.
std::vector<InterphasePhase> parse_interphase_table(const std::string& file_text, const std::string& origin);

// What the user gives for a layer of a phase; each given value replaces the table's.
struct PhaseLayerRequest {
    std::string layer_name;
    std::string phase;
    double thickness_nm = 0.0;
    std::optional<double> site_density_per_nm3;
    std::optional<double> barrier_eV;
    std::optional<double> attempt_frequency_Hz;
    double site_energy_eV = 0.0;
    std::string source;  // of the user's values, if any
};

// A generic layer with the phase's parameters: site density from the table; barrier =
// activation energy (for a lattice gas without interactions the Arrhenius energy of
// sigma T is E_KRA); attempt frequency such that the layer alone at half filling has the
// table's sigma along x at its temperature:
//   sigma = e^2 rho c (1 - c) d^2 nu exp(-E/kT) / kT,  c = 1/2, d = 1 / (rho a^2),
// with a = `lateral_spacing_A` (in a stack with a crystal layer, the geometric mean of the
// in-plane spacings the layer gets: d depends on their product only). Throws ionhop::Error naming the layer,
// the phase and each missing value ("unknown in the interphase table: give site_density_per_nm3 ...").
GenericLayerSpec layer_from_phase(const PhaseLayerRequest& request, double lateral_spacing_A);

}  // namespace ionhop::materials
