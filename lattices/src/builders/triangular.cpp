#include <cmath>

#include "builders.hpp"

namespace ionhop::lattices::builders {

// Rectangular cell d x sqrt(3) d with a centred site: a centred rectangular lattice with
// this aspect ratio is the triangular lattice, and keeps supercells orthogonal.
TestLatticeInfo triangular_lattice() {
    auto build = [](const TestLatticeOptions& options) {
        const double d = options.hop_length_A;
        const Cell cell =
            make_orthorhombic_cell(d, std::sqrt(3.0) * d, open_axis_hop_lengths * d, {true, true, false});
        const std::vector<BasisSite> basis = {
            {Eigen::Vector3d(0.0, 0.0, 0.0)},
            {Eigen::Vector3d(0.5, 0.5, 0.0)},
        };
        return make_nearest_neighbour_crystal(cell, basis, hop_parameters(options));
    };
    return {"triangular", "2D triangular lattice, rectangular cell with 2 sites", 2, 6, build};
}

}  // namespace ionhop::lattices::builders
