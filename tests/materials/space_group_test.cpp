// Space-group operations from spglib and the orbits of Wyckoff positions.
#include "ionhop/materials/space_group.hpp"

#include <gtest/gtest.h>

#include "ionhop/core/error.hpp"

namespace ionhop::materials {
namespace {

TEST(SpaceGroup, GarnetOrbitsHaveTheirWyckoffMultiplicities) {
    const SpaceGroup group = space_group(230);
    EXPECT_EQ(group.symbol, "Ia-3d");
    EXPECT_EQ(group.operations.size(), 96u);                  // 48 point operations x body centring
    EXPECT_EQ(orbit(group, {0.375, 0.0, 0.25}).size(), 24u);  // 24d
    EXPECT_EQ(orbit(group, {0.125, 0.6941, 0.25 - 0.6941}).size(), 48u);  // 48g
    EXPECT_EQ(orbit(group, {0.0, 0.0, 0.0}).size(), 16u);                 // 16a
    EXPECT_EQ(orbit(group, {0.1, 0.68, 0.58}).size(), 96u);               // 96h, general
}

TEST(SpaceGroup, SettingsOfP42nmcAreTheTwoOriginChoices) {
    EXPECT_EQ(space_group_settings(137), (std::vector<std::string>{"1", "2"}));
    // In origin choice 1, (0, 1/2, z) is 4d; in origin choice 2 the same point is general.
    EXPECT_EQ(orbit(space_group(137, "1"), {0.0, 0.5, 0.6907}).size(), 4u);
    EXPECT_NE(orbit(space_group(137, "2"), {0.0, 0.5, 0.6907}).size(), 4u);
}

TEST(SpaceGroup, OrbitPointsAreWrappedIntoTheCell) {
    for (const Eigen::Vector3d& p : orbit(space_group(216), {0.0, 0.183, 0.183})) {
        EXPECT_TRUE((p.array() >= 0.0).all() && (p.array() < 1.0).all()) << p.transpose();
    }
}

TEST(SpaceGroup, BadNumbersAndSettingsAreRefused) {
    EXPECT_THROW(space_group(0), Error);
    EXPECT_THROW(space_group(231), Error);
    EXPECT_THROW(space_group(230, "2"), Error);
    EXPECT_EQ(wyckoff_multiplicity("24d"), 24);
    EXPECT_EQ(wyckoff_multiplicity("g"), 0);
}

}  // namespace
}  // namespace ionhop::materials
