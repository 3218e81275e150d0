#pragma once
// A simple-cubic lattice file as text (a = 2 A, one site class "A" at the corner,
// nearest-neighbour hops "nn"): the whole file -> build -> prediction path on a lattice with
// exact answers. `extra` appends tables (spectators, dopants) citing the source "test".
#include <sstream>
#include <string>

namespace ionhop::testing {

inline std::string cubic_lattice_file(double barrier_eV, double default_content,
                                      const std::string& extra = "") {
    std::ostringstream text;
    text.precision(17);
    text << "format = \"ionhop-lattice/1\"\nname = \"cubic\"\n"
         << "[references]\ntest = \"simple cubic test lattice, a = 2 A, exact lattice-gas results\"\n"
         << "[cell]\nlengths_A = [2.0, 2.0, 2.0]\nangles_deg = [90.0, 90.0, 90.0]\nsource = \"test\"\n"
         << "[composition]\nformula = \"Li\"\nformula_units_per_cell = 1\nmobile_per_formula_unit = "
         << default_content << "\nmobile_range_per_formula_unit = [0.01, 1.0]\nsource = \"test\"\n"
         << "[[sites]]\nclass = \"A\"\npositions = [[0.0, 0.0, 0.0]]\nsource = \"test\"\n"
         << "[[hops]]\nclass = \"nn\"\nbetween = [\"A\", \"A\"]\ndistance_A = [1.9, 2.1]\nbarrier_eV = "
         << barrier_eV << "\nattempt_frequency_Hz = 1e13\nsource = \"test\"\n"
         << extra;
    return text.str();
}

}  // namespace ionhop::testing
