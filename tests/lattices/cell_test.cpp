#include "ionhop/lattices/cell.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ionhop/core/error.hpp"

namespace ionhop::lattices {
namespace {

Eigen::Matrix3d triclinic_vectors() {
    Eigen::Matrix3d vectors;
    vectors << 4.0, 0.0, 0.0,  //
        1.0, 3.0, 0.0,         //
        0.5, 0.7, 5.0;
    return vectors;
}

TEST(Cell, ConvertsFractionalToCartesianAndBack) {
    const Cell cell = make_cell(triclinic_vectors());
    EXPECT_TRUE(cell.to_cartesian_A({0, 1, 0}).isApprox(Eigen::Vector3d(1.0, 3.0, 0.0)));
    const Eigen::Vector3d fractional(0.25, -0.5, 1.75);
    const Eigen::Vector3d expected = 0.25 * Eigen::Vector3d(4.0, 0.0, 0.0) -
                                     0.5 * Eigen::Vector3d(1.0, 3.0, 0.0) +
                                     1.75 * Eigen::Vector3d(0.5, 0.7, 5.0);
    EXPECT_TRUE(cell.to_cartesian_A(fractional).isApprox(expected));
    EXPECT_TRUE(cell.to_fractional(cell.to_cartesian_A(fractional)).isApprox(fractional));
}

TEST(Cell, FaceDistancesAreInverseReciprocalLengths) {
    const Cell cell = make_cell(triclinic_vectors());
    EXPECT_NEAR(cell.volume_A3(), 60.0, 1e-12);
    // Independent oracle: the planes f_k = const are 1 / |reciprocal vector k| apart.
    const Eigen::Matrix3d reciprocal = cell.vectors_A.inverse();  // columns: reciprocal vectors
    const Eigen::Vector3d faces = cell.face_distances_A();
    for (int axis = 0; axis < 3; ++axis) {
        EXPECT_NEAR(faces[axis], 1.0 / reciprocal.col(axis).norm(), 1e-12) << "axis " << axis;
    }
    EXPECT_NEAR(faces[2], 5.0, 1e-12);  // c rises 5 A above the ab plane
}

TEST(Cell, LeftHandedVectorsHavePositiveVolume) {
    const Cell cell = make_cell(Eigen::Vector3d(2.0, 3.0, -4.0).asDiagonal().toDenseMatrix());
    EXPECT_NEAR(cell.volume_A3(), 24.0, 1e-12);
    EXPECT_TRUE(cell.face_distances_A().isApprox(Eigen::Vector3d(2.0, 3.0, 4.0)));
}

TEST(Cell, RejectsSingularVectors) {
    Eigen::Matrix3d coplanar;
    coplanar << 1, 0, 0,  //
        0, 1, 0,          //
        1, 1, 0;
    try {
        make_cell(coplanar);
        FAIL() << "coplanar vectors were accepted";
    } catch (const Error& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("c = (1, 1, 0)"), std::string::npos) << message;
        EXPECT_NE(message.find("linearly independent"), std::string::npos) << message;
    }
}

TEST(Cell, RejectsNonFiniteVectors) {
    Eigen::Matrix3d vectors = Eigen::Matrix3d::Identity();
    vectors(1, 2) = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THROW(make_cell(vectors), Error);
    vectors(1, 2) = std::numeric_limits<double>::infinity();
    EXPECT_THROW(make_cell(vectors), Error);
}

TEST(Cell, OrthorhombicCellRejectsNonPositiveOrNonFiniteLengths) {
    EXPECT_THROW(make_orthorhombic_cell(0.0, 1.0, 1.0), Error);
    EXPECT_THROW(make_orthorhombic_cell(1.0, -2.0, 1.0), Error);
    EXPECT_THROW(make_orthorhombic_cell(1.0, 1.0, std::nan("")), Error);
    const Cell cell = make_orthorhombic_cell(2.0, 3.0, 4.0, {true, false, true});
    EXPECT_TRUE(cell.face_distances_A().isApprox(Eigen::Vector3d(2.0, 3.0, 4.0)));
    EXPECT_FALSE(cell.periodic[1]);
}

}  // namespace
}  // namespace ionhop::lattices
