#include "ionhop/lattices/crystal.hpp"

#include <gtest/gtest.h>

#include "ionhop/core/error.hpp"

namespace ionhop::lattices {
namespace {

TEST(Crystal, RejectsEmptyBasis) {
    EXPECT_THROW(make_nearest_neighbour_crystal(make_orthorhombic_cell(1, 1, 1), {}, {}), Error);
}

TEST(Crystal, RejectsCoincidentBasisSites) {
    const std::vector<BasisSite> basis = {{Eigen::Vector3d(0.5, 0.5, 0.5)}, {Eigen::Vector3d(0.5, 0.5, 0.5)}};
    EXPECT_THROW(make_nearest_neighbour_crystal(make_orthorhombic_cell(1, 1, 1), basis, {}), Error);
}

TEST(Crystal, HopsOnlyWithinTheNearestShell) {
    // Rectangular 1 x 1.5 A net: the neighbours at 1 A are along a only.
    const Cell cell = make_orthorhombic_cell(1.0, 1.5, 10.0, {true, true, false});
    const LatticeGraph lattice =
        make_nearest_neighbour_crystal(cell, {{Eigen::Vector3d::Zero(), "li"}}, {0.35, 4e12});
    ASSERT_EQ(lattice.num_hops(), 2u);
    EXPECT_EQ(lattice.site(0).site_class, "li");
    for (auto [edge, end] = boost::edges(lattice.graph()); edge != end; ++edge) {
        const Hop& hop = lattice.graph()[*edge];
        EXPECT_EQ(std::abs(hop.image.x()), 1);
        EXPECT_NEAR(hop.displacement_A.norm(), 1.0, 1e-12);
        EXPECT_EQ(hop.hop_class, "nn");
        EXPECT_EQ(hop.barrier_eV, 0.35);
        EXPECT_EQ(hop.attempt_frequency_Hz, 4e12);
    }
}

TEST(Crystal, FindsShortestVectorOfSkewedCell) {
    // b - 3a = (0, 0.5, 0) is shorter than either cell vector.
    Eigen::Matrix3d vectors;
    vectors << 1.0, 0.0, 0.0,  //
        3.0, 0.5, 0.0,         //
        0.0, 0.0, 5.0;
    const LatticeGraph lattice = make_nearest_neighbour_crystal(make_cell(vectors, {true, true, false}),
                                                                {{Eigen::Vector3d::Zero()}}, {});
    ASSERT_EQ(lattice.num_hops(), 2u);
    for (auto [edge, end] = boost::edges(lattice.graph()); edge != end; ++edge) {
        const Hop& hop = lattice.graph()[*edge];
        EXPECT_NEAR(std::abs(hop.displacement_A.y()), 0.5, 1e-12);
        EXPECT_NEAR(hop.displacement_A.x(), 0.0, 1e-12);
        EXPECT_EQ(std::abs(hop.image.x()), 3);
    }
}

TEST(Crystal, RejectsLoneSiteWithoutPeriodicAxis) {
    EXPECT_THROW(
        make_nearest_neighbour_crystal(make_orthorhombic_cell(1, 1, 1, {false, false, false}), {{}}, {}),
        Error);
}

}  // namespace
}  // namespace ionhop::lattices
