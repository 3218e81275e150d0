// The hot loop allocates nothing: counted through the global operator new of this test
// program (the counter only observes; every allocation still goes to malloc).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "ionhop/engine/simulation.hpp"
#include "support/ring_table.hpp"

namespace {
std::atomic<long> allocations{0};
}  // namespace

// The replacements below pair malloc with free, which is correct; GCC 12 sees the free
// inlined next to a std::vector's operator new and warns of a mismatch that is not there.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using ionhop::engine::RandomStream;
using ionhop::engine::Selector;
using ionhop::engine::Simulation;

namespace {

// A 64-site ring whose sites interact (0.02 eV) with the sites `offset` away on each side;
// `endpoint_eV` is the pair energy between a hop's own ends.
ionhop::engine::HopTable ring_with_pairs(std::uint32_t offset, double endpoint_eV) {
    auto table = ionhop::testing::ring_table(64, 1.0);
    table.pair_begin = {0};
    for (std::uint32_t s = 0; s < 64; ++s) {
        table.pair_partner.push_back((s + offset) % 64);
        table.pair_partner.push_back((s + 64 - offset) % 64);
        table.pair_begin.push_back(static_cast<std::uint32_t>(table.pair_partner.size()));
    }
    table.pair_energy_eV.assign(table.pair_partner.size(), 0.02);
    table.hop_endpoint_pair_energy_eV.assign(table.num_hops(), endpoint_eV);
    return table;
}

long allocations_during(Simulation& sim) {
    const long before = allocations.load();
    sim.run_events(20000);
    sim.run_until(sim.time_s() * 2.0);
    return allocations.load() - before;
}

}  // namespace

TEST(HotLoop, ClassListPathAllocatesNothingPerEvent) {
    const auto table = ionhop::testing::ring_table(64, 1.0);
    const long before_construction = allocations.load();
    Simulation sim(table, {0, 5, 9, 20, 33, 41}, RandomStream(1, 0), Selector::rate_class_lists);
    ASSERT_GT(allocations.load() - before_construction, 0) << "the counter must see the constructor allocate";
    ASSERT_EQ(sim.selector(), Selector::rate_class_lists);
    EXPECT_EQ(allocations_during(sim), 0);
}

TEST(HotLoop, IonTrialPathAllocatesNothingPerEvent) {
    const auto table = ionhop::testing::ring_table(64, 1.0);
    Simulation sim(table, {0, 5, 9, 20, 33, 41}, RandomStream(1, 0));
    ASSERT_EQ(sim.selector(), Selector::ion_trials);
    EXPECT_EQ(allocations_during(sim), 0);
}

TEST(HotLoop, SumTreePathWithInteractionsAndExclusionsAllocatesNothingPerEvent) {
    auto table = ionhop::testing::ring_table(64, 1.0);
    // Second-neighbour repulsion and nearest-neighbour exclusion on the ring.
    table.pair_begin = {0};
    table.exclusion_begin = {0};
    for (std::uint32_t s = 0; s < 64; ++s) {
        table.pair_partner.push_back((s + 2) % 64);
        table.pair_partner.push_back((s + 62) % 64);
        table.pair_energy_eV.insert(table.pair_energy_eV.end(), {0.02, 0.02});
        table.pair_begin.push_back(static_cast<std::uint32_t>(table.pair_partner.size()));
        table.exclusion_partner.push_back((s + 1) % 64);
        table.exclusion_partner.push_back((s + 63) % 64);
        table.exclusion_begin.push_back(static_cast<std::uint32_t>(table.exclusion_partner.size()));
    }
    table.hop_endpoint_pair_energy_eV.assign(table.num_hops(), 0.0);
    table.hop_endpoints_exclude.assign(table.num_hops(), 1);
    Simulation sim(table, {0, 10, 20, 30, 40, 50}, RandomStream(2, 0));
    ASSERT_EQ(sim.selector(), Selector::sum_tree);
    EXPECT_EQ(allocations_during(sim), 0);
    EXPECT_GT(sim.events(), 20000u);
}

// Site-rate bins keep one list per binary order of the site rates; a list grows only past
// the largest size it has had (geometrically, like a vector): a handful of allocations in
// a whole run, never one per event.
TEST(HotLoop, SiteRateBinsAllocateOnlyWhenAListOutgrowsItsLargestSize) {
    const auto table = ring_with_pairs(2, 0.0);
    Simulation sim(table, {0, 10, 20, 30, 40, 50, 51, 52}, RandomStream(2, 0), Selector::site_bins);
    ASSERT_EQ(sim.selector(), Selector::site_bins);
    sim.run_events(20000);  // warm-up
    EXPECT_LE(allocations_during(sim), 8);
    EXPECT_GT(sim.events(), 40000u);
}

// Interaction trials keep one list per bin of ion weights, like the site-rate bins: a list
// grows only past its largest size, never once per event.
TEST(HotLoop, InteractionTrialsAllocateOnlyWhenAListOutgrowsItsLargestSize) {
    const auto table = ring_with_pairs(1, 0.02);
    Simulation sim(table, {0, 10, 20, 30, 40, 50, 51, 52}, RandomStream(2, 0));
    ASSERT_EQ(sim.selector(), Selector::interaction_trials);
    sim.run_events(20000);  // warm-up
    EXPECT_LE(allocations_during(sim), 8);
    EXPECT_GT(sim.events(), 40000u);
}
