#include "ionhop/engine/hop_shifts.hpp"

#include <gtest/gtest.h>

#include "ionhop/engine/placement.hpp"
#include "ionhop/engine/simulation.hpp"
#include "ionhop/lattices/crystal.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/models/compile.hpp"
#include "ionhop/models/pair_interaction.hpp"
#include "support/conditions.hpp"
#include "support/ring_table.hpp"

using namespace ionhop;
using engine::find_hop_shifts;

namespace {

engine::HopTable simple_cubic(int L, const models::RateModel& model = {}) {
    return models::compile_hop_table(lattices::build_test_lattice("simple-cubic", {}),
                                     Eigen::Vector3i::Constant(L), model,
                                     ionhop::testing::at_temperature(300.0));
}

// The hop from `from` to `to` (unique on the lattices used here).
std::uint32_t hop_between(const engine::HopTable& table, std::uint32_t from, std::uint32_t to) {
    std::uint32_t found = static_cast<std::uint32_t>(table.num_hops());
    for (std::uint32_t h = table.hop_begin[from]; h < table.hop_begin[from + 1]; ++h) {
        if (table.hop_target[h] == to) {
            EXPECT_EQ(found, table.num_hops()) << "two hops from " << from << " to " << to;
            found = h;
        }
    }
    EXPECT_LT(found, table.num_hops()) << "no hop from " << from << " to " << to;
    return found;
}

// Runs single events and adds up the displacement of every hop taken, independently of
// the engine's bookkeeping; returns the sums and counts the hops across the box.
std::vector<Eigen::Vector3d> run_and_add_up_hops(engine::Simulation& sim, const engine::HopTable& table,
                                                 int events, int& crossings) {
    std::vector<Eigen::Vector3d> sum(sim.num_ions(), Eigen::Vector3d::Zero());
    crossings = 0;
    for (int e = 0; e < events; ++e) {
        const auto before = sim.ion_sites();
        EXPECT_EQ(sim.run_events(1), engine::RunStatus::reached_time);
        for (std::size_t i = 0; i < before.size(); ++i) {
            if (sim.ion_sites()[i] == before[i]) continue;
            const std::uint32_t h = hop_between(table, before[i], sim.ion_sites()[i]);
            if (h == table.num_hops()) return sum;
            sum[i] += table.displacement_A(h);
            const Eigen::Vector3d apart =
                table.site_position_A[sim.ion_sites()[i]] - table.site_position_A[before[i]];
            crossings += (apart - table.displacement_A(h)).norm() > 1e-6;
        }
    }
    return sum;
}

}  // namespace

TEST(HopShifts, CompiledSupercellShiftsOnlyTheHopsAcrossTheBox) {
    const auto table = simple_cubic(4);
    ASSERT_EQ(table.site_position_A.size(), table.num_sites());
    const auto shifts = find_hop_shifts(table);
    EXPECT_TRUE(shifts.walked_position_A.empty()) << "the table's positions are used";
    // Zero plus one translation of the box per direction of the six hop directions.
    ASSERT_EQ(shifts.shift_A.size(), 7u);
    const double box_A = 4.0 * table.displacement_A(0).norm();
    std::size_t shifted = 0;
    for (std::uint32_t s = 0; s < table.num_sites(); ++s) {
        for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h) {
            const Eigen::Vector3d apart =
                table.site_position_A[table.hop_target[h]] - table.site_position_A[s];
            const bool across = (apart - table.displacement_A(h)).norm() > 1e-6;
            EXPECT_EQ(shifts.shift_of_hop[h] != 0, across) << "site " << s << " hop " << h;
            if (!across) continue;
            ++shifted;
            EXPECT_NEAR(shifts.shift_A[shifts.shift_of_hop[h]].norm(), box_A, 1e-9);
        }
    }
    // Each of the 4^2 rows along each axis crosses the box once per direction.
    EXPECT_EQ(shifted, 3u * 2u * 16u);
}

TEST(HopShifts, HandMadeTableWithoutPositionsIsWalkedFromItsHops) {
    const auto table = ionhop::testing::ring_table(5, 1.0);
    const auto shifts = find_hop_shifts(table);
    ASSERT_EQ(shifts.walked_position_A.size(), 5u);
    // The walk places the ring's sites 2 A either side of site 0; the two hops that close
    // the ring carry its length, 5 A, as a shift.
    ASSERT_EQ(shifts.shift_A.size(), 3u);
    int closing = 0;
    for (std::uint32_t s = 0; s < 5; ++s) {
        for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h) {
            const std::uint32_t t = table.hop_target[h];
            const Eigen::Vector3d apart = shifts.walked_position_A[t] - shifts.walked_position_A[s];
            const Eigen::Vector3d shift = shifts.shift_A[shifts.shift_of_hop[h]];
            EXPECT_LT((apart + shift - table.displacement_A(h)).norm(), 1e-12);
            if (shifts.shift_of_hop[h] == 0) continue;
            ++closing;
            EXPECT_NEAR(std::abs(shift.x()), 5.0, 1e-12);
        }
    }
    EXPECT_EQ(closing, 2);
}

// The selectors that read displacements from positions (ion trials; site-rate bins and
// interaction trials with interactions) report the same unwrapped displacements as adding up every hop,
// across the box boundary and after a reset of the origin.
TEST(HopShifts, DisplacementsFromPositionsEqualTheSumOfTheHopsTaken) {
    models::RateModel repulsion;
    repulsion.add<models::PairInteraction>(0.0, 1.01, 0.03);
    const std::vector<std::pair<engine::HopTable, engine::Selector>> cases = {
        {simple_cubic(4), engine::Selector::ion_trials},
        {simple_cubic(4, repulsion), engine::Selector::site_bins},
        {simple_cubic(4, repulsion), engine::Selector::interaction_trials}};
    for (const auto& [table, selector] : cases) {
        engine::RandomStream stream(5, 0);
        const auto sites = engine::place_ions_randomly(table, 16, stream);
        engine::Simulation sim(table, sites, stream, selector);
        ASSERT_EQ(sim.selector(), selector);
        for (int round = 0; round < 2; ++round) {
            int crossings = 0;
            const auto expected = run_and_add_up_hops(sim, table, 3000, crossings);
            EXPECT_GT(crossings, 100) << "the test must cross the box";
            const auto reported = sim.ion_displacements_A();
            ASSERT_EQ(reported.size(), expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i) {
                EXPECT_LT((reported[i] - expected[i]).norm(), 1e-9)
                    << engine::selector_name(selector) << ", round " << round << ", ion " << i;
            }
            sim.reset_observables();
            for (const auto& d : sim.ion_displacements_A()) EXPECT_EQ(d, Eigen::Vector3d::Zero());
        }
    }
}
