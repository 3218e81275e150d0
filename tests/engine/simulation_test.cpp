#include "ionhop/engine/simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"
#include "ionhop/engine/placement.hpp"
#include "ionhop/models/pair_interaction.hpp"
#include "support/ring_table.hpp"
#include "support/transport_fixtures.hpp"

using ionhop::engine::RandomStream;
using ionhop::engine::RunStatus;
using ionhop::engine::Selector;
using ionhop::engine::Simulation;
using ionhop::testing::ring_table;

namespace {

// Nearest-neighbour pairs on the ring, for interaction and exclusion tests.
void add_ring_neighbours(ionhop::engine::HopTable& t, std::vector<std::uint32_t>& begin,
                         std::vector<std::uint32_t>& partner) {
    const auto n = static_cast<std::uint32_t>(t.num_sites());
    begin = {0};
    partner.clear();
    for (std::uint32_t s = 0; s < n; ++s) {
        partner.push_back((s + 1) % n);
        partner.push_back((s + n - 1) % n);
        begin.push_back(static_cast<std::uint32_t>(partner.size()));
    }
}

}  // namespace

TEST(Simulation, TotalRateCountsOnlyHopsIntoEmptySites) {
    const auto table = ring_table(4, 5.0);
    Simulation one(table, {0}, RandomStream(1, 0));
    EXPECT_DOUBLE_EQ(one.total_rate_Hz(), 10.0);
    Simulation two(table, {0, 1}, RandomStream(1, 0));
    EXPECT_DOUBLE_EQ(two.total_rate_Hz(), 10.0);  // each ion has one free neighbour
    Simulation three(table, {0, 1, 2}, RandomStream(1, 0));
    EXPECT_DOUBLE_EQ(three.total_rate_Hz(), 10.0);
}

TEST(Simulation, DisplacementsFollowTheIonsAroundTheRing) {
    const std::uint32_t n = 10;
    const auto table = ring_table(n, 1.0);
    const std::vector<std::uint32_t> start = {0, 3, 7};
    Simulation sim(table, start, RandomStream(9, 0));
    ASSERT_EQ(sim.run_events(5000), RunStatus::reached_time);
    EXPECT_EQ(sim.events(), 5000u);
    std::set<std::uint32_t> distinct(sim.ion_sites().begin(), sim.ion_sites().end());
    EXPECT_EQ(distinct.size(), start.size()) << "site exclusion violated";
    const auto displacements = sim.ion_displacements_A();
    for (std::size_t i = 0; i < start.size(); ++i) {
        const double dx = displacements[i].x();
        const long wrapped = ((static_cast<long>(start[i]) + std::lround(dx)) % n + n) % n;
        EXPECT_EQ(static_cast<std::uint32_t>(wrapped), sim.ion_sites()[i]);
        EXPECT_TRUE(sim.occupied(sim.ion_sites()[i]));
    }
}

TEST(Simulation, RunUntilStopsExactlyAtTheRequestedTime) {
    const auto table = ring_table(8, 1e3);
    Simulation sim(table, {0, 4}, RandomStream(2, 0));
    EXPECT_EQ(sim.run_until(0.5), RunStatus::reached_time);
    EXPECT_DOUBLE_EQ(sim.time_s(), 0.5);
    EXPECT_GT(sim.events(), 0u);
}

TEST(Simulation, FullLatticeIsReportedFrozenWithoutAdvancingTime) {
    const auto table = ring_table(3, 1.0);
    Simulation sim(table, {0, 1, 2}, RandomStream(1, 0));
    EXPECT_DOUBLE_EQ(sim.total_rate_Hz(), 0.0);
    EXPECT_EQ(sim.run_until(10.0), RunStatus::frozen);
    EXPECT_EQ(sim.run_events(10), RunStatus::frozen);
    EXPECT_DOUBLE_EQ(sim.time_s(), 0.0);
    EXPECT_EQ(sim.events(), 0u);
}

TEST(Simulation, PairRepulsionScalesRatesByHalfTheEnergyChange) {
    auto table = ring_table(6, 2.0);
    const double V = 0.05;
    add_ring_neighbours(table, table.pair_begin, table.pair_partner);
    table.pair_energy_eV.assign(table.pair_partner.size(), V);
    table.hop_endpoint_pair_energy_eV.assign(table.num_hops(), V);  // every hop joins neighbours
    Simulation sim(table, {0, 2}, RandomStream(1, 0));
    // Each ion may hop next to the other (dE = +V) or away (dE = 0).
    const double kT = ionhop::units::thermal_energy_eV(300.0);
    EXPECT_NEAR(sim.total_rate_Hz(), 2 * 2.0 * (1.0 + std::exp(-V / (2 * kT))), 1e-12);
}

