#include <cmath>

#include "builders.hpp"

namespace ionhop::lattices::builders {

// Conventional cubic cell; nearest neighbours along the face diagonal: d = a / sqrt(2).
TestLatticeInfo fcc_lattice() {
    auto build = [](const TestLatticeOptions& options) {
        const double a = std::sqrt(2.0) * options.hop_length_A;
        const std::vector<BasisSite> basis = {
            {Eigen::Vector3d(0.0, 0.0, 0.0)},
            {Eigen::Vector3d(0.0, 0.5, 0.5)},
            {Eigen::Vector3d(0.5, 0.0, 0.5)},
            {Eigen::Vector3d(0.5, 0.5, 0.0)},
        };
        return make_nearest_neighbour_crystal(make_orthorhombic_cell(a, a, a), basis,
                                              hop_parameters(options));
    };
    return {"fcc", "face-centred cubic, conventional cell with 4 sites", 3, 12, build};
}

}  // namespace ionhop::lattices::builders
