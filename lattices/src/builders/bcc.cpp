#include <cmath>

#include "builders.hpp"

namespace ionhop::lattices::builders {

// Conventional cubic cell; nearest neighbours along the body diagonal: d = sqrt(3) a / 2.
TestLatticeInfo bcc_lattice() {
    auto build = [](const TestLatticeOptions& options) {
        const double a = 2.0 * options.hop_length_A / std::sqrt(3.0);
        const std::vector<BasisSite> basis = {
            {Eigen::Vector3d(0.0, 0.0, 0.0)},
            {Eigen::Vector3d(0.5, 0.5, 0.5)},
        };
        return make_nearest_neighbour_crystal(make_orthorhombic_cell(a, a, a), basis,
                                              hop_parameters(options));
    };
    return {"bcc", "body-centred cubic, conventional cell with 2 sites", 3, 8, build};
}

}  // namespace ionhop::lattices::builders
