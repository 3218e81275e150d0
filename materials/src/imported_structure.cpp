#include "imported_structure.hpp"

#include <cmath>
#include <limits>

namespace ionhop::materials {

double periodic_distance_A(const lattices::Cell& cell, const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
    Eigen::Vector3d d = a - b;
    d -= d.array().round().matrix();
    // The nearest image after rounding is the nearest only in orthogonal cells; the
    // neighbouring images cover skewed ones.
    double shortest = std::numeric_limits<double>::infinity();
    for (int i = -1; i <= 1; ++i)
        for (int j = -1; j <= 1; ++j)
            for (int k = -1; k <= 1; ++k)
                shortest = std::min(shortest, cell.to_cartesian_A(d + Eigen::Vector3d(i, j, k)).norm());
    return shortest;
}

Eigen::Vector3d wrapped_fractional(Eigen::Vector3d p) {
    // 0.5 - 0.2718 is 0.22820000000000004 in binary: round off the noise (1e-10 of a
    // cell length is far below any coordinate's precision) so the file reads 0.2282.
    p = (p * 1e10).array().round().matrix() / 1e10;
    p -= p.array().floor().matrix();
    for (int axis = 0; axis < 3; ++axis) {
        if (p[axis] >= 1.0) p[axis] = 0.0;  // -1e-17 wraps to 1.0 in floating point
    }
    return p;
}

}  // namespace ionhop::materials
