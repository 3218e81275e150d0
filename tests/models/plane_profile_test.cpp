// Occupancy-profile bins: one per plane of sites along an axis.
#include <gtest/gtest.h>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/models/compile.hpp"

using namespace ionhop;

TEST(PlaneProfile, OneBinPerPlaneInIncreasingOrder) {
    const lattices::LatticeGraph unit = lattices::build_test_lattice("bcc", {1.0, 0.2, 1e13});
    engine::HopTable table =
        models::compile_hop_table(unit, {3, 2, 2}, models::RateModel{}, models::Conditions{});
    const std::vector<double> planes = models::assign_plane_profile(table, unit, {3, 2, 2}, 0);
    // bcc: corner and body-centre planes, half a cell apart: 6 planes over 3 cells.
    ASSERT_EQ(planes.size(), 6u);
    for (std::size_t i = 1; i < planes.size(); ++i)
        EXPECT_NEAR(planes[i] - planes[i - 1], planes[1] - planes[0], 1e-9);
    ASSERT_EQ(table.site_bin.size(), table.num_sites());
    EXPECT_EQ(table.bin_count, 6);
    std::vector<int> per_bin(6, 0);
    for (std::int32_t b : table.site_bin) ++per_bin[static_cast<std::size_t>(b)];
    for (int count : per_bin) EXPECT_EQ(count, 4);  // 2 x 2 cells, one site of each plane per cell
    EXPECT_NO_THROW(table.validate());
    table.site_bin[0] = 6;  // outside [0, bin_count)
    EXPECT_THROW(table.validate(), Error);
}

TEST(PlaneProfile, TooManyPlanesGiveNoProfile) {
    const lattices::LatticeGraph unit = lattices::build_test_lattice("simple-cubic", {1.0, 0.2, 1e13});
    engine::HopTable table =
        models::compile_hop_table(unit, {8, 2, 2}, models::RateModel{}, models::Conditions{});
    EXPECT_TRUE(models::assign_plane_profile(table, unit, {8, 2, 2}, 0, 4).empty());
    EXPECT_TRUE(table.site_bin.empty());
    EXPECT_EQ(table.bin_count, 0);
}
