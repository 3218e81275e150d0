#include "ionhop/lattices/lattice_graph.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>

#include "ionhop/core/error.hpp"

namespace ionhop::lattices {
namespace {

Site site_at(double x, double y, double z) {
    Site site;
    site.fractional = {x, y, z};
    return site;
}

// Two sites on a periodic chain of length 2 A (b and c open).
LatticeGraph two_site_chain() {
    LatticeGraph lattice(make_orthorhombic_cell(2.0, 5.0, 5.0, {true, false, false}));
    lattice.add_site(site_at(0.1, 0.0, 0.0));
    lattice.add_site(site_at(0.9, 0.0, 0.0));
    return lattice;
}

std::string message_of(const auto& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(LatticeGraph, WrapsFractionalCoordinatesAlongPeriodicAxesOnly) {
    LatticeGraph lattice(make_orthorhombic_cell(1.0, 1.0, 1.0, {true, true, false}));
    const std::size_t index = lattice.add_site(site_at(1.25, -0.25, 1.5));
    EXPECT_TRUE(lattice.site(index).fractional.isApprox(Eigen::Vector3d(0.25, 0.75, 1.5)));
}

TEST(LatticeGraph, WrapsTinyNegativeCoordinateToZeroNotOne) {
    LatticeGraph lattice(make_orthorhombic_cell(1.0, 1.0, 1.0));
    // -1e-17 - floor(-1e-17) rounds to exactly 1.0; the site must land on 0 instead.
    const std::size_t index = lattice.add_site(site_at(-1e-17, 1.0, 2.0 - 1e-17));
    for (int axis = 0; axis < 3; ++axis) {
        EXPECT_EQ(lattice.site(index).fractional[axis], 0.0) << "axis " << axis;
    }
}

TEST(LatticeGraph, RejectsNonFiniteSite) {
    LatticeGraph lattice(make_orthorhombic_cell(1.0, 1.0, 1.0));
    EXPECT_THROW(lattice.add_site(site_at(std::nan(""), 0.0, 0.0)), Error);
    Site hot = site_at(0.0, 0.0, 0.0);
    hot.energy_eV = INFINITY;
    EXPECT_THROW(lattice.add_site(hot), Error);
    EXPECT_EQ(lattice.num_sites(), 0u);
}

TEST(LatticeGraph, RejectsSingularCell) {
    Cell flat;
    flat.vectors_A(2, 2) = 0.0;
    EXPECT_THROW(LatticeGraph{flat}, Error);
}

TEST(LatticeGraph, HopDisplacementFollowsPeriodicImage) {
    LatticeGraph lattice = two_site_chain();
    lattice.add_hop(0, 1, {-1, 0, 0}, "left", 0.3, 2e12);
    ASSERT_EQ(lattice.num_hops(), 1u);
    const auto [edge, end] = boost::edges(lattice.graph());
    const Hop& hop = lattice.graph()[*edge];
    EXPECT_EQ(boost::source(*edge, lattice.graph()), 0u);
    EXPECT_EQ(boost::target(*edge, lattice.graph()), 1u);
    // From x = 0.2 A to the image of x = 1.8 A one cell to the left, at -0.2 A.
    EXPECT_TRUE(hop.displacement_A.isApprox(Eigen::Vector3d(-0.4, 0.0, 0.0)));
    EXPECT_EQ(hop.hop_class, "left");
    EXPECT_EQ(hop.barrier_eV, 0.3);
    EXPECT_EQ(hop.attempt_frequency_Hz, 2e12);
}

TEST(LatticeGraph, HopPairAddsReverseWithNegatedImage) {
    LatticeGraph lattice = two_site_chain();
    lattice.add_hop_pair(0, 1, {-1, 0, 0}, "nn", 0.2, 1e13);
    ASSERT_EQ(lattice.num_hops(), 2u);
    Eigen::Vector3d total = Eigen::Vector3d::Zero();
    for (auto [edge, end] = boost::edges(lattice.graph()); edge != end; ++edge) {
        const Hop& hop = lattice.graph()[*edge];
        if (boost::source(*edge, lattice.graph()) == 1u) {
            EXPECT_EQ(hop.image, Eigen::Vector3i(1, 0, 0));
        }
        total += hop.displacement_A;
    }
    EXPECT_LT(total.norm(), 1e-12);  // there and back again
}

TEST(LatticeGraph, RejectsNegativeBarrier) {
    LatticeGraph lattice = two_site_chain();
    EXPECT_THROW(lattice.add_hop(0, 1, {0, 0, 0}, "nn", -0.1, 1e13), Error);
    EXPECT_THROW(lattice.add_hop(0, 1, {0, 0, 0}, "nn", std::nan(""), 1e13), Error);
    EXPECT_EQ(lattice.num_hops(), 0u);
}

TEST(LatticeGraph, RejectsNonPositiveAttemptFrequency) {
    LatticeGraph lattice = two_site_chain();
    EXPECT_THROW(lattice.add_hop(0, 1, {0, 0, 0}, "nn", 0.2, 0.0), Error);
    EXPECT_THROW(lattice.add_hop(0, 1, {0, 0, 0}, "nn", 0.2, INFINITY), Error);
    EXPECT_EQ(lattice.num_hops(), 0u);
}

TEST(LatticeGraph, RejectsUnknownSiteNamingIndexAndCount) {
    LatticeGraph lattice = two_site_chain();
    const std::string message = message_of([&] { lattice.add_hop(0, 7, {0, 0, 0}, "nn", 0.2, 1e13); });
    EXPECT_NE(message.find("index 7"), std::string::npos) << message;
    EXPECT_NE(message.find("2 sites"), std::string::npos) << message;
    EXPECT_THROW(lattice.site(2), Error);
    EXPECT_THROW(std::as_const(lattice).site(2), Error);
}

TEST(LatticeGraph, RejectsImageAlongNonPeriodicAxis) {
    LatticeGraph lattice = two_site_chain();
    const std::string message = message_of([&] { lattice.add_hop(0, 1, {0, 1, 0}, "nn", 0.2, 1e13); });
    EXPECT_NE(message.find("axis b"), std::string::npos) << message;
    EXPECT_THROW(lattice.add_exclusion(0, 1, {0, 0, -1}), Error);
}

TEST(LatticeGraph, RejectsSelfHopWithinOneCell) {
    LatticeGraph lattice = two_site_chain();
    EXPECT_THROW(lattice.add_hop(1, 1, {0, 0, 0}, "nn", 0.2, 1e13), Error);
    lattice.add_hop(1, 1, {1, 0, 0}, "nn", 0.2, 1e13);  // to its own periodic image
    EXPECT_EQ(lattice.num_hops(), 1u);
}

TEST(LatticeGraph, StoresEachExclusionOnceAsGiven) {
    LatticeGraph lattice = two_site_chain();
    lattice.add_exclusion(1, 0, {1, 0, 0});
    ASSERT_EQ(lattice.exclusions().size(), 1u);
    EXPECT_EQ(lattice.exclusions()[0].first, 1u);
    EXPECT_EQ(lattice.exclusions()[0].second, 0u);
    EXPECT_EQ(lattice.exclusions()[0].image, Eigen::Vector3i(1, 0, 0));
    EXPECT_THROW(lattice.add_exclusion(0, 0, {0, 0, 0}), Error);
    EXPECT_THROW(lattice.add_exclusion(0, 3, {0, 0, 0}), Error);
    EXPECT_EQ(lattice.exclusions().size(), 1u);
}

}  // namespace
}  // namespace ionhop::lattices
