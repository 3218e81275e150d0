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

namespace {

// A ring whose neighbouring sites exclude each other: at most sites / 2 ions.
ionhop::engine::HopTable exclusion_ring(std::uint32_t sites) {
    auto table = ring_table(sites, 1.0);
    table.exclusion_begin = {0};
    for (std::uint32_t s = 0; s < sites; ++s) {
        table.exclusion_partner.push_back((s + 1) % sites);
        table.exclusion_partner.push_back((s + sites - 1) % sites);
        table.exclusion_begin.push_back(static_cast<std::uint32_t>(table.exclusion_partner.size()));
    }
    table.hop_endpoints_exclude.assign(table.num_hops(), 1);
    return table;
}

void expect_no_excluded_pair(const std::vector<std::uint32_t>& sites, std::uint32_t ring) {
    std::set<std::uint32_t> taken(sites.begin(), sites.end());
    EXPECT_EQ(taken.size(), sites.size());
    for (const auto s : sites) EXPECT_FALSE(taken.count((s + 1) % ring)) << "neighbours " << s;
}

}  // namespace

TEST(Placement, RespectsExclusionPairs) {
    const auto table = exclusion_ring(20);
    RandomStream stream(5, 0);
    const auto sites = place_ions_randomly(table, 5, stream);
    expect_no_excluded_pair(sites, 20);
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

TEST(Placement, LocalSearchReachesTheDensestPackingWhereRandomPlacementJams) {
    // Random sequential placement on this ring jams near 43 % of the sites (Flory); 190
    // ions are 95 % of the densest packing (alternating sites).
    const auto table = exclusion_ring(400);
    for (std::uint64_t replica = 0; replica < 5; ++replica) {
        RandomStream stream(9, replica);
        const auto sites = place_ions_randomly(table, 190, stream);
        EXPECT_EQ(sites.size(), 190u);
        expect_no_excluded_pair(sites, 400);
    }
}
