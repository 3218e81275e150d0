#include "builders.hpp"

namespace ionhop::lattices::builders {

TestLatticeInfo square_lattice() {
    auto build = [](const TestLatticeOptions& options) {
        const double d = options.hop_length_A;
        const Cell cell = make_orthorhombic_cell(d, d, open_axis_hop_lengths * d, {true, true, false});
        return make_nearest_neighbour_crystal(cell, {{Eigen::Vector3d(0, 0, 0)}}, hop_parameters(options));
    };
    return {"square", "2D square lattice in the xy plane, one site per cell", 2, 4, build};
}

}  // namespace ionhop::lattices::builders