// With pair interactions every selector reaches the frozen state through its own path (the
// interaction trials by rejecting every trial): each must say so and leave the time alone.
TEST(Simulation, FullLatticeWithInteractionsIsFrozenThroughEverySelector) {
    auto table = ring_table(4, 1.0);
    add_ring_neighbours(table, table.pair_begin, table.pair_partner);
    table.pair_energy_eV.assign(table.pair_partner.size(), 0.02);
    table.hop_endpoint_pair_energy_eV.assign(table.num_hops(), 0.02);
    for (const Selector selector : {Selector::interaction_trials, Selector::site_bins, Selector::sum_tree}) {
        SCOPED_TRACE(ionhop::engine::selector_name(selector));
        Simulation sim(table, {0, 1, 2, 3}, RandomStream(1, 0), selector);
        EXPECT_EQ(sim.run_until(10.0), RunStatus::frozen);
        EXPECT_EQ(sim.run_events(10), RunStatus::frozen);
        EXPECT_DOUBLE_EQ(sim.time_s(), 0.0);
        EXPECT_EQ(sim.events(), 0u);
    }
}

// The interaction trials keep no running total: their total rate, summed from the fields
// and masks they keep by increments, must equal that of a fresh sum tree on the same ions
// after many events, with a hop and its reverse at different rates. Nearest-neighbour
// repulsion alone takes the fields from the site patterns; attractive second neighbours as
// well take them from the pair lists.
TEST(Simulation, InteractionTrialsKeepEveryFieldUpToDate) {
    ionhop::models::RateModel nearest;
    nearest.add<ionhop::models::PairInteraction>(0.0, 1.01, 0.03);
    ionhop::models::RateModel second = nearest;
    second.add<ionhop::models::PairInteraction>(1.2, 1.5, -0.01);
    for (const auto* model : {&nearest, &second}) {
        auto table =
            ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(6, 6, 6), 300.0, *model);
        for (std::size_t h = 0; h < table.num_hops(); ++h)
            table.hop_rate_Hz[h] *= 1 + table.hop_target[h] % 3;
        const auto prepared = std::make_shared<const ionhop::engine::PreparedTable>(table);
        EXPECT_EQ(prepared->interaction_trial_bounds().partners_are_hop_targets, model == &nearest);
        RandomStream placement(2, 0);
        Simulation sim(prepared, ionhop::engine::place_ions_randomly(table, 90, placement),
                       RandomStream(4, 0), Selector::interaction_trials);
        for (int round = 0; round < 5; ++round) {
            sim.run_events(20000);
            const Simulation fresh(table, sim.ion_sites(), RandomStream(1, 0), Selector::sum_tree);
            EXPECT_NEAR(sim.total_rate_Hz(), fresh.total_rate_Hz(), 1e-12 * fresh.total_rate_Hz())
                << "round " << round;
        }
        EXPECT_EQ(sim.events(), 100000u);
    }
}

TEST(Simulation, ExclusionPairsAreNeverOccupiedTogether) {
    auto table = ring_table(12, 1.0);
    add_ring_neighbours(table, table.exclusion_begin, table.exclusion_partner);
    table.hop_endpoints_exclude.assign(table.num_hops(), 1);
    Simulation sim(table, {0, 3, 6, 9}, RandomStream(4, 0));
    for (int i = 0; i < 2000; ++i) {
        ASSERT_EQ(sim.run_events(1), RunStatus::reached_time);
        for (std::uint32_t s = 0; s < 12; ++s) {
            ASSERT_FALSE(sim.occupied(s) && sim.occupied((s + 1) % 12)) << "after event " << i;
        }
    }
    EXPECT_THROW(Simulation(table, {0, 1}, RandomStream(1, 0)), ionhop::Error);
}

