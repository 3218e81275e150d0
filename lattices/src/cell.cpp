#include "ionhop/lattices/cell.hpp"

#include <cmath>
#include <numbers>
#include <sstream>
#include <string>

#include "ionhop/core/error.hpp"

namespace ionhop::lattices {
namespace {

// Cells below this volume are numerically singular: fractional coordinates blow up.
constexpr double min_volume_A3 = 1e-9;

std::string describe_vectors(const Eigen::Matrix3d& vectors_A) {
    std::ostringstream out;
    out.precision(10);
    const char* names[] = {"a", "b", "c"};
    for (int row = 0; row < 3; ++row) {
        out << (row == 0 ? "" : ", ") << names[row] << " = (" << vectors_A(row, 0) << ", "
            << vectors_A(row, 1) << ", " << vectors_A(row, 2) << ")";
    }
    return out.str();
}

}  // namespace

Eigen::Vector3d Cell::to_cartesian_A(const Eigen::Vector3d& fractional) const {
    return vectors_A.transpose() * fractional;
}

Eigen::Vector3d Cell::to_fractional(const Eigen::Vector3d& cartesian_A) const {
    return vectors_A.transpose().inverse() * cartesian_A;
}

double Cell::volume_A3() const {
    // Unsigned: a left-handed set of vectors spans the same volume.
    return std::abs(vectors_A.determinant());
}

Eigen::Vector3d Cell::face_distances_A() const {
    const Eigen::Vector3d a = vectors_A.row(0);
    const Eigen::Vector3d b = vectors_A.row(1);
    const Eigen::Vector3d c = vectors_A.row(2);
    const double volume = volume_A3();
    return {volume / b.cross(c).norm(), volume / c.cross(a).norm(), volume / a.cross(b).norm()};
}

Cell make_cell(const Eigen::Matrix3d& vectors_A, std::array<bool, 3> periodic) {
    if (!vectors_A.allFinite()) {
        throw Error("cell: lattice vectors must be finite numbers, got " + describe_vectors(vectors_A));
    }
    Cell cell{vectors_A, periodic};
    if (cell.volume_A3() < min_volume_A3) {
        std::ostringstream volume;
        volume << cell.volume_A3();
        throw Error("cell: lattice vectors " + describe_vectors(vectors_A) + " span a volume of " +
                    volume.str() + " A^3; they must be linearly independent (volume >= 1e-9 A^3)");
    }
    return cell;
}

Cell make_orthorhombic_cell(double a_A, double b_A, double c_A, std::array<bool, 3> periodic) {
    const double lengths[] = {a_A, b_A, c_A};
    const char* names[] = {"a", "b", "c"};
    for (int axis = 0; axis < 3; ++axis) {
        if (!std::isfinite(lengths[axis]) || lengths[axis] <= 0.0) {
            std::ostringstream out;
            out << "orthorhombic cell: length " << names[axis] << " = " << lengths[axis]
                << " A must be a finite number > 0";
            throw Error(out.str());
        }
    }
    return make_cell(Eigen::Vector3d(a_A, b_A, c_A).asDiagonal().toDenseMatrix(), periodic);
}

Cell make_cell_from_parameters(double a_A, double b_A, double c_A, double alpha_deg, double beta_deg,
                               double gamma_deg, std::array<bool, 3> periodic) {
    const double lengths[] = {a_A, b_A, c_A};
    const double angles[] = {alpha_deg, beta_deg, gamma_deg};
    for (int i = 0; i < 3; ++i) {
        if (!std::isfinite(lengths[i]) || lengths[i] <= 0.0 || !std::isfinite(angles[i]) ||
            angles[i] <= 0.0 || angles[i] >= 180.0) {
            std::ostringstream out;
            out << "cell parameters: lengths " << a_A << ", " << b_A << ", " << c_A
                << " A must be > 0 and angles " << alpha_deg << ", " << beta_deg << ", " << gamma_deg
                << " degrees must lie in (0, 180)";
            throw Error(out.str());
        }
    }
    const double radians = std::numbers::pi / 180.0;
    const double ca = std::cos(alpha_deg * radians), cb = std::cos(beta_deg * radians);
    const double cg = std::cos(gamma_deg * radians), sg = std::sin(gamma_deg * radians);
    const double cx = cb;
    const double cy = (ca - cb * cg) / sg;
    const double cz_squared = 1.0 - cx * cx - cy * cy;
    if (!(cz_squared > 1e-12)) {
        std::ostringstream out;
        out << "cell parameters: angles " << alpha_deg << ", " << beta_deg << ", " << gamma_deg
            << " degrees span no volume";
        throw Error(out.str());
    }
    Eigen::Matrix3d vectors;
    vectors.row(0) << a_A, 0.0, 0.0;
    vectors.row(1) << b_A * cg, b_A * sg, 0.0;
    vectors.row(2) << c_A * cx, c_A * cy, c_A * std::sqrt(cz_squared);
    return make_cell(vectors, periodic);
}

}  // namespace ionhop::lattices
