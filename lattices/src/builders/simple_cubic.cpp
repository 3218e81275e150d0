#include "builders.hpp"

namespace ionhop::lattices::builders {

TestLatticeInfo simple_cubic_lattice() {
    auto build = [](const TestLatticeOptions& options) {
        const double d = options.hop_length_A;
        return make_nearest_neighbour_crystal(make_orthorhombic_cell(d, d, d), {{Eigen::Vector3d(0, 0, 0)}},
                                              hop_parameters(options));
    };
    return {"simple-cubic", "simple cubic lattice, one site per cell", 3, 6, build};
}

}  // namespace ionhop::lattices::builders