TEST(Simulation, RejectsBadInitialStates) {
    const auto table = ring_table(4, 1.0);
    EXPECT_THROW(Simulation(table, {}, RandomStream(1, 0)), ionhop::Error);
    EXPECT_THROW(Simulation(table, {1, 1}, RandomStream(1, 0)), ionhop::Error);
    EXPECT_THROW(Simulation(table, {4}, RandomStream(1, 0)), ionhop::Error);
}

TEST(Simulation, SelectorFollowsTheTableAndTheFillingOfTheLattice) {
    auto table = ring_table(6, 2.0);
    // Two ions on six sites: every (ion, hop) pair allowed, ion trials never redraw.
    EXPECT_EQ(Simulation(table, {0, 2}, RandomStream(1, 0)).selector(), Selector::ion_trials);
    // Five ions: 2 of 10 (ion, hop) pairs allowed, below the acceptance worth redrawing.
    EXPECT_EQ(Simulation(table, {0, 1, 2, 3, 4}, RandomStream(1, 0)).selector(), Selector::rate_class_lists);
    EXPECT_EQ(Simulation(table, {0, 2}, RandomStream(1, 0), Selector::sum_tree).selector(),
              Selector::sum_tree);
    add_ring_neighbours(table, table.pair_begin, table.pair_partner);
    table.pair_energy_eV.assign(table.pair_partner.size(), 0.01);
    table.hop_endpoint_pair_energy_eV.assign(table.num_hops(), 0.01);
    // Pair interactions: interaction trials while most trials would be accepted, else
    // site-rate bins; either, or the sum tree, on request.
    EXPECT_EQ(Simulation(table, {0, 2}, RandomStream(1, 0)).selector(), Selector::interaction_trials);
    EXPECT_EQ(Simulation(table, {0, 2}, RandomStream(1, 0), Selector::site_bins).selector(),
              Selector::site_bins);
    EXPECT_EQ(Simulation(table, {0, 2}, RandomStream(1, 0), Selector::sum_tree).selector(),
              Selector::sum_tree);
    EXPECT_THROW(Simulation(table, {0, 2}, RandomStream(1, 0), Selector::ion_trials), ionhop::Error);
    EXPECT_THROW(Simulation(table, {0, 2}, RandomStream(1, 0), Selector::rate_class_lists), ionhop::Error);
    // With exclusion pairs as well: only the sum tree.
    add_ring_neighbours(table, table.exclusion_begin, table.exclusion_partner);
    table.hop_endpoints_exclude.assign(table.num_hops(), 1);
    EXPECT_EQ(Simulation(table, {0, 2}, RandomStream(1, 0)).selector(), Selector::sum_tree);
    EXPECT_THROW(Simulation(table, {0, 2}, RandomStream(1, 0), Selector::site_bins), ionhop::Error);
    EXPECT_THROW(Simulation(table, {0, 2}, RandomStream(1, 0), Selector::interaction_trials), ionhop::Error);
    // Static rates: never site-rate bins.
    EXPECT_THROW(Simulation(ring_table(6, 2.0), {0, 2}, RandomStream(1, 0), Selector::site_bins),
                 ionhop::Error);
    EXPECT_THROW(Simulation(ring_table(6, 2.0), {0, 2}, RandomStream(1, 0), Selector::interaction_trials),
                 ionhop::Error);
}

// The site totals kept by increments equal a fresh sum from the state (the sum tree of a
// new Simulation on the same ions), after many events with rates changing at every one.
TEST(Simulation, SiteRateBinsKeepEverySiteTotalUpToDate) {
    ionhop::models::RateModel model;
    model.add<ionhop::models::PairInteraction>(0.0, 1.01, 0.03);
    model.add<ionhop::models::PairInteraction>(1.2, 1.5, -0.01);  // second neighbours attract
    auto table =
        ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(6, 6, 6), 300.0, model);
    // A hop and its reverse at different rates (as with site energies), three values.
    for (std::size_t h = 0; h < table.num_hops(); ++h) table.hop_rate_Hz[h] *= 1 + table.hop_target[h] % 3;
    RandomStream placement(2, 0);
    Simulation sim(table, ionhop::engine::place_ions_randomly(table, 90, placement), RandomStream(4, 0),
                   Selector::site_bins);
    ASSERT_EQ(sim.selector(), Selector::site_bins);
    for (int round = 0; round < 5; ++round) {
        sim.run_events(20000);
        const Simulation fresh(table, sim.ion_sites(), RandomStream(1, 0), Selector::sum_tree);
        EXPECT_NEAR(sim.total_rate_Hz(), fresh.total_rate_Hz(), 1e-12 * fresh.total_rate_Hz())
            << "round " << round;
    }
}

