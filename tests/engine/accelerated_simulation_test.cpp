#include "ionhop/engine/accelerated_simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "ionhop/core/error.hpp"
#include "support/pair_lattice_table.hpp"

using ionhop::engine::AcceleratedSimulation;
using ionhop::engine::AccelerationOptions;
using ionhop::engine::BasinPartition;
using ionhop::engine::PreparedTable;
using ionhop::engine::RandomStream;
using ionhop::engine::RunStatus;
using ionhop::testing::pair_lattice_table;

namespace {

struct Pairs {
    ionhop::engine::HopTable table = pair_lattice_table(2, 1e4, 1.0);
    std::shared_ptr<const PreparedTable> prepared = std::make_shared<const PreparedTable>(table);
    std::shared_ptr<const BasinPartition> basins =
        std::make_shared<const BasinPartition>(ionhop::engine::find_basins(table, AccelerationOptions{}));
};

// Site s of pair_lattice_table(2, ...): cell (x, y, z) = s / 2 in row order, A or B = s % 2.
Eigen::Vector3d position(std::uint32_t s) {
    const std::uint32_t cell = s / 2;
    return {3.0 * (cell / 4) + s % 2, 3.0 * (cell / 2 % 2), 3.0 * (cell % 2)};
}

}  // namespace

TEST(AcceleratedSimulation, SameSeedSameTrajectory) {
    const Pairs pairs;
    const std::vector<std::uint32_t> ions{0, 3, 6, 9};
    AcceleratedSimulation a(pairs.prepared, pairs.basins, ions, RandomStream(3, 1), AccelerationOptions{});
    AcceleratedSimulation b(pairs.prepared, pairs.basins, ions, RandomStream(3, 1), AccelerationOptions{});
    ASSERT_EQ(a.run_until(50.0), RunStatus::reached_time);
    ASSERT_EQ(b.run_until(50.0), RunStatus::reached_time);
    EXPECT_GT(a.events(), 100U);
    EXPECT_GT(a.counters().basin_entries, 0U);
    EXPECT_EQ(a.events(), b.events());
    EXPECT_EQ(a.ion_sites(), b.ion_sites());
    for (std::size_t i = 0; i < ions.size(); ++i)
        EXPECT_EQ(a.ion_displacements_A()[i], b.ion_displacements_A()[i]);
}

TEST(AcceleratedSimulation, BetweenRunsEveryIonIsOnASiteAndConservedByClass) {
    const Pairs pairs;
    const std::vector<std::uint32_t> start{0, 5, 8};
    AcceleratedSimulation sim(pairs.prepared, pairs.basins, start, RandomStream(9, 0), AccelerationOptions{});
    for (int block = 1; block <= 5; ++block) {
        sim.run_until(10.0 * block);
        EXPECT_DOUBLE_EQ(sim.time_s(), 10.0 * block);
        std::vector<int> seen(pairs.table.num_sites(), 0);
        for (const auto s : sim.ion_sites()) ++seen[s];
        for (const int count : seen) EXPECT_LE(count, 1);
        // Start + displacement is the ion's site, modulo the 6 Angstrom box.
        for (std::size_t i = 0; i < sim.num_ions(); ++i) {
            const Eigen::Vector3d moved =
                position(start[i]) + sim.ion_displacements_A()[i] - position(sim.ion_sites()[i]);
            for (int axis = 0; axis < 3; ++axis) {
                EXPECT_NEAR(std::remainder(moved(axis), 6.0), 0.0, 1e-9) << "ion " << i << " axis " << axis;
            }
        }
        const auto occupancy = sim.mean_class_occupancy();
        EXPECT_NEAR((occupancy[0] + occupancy[1]) * 8.0, 3.0, 1e-9);  // 8 sites per class, 3 ions
    }
}

TEST(AcceleratedSimulation, FullLatticeIsFrozenNotASpin) {
    const Pairs pairs;
    std::vector<std::uint32_t> all(pairs.table.num_sites());
    for (std::uint32_t s = 0; s < all.size(); ++s) all[s] = s;
    AcceleratedSimulation sim(pairs.prepared, pairs.basins, all, RandomStream(1, 0), AccelerationOptions{});
    EXPECT_EQ(sim.run_events(10), RunStatus::frozen);
    EXPECT_EQ(sim.events(), 0U);
    EXPECT_EQ(sim.run_until(1e3), RunStatus::frozen);
}

TEST(AcceleratedSimulation, BadInputIsRefused) {
    const Pairs pairs;
    // Sites 0 and 1 (one pair) repel: rates then change with the neighbours.
    auto interacting = pairs.table;
    interacting.pair_begin.assign(interacting.num_sites() + 1, 2);
    interacting.pair_begin[0] = 0;
    interacting.pair_begin[1] = 1;
    interacting.pair_partner = {1, 0};
    interacting.pair_energy_eV = {0.01, 0.01};
    interacting.hop_endpoint_pair_energy_eV.assign(interacting.num_hops(), 0.0);
    interacting.hop_endpoint_pair_energy_eV[0] = 0.01;  // 0 -> 1
    interacting.hop_endpoint_pair_energy_eV[6] = 0.01;  // 1 -> 0
    const auto says_interactions = [](const auto& build) {
        try {
            build();
        } catch (const ionhop::Error& e) {
            return std::string(e.what()).find("pair interactions") != std::string::npos;
        }
        return false;
    };
    EXPECT_TRUE(says_interactions([&] { ionhop::engine::find_basins(interacting, AccelerationOptions{}); }));
    const auto interacting_prepared = std::make_shared<const PreparedTable>(interacting);  // a valid table
    EXPECT_TRUE(says_interactions([&] {
        AcceleratedSimulation(interacting_prepared, pairs.basins, {0}, RandomStream(1, 0),
                              AccelerationOptions{});
    }));
    const auto other = std::make_shared<const BasinPartition>();
    EXPECT_THROW(AcceleratedSimulation(pairs.prepared, other, {0}, RandomStream(1, 0), AccelerationOptions{}),
                 ionhop::Error);  // partition of another table
    EXPECT_THROW(
        AcceleratedSimulation(pairs.prepared, pairs.basins, {}, RandomStream(1, 0), AccelerationOptions{}),
        ionhop::Error);  // no ions
    AccelerationOptions bad;
    bad.min_rate_ratio = 0.5;
    EXPECT_THROW(AcceleratedSimulation(pairs.prepared, pairs.basins, {0}, RandomStream(1, 0), bad),
                 ionhop::Error);
    bad = AccelerationOptions{};
    bad.max_basin_sites = 65;
    EXPECT_THROW(ionhop::engine::find_basins(pairs.table, bad), ionhop::Error);
}
