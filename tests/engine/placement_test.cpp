#include "ionhop/engine/placement.hpp"

#include <gtest/gtest.h>

#include <set>

#include "ionhop/core/error.hpp"
#include "support/ring_table.hpp"

using ionhop::engine::place_ions_randomly;
using ionhop::engine::RandomStream;
using ionhop::testing::ring_table;

TEST(Placement, PlacesTheRequestedNumberOnDistinctSites) {
    const auto table = ring_table(50, 1.0);
    RandomStream stream(5, 0);
    const auto sites = place_ions_randomly(table, 20, stream);
    EXPECT_EQ(sites.size(), 20u);
    EXPECT_EQ(std::set<std::uint32_t>(sites.begin(), sites.end()).size(), 20u);
}

TEST(Placement, RespectsExclusionPairs) {
    auto table = ring_table(20, 1.0);
    table.exclusion_begin = {0};
    for (std::uint32_t s = 0; s < 20; ++s) {
        table.exclusion_partner.push_back((s + 1) % 20);
        table.exclusion_partner.push_back((s + 19) % 20);
        table.exclusion_begin.push_back(static_cast<std::uint32_t>(table.exclusion_partner.size()));
    }
    table.hop_endpoints_exclude.assign(table.num_hops(), 1);
    RandomStream stream(5, 0);
    const auto sites = place_ions_randomly(table, 5, stream);
    std::set<std::uint32_t> taken(sites.begin(), sites.end());
    for (const auto s : sites) EXPECT_FALSE(taken.count((s + 1) % 20)) << "neighbours " << s;
    // 20 sites with nearest-neighbour exclusion hold at most 10 ions.
    RandomStream again(5, 1);
    EXPECT_THROW(place_ions_randomly(table, 11, again), ionhop::Error);
}

TEST(Placement, RejectsZeroIonsAndMoreIonsThanSites) {
    const auto table = ring_table(4, 1.0);
    RandomStream stream(1, 0);
    EXPECT_THROW(place_ions_randomly(table, 0, stream), ionhop::Error);
    EXPECT_THROW(place_ions_randomly(table, 5, stream), ionhop::Error);
}