TEST(Simulation, IonTrialsKeepTheTotalRateExact) {
    // After every event the incrementally kept total equals a recount from the state.
    const auto table = ring_table(40, 3.0);
    Simulation sim(table, {0, 3, 4, 9, 17, 18, 25, 31}, RandomStream(4, 0));
    ASSERT_EQ(sim.selector(), Selector::ion_trials);
    for (int event = 0; event < 2000; ++event) {
        sim.run_events(1);
        int allowed = 0;
        for (std::size_t s = 0; s < 40; ++s) {
            if (!sim.occupied(s)) continue;
            allowed += !sim.occupied((s + 1) % 40) + !sim.occupied((s + 39) % 40);
        }
        ASSERT_DOUBLE_EQ(sim.total_rate_Hz(), 3.0 * allowed) << "event " << event;
    }
}

TEST(Simulation, SharedPreparedTableGivesTheSameTrajectoryAsItsOwn) {
    const auto table = ring_table(30, 3.0);
    const auto prepared = std::make_shared<const ionhop::engine::PreparedTable>(table);
    EXPECT_TRUE(prepared->uses_rate_classes());
    Simulation shared(prepared, {1, 7, 12, 20}, RandomStream(8, 3));
    Simulation own(table, {1, 7, 12, 20}, RandomStream(8, 3));
    shared.run_events(3000);
    own.run_events(3000);
    EXPECT_EQ(shared.ion_sites(), own.ion_sites());
    EXPECT_EQ(shared.time_s(), own.time_s());
}

TEST(Simulation, IonTrialsGiveTheSameTrajectoryForEveryWidthOfPatternIds) {
    // The same ring with the sites given scattered positions: every hop then carries its
    // own shift (hop_shifts.hpp) and every site is a pattern of its own
    // (site_patterns.hpp), so the pattern ids need 2 bytes (300 sites) or 4 (70000 sites)
    // instead of 1. The physics and the draws are the same, so the trajectories must be
    // identical and the displacements equal up to rounding.
    for (const std::uint32_t sites : {300u, 70000u}) {
        const auto shared_vectors = ring_table(sites, 3.0);
        auto own_vectors = shared_vectors;
        RandomStream scatter(17, 0);
        own_vectors.site_position_A.resize(sites);
        for (auto& r : own_vectors.site_position_A) {
            r = Eigen::Vector3d(scatter.uniform_open01(), scatter.uniform_open01(), scatter.uniform_open01());
        }
        const auto narrow = std::make_shared<const ionhop::engine::PreparedTable>(shared_vectors);
        const auto wide = std::make_shared<const ionhop::engine::PreparedTable>(own_vectors);
        EXPECT_EQ(narrow->site_patterns().id_bytes(), 1u);
        EXPECT_EQ(wide->site_patterns().id_bytes(), sites < 65536 ? 2u : 4u);
        std::vector<std::uint32_t> ions;
        for (std::uint32_t s = 0; s < sites; s += 3) ions.push_back(s);
        Simulation a(narrow, ions, RandomStream(5, 1));
        Simulation b(wide, ions, RandomStream(5, 1));
        ASSERT_EQ(a.selector(), Selector::ion_trials);
        ASSERT_EQ(b.selector(), Selector::ion_trials);
        a.run_events(20000);
        b.run_events(20000);
        EXPECT_EQ(a.ion_sites(), b.ion_sites()) << sites << " sites";
        const auto displacements_a = a.ion_displacements_A();
        const auto displacements_b = b.ion_displacements_A();
        ASSERT_EQ(displacements_a.size(), displacements_b.size());
        for (std::size_t i = 0; i < displacements_a.size(); ++i)
            EXPECT_LT((displacements_a[i] - displacements_b[i]).norm(), 1e-9) << "ion " << i;
        EXPECT_EQ(a.time_s(), b.time_s());
        EXPECT_EQ(a.mean_class_occupancy(), b.mean_class_occupancy());
    }
}

TEST(PreparedTable, RejectsAnInvalidTable) {
    auto table = ring_table(5, 1.0);
    table.hop_rate_Hz[0] = -1.0;
    EXPECT_THROW(ionhop::engine::PreparedTable{table}, ionhop::Error);
}
