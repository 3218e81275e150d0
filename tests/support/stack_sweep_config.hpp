#pragma once
// A config of two generic layers along x (1 nm electrolyte at 0.25 eV | 0.4 nm interphase at
// 0.3 eV, 125 sites/nm^3 with 2 A spacing), run cheaply at `temperatures` (TOML list) and
// swept over the interphase thickness `thickness_values` (TOML list): the stack runs of the
// sweep tests, small enough for the unit tier.
#include <string>

namespace ionhop::testing {

inline std::string stack_sweep_config(const std::string& temperatures, const std::string& thickness_values) {
    return "[lattice]\nlateral_spacing_A = 2.0\n"
           "[[lattice.layer]]\nname = \"electrolyte\"\nthickness_nm = 1.0\nsite_density_per_nm3 = 125.0\n"
           "barrier_eV = 0.25\nattempt_frequency_Hz = 1e13\nsource = \"test\"\n"
           "[[lattice.layer]]\nname = \"interphase\"\nthickness_nm = 0.4\nsite_density_per_nm3 = 125.0\n"
           "barrier_eV = 0.3\nattempt_frequency_Hz = 1e13\nsource = \"test\"\n"
           "[run]\ntemperatures_K = " +
           temperatures +
           "\nsupercell = [1, 4, 4]\nmin_replicas = 2\nmax_replicas = 2\ntarget_relative_error = 0.0\nseed = "
           "5\n"
           "[[sweep]]\nkey = \"lattice.layer.interphase.thickness_nm\"\nvalues = " +
           thickness_values + "\n";
}

}  // namespace ionhop::testing
