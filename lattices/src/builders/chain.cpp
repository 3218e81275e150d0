#include "builders.hpp"

namespace ionhop::lattices::builders {

TestLatticeInfo chain_lattice() {
    auto build = [](const TestLatticeOptions& options) {
        const double d = options.hop_length_A;
        const double open = open_axis_hop_lengths * d;
        const Cell cell = make_orthorhombic_cell(d, open, open, {true, false, false});
        return make_nearest_neighbour_crystal(cell, {{Eigen::Vector3d(0, 0, 0)}}, hop_parameters(options));
    };
    return {"chain", "1D chain along x, one site per cell", 1, 2, build};
}

}  // namespace ionhop::lattices::builders
