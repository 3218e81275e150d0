#include <cmath>

#include "builders.hpp"

namespace ionhop::lattices::builders {

// Rectangular cell sqrt(3) d x 3 d with bonds along y: A(0,0)-B(0,d) and the same pair
// shifted by (sqrt(3)/2 d, 3/2 d). A rectangular cell keeps supercells orthogonal.
TestLatticeInfo honeycomb_lattice() {
    auto build = [](const TestLatticeOptions& options) {
        const double d = options.hop_length_A;
        const Cell cell = make_orthorhombic_cell(std::sqrt(3.0) * d, 3.0 * d, open_axis_hop_lengths * d,
                                                 {true, true, false});
        const std::vector<BasisSite> basis = {
            {Eigen::Vector3d(0.0, 0.0, 0.0), "A"},
            {Eigen::Vector3d(0.0, 1.0 / 3.0, 0.0), "B"},
            {Eigen::Vector3d(0.5, 0.5, 0.0), "A"},
            {Eigen::Vector3d(0.5, 5.0 / 6.0, 0.0), "B"},
        };
        return make_nearest_neighbour_crystal(cell, basis, hop_parameters(options));
    };
    return {"honeycomb", "2D honeycomb lattice, rectangular cell with 4 sites", 2, 3, build};
}

}  // namespace ionhop::lattices::builders
