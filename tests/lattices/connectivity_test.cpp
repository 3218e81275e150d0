// Network dimension from the periodic translations the hops reach.
#include "ionhop/lattices/connectivity.hpp"

#include <gtest/gtest.h>

#include "ionhop/lattices/test_lattices.hpp"

namespace ionhop::lattices {
namespace {

TEST(Connectivity, TestLatticesConductInTheirDimension) {
    for (const TestLatticeInfo& info : test_lattices()) {
        const Connectivity c = analyse_connectivity(build_test_lattice(info.name, {}));
        EXPECT_EQ(c.dimension, info.dimension) << info.name;
        EXPECT_EQ(c.num_components, 1u) << info.name;
        EXPECT_EQ(c.isolated_sites, 0u) << info.name;
    }
}

TEST(Connectivity, ClosedClustersDoNotConduct) {
    // Two sites joined only to each other inside the cell: a dimer, no path through.
    LatticeGraph dimer(make_orthorhombic_cell(3.0, 3.0, 3.0));
    Site site;
    const std::size_t a = dimer.add_site(site);
    site.fractional = {0.3, 0.0, 0.0};
    const std::size_t b = dimer.add_site(site);
    site.fractional = {0.5, 0.5, 0.5};
    dimer.add_site(site);  // isolated
    dimer.add_hop_pair(a, b, Eigen::Vector3i::Zero(), "dimer", 0.1, 1e13);
    const Connectivity c = analyse_connectivity(dimer);
    EXPECT_EQ(c.dimension, 0);
    EXPECT_EQ(c.num_components, 2u);
    EXPECT_EQ(c.isolated_sites, 1u);
    EXPECT_FALSE(c.conducts_along(dimer.cell(), Eigen::Vector3d::UnitX()));
}

TEST(Connectivity, DiagonalChannelsConductAlongTheDiagonalOnly) {
    // One site hopping to its image at (1, 1, 0): channels along [110].
    LatticeGraph lattice(make_orthorhombic_cell(2.0, 2.0, 2.0));
    lattice.add_site(Site{});
    lattice.add_hop_pair(0, 0, Eigen::Vector3i(1, 1, 0), "diagonal", 0.1, 1e13);
    const Connectivity c = analyse_connectivity(lattice);
    EXPECT_EQ(c.dimension, 1);
    EXPECT_TRUE(c.conducts_along(lattice.cell(), Eigen::Vector3d(1.0, 1.0, 0.0)));
    EXPECT_FALSE(c.conducts_along(lattice.cell(), Eigen::Vector3d::UnitX()));
}

}  // namespace
}  // namespace ionhop::lattices
