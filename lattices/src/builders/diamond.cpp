#include <cmath>

#include "builders.hpp"

namespace ionhop::lattices::builders {

// Conventional cubic cell: two fcc sublattices offset by a quarter body diagonal, so
// d = sqrt(3) a / 4.
TestLatticeInfo diamond_lattice() {
    auto build = [](const TestLatticeOptions& options) {
        const double a = 4.0 * options.hop_length_A / std::sqrt(3.0);
        std::vector<BasisSite> basis;
        const Eigen::Vector3d fcc[] = {{0.0, 0.0, 0.0}, {0.0, 0.5, 0.5}, {0.5, 0.0, 0.5}, {0.5, 0.5, 0.0}};
        for (const Eigen::Vector3d& f : fcc) {
            basis.push_back({f, "A"});
        }
        for (const Eigen::Vector3d& f : fcc) {
            basis.push_back({f + Eigen::Vector3d(0.25, 0.25, 0.25), "B"});
        }
        return make_nearest_neighbour_crystal(make_orthorhombic_cell(a, a, a), basis,
                                              hop_parameters(options));
    };
    return {"diamond", "diamond lattice, conventional cell with 8 sites", 3, 4, build};
}

}  // namespace ionhop::lattices::builders
