// Exact superbasin acceleration (issue 7): the same physics as plain KMC, without its
// back-and-forth hops.
#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/engine/basins.hpp"
#include "ionhop/engine/transport.hpp"
#include "support/pair_lattice_table.hpp"
#include "support/transport_fixtures.hpp"

using namespace ionhop;
using ionhop::testing::pair_lattice_table;

namespace {

engine::TransportPlan pair_plan(std::size_t ions, double duration_s, bool accelerate, int replicas = 64) {
    engine::TransportPlan plan;
    plan.ion_count = ions;
    plan.equilibration_events = 20 * ions;
    plan.min_equilibration_time_s = 0.2 * duration_s;
    plan.production_time_s = duration_s;
    plan.blocks = 20;
    plan.min_replicas = plan.max_replicas = replicas;
    plan.seed = 5;
    plan.acceleration.enabled = accelerate;
    return plan;
}

double combined_sigma(const engine::Measurement& a, const engine::Measurement& b) {
    return std::hypot(a.standard_error, b.standard_error);
}

// D* and D_sigma with acceleration equal those without within 4 combined sigma.
void expect_same_transport(const engine::TransportEstimate& fast, const engine::TransportEstimate& plain) {
    ASSERT_FALSE(plain.replicas.front().accelerated);
    ASSERT_TRUE(fast.replicas.front().accelerated);
    EXPECT_NEAR(fast.tracer_D.value, plain.tracer_D.value,
                4.0 * combined_sigma(fast.tracer_D, plain.tracer_D));
    EXPECT_NEAR(fast.collective_D.value, plain.collective_D.value,
                4.0 * combined_sigma(fast.collective_D, plain.collective_D));
    EXPECT_LT(fast.collective_D.standard_error, 0.1 * fast.collective_D.value);
}

}  // namespace

TEST(Acceleration, PairsAreTheBasins) {
    const auto table = pair_lattice_table(3, 1e4, 1.0);
    engine::AccelerationOptions options;
    options.enabled = true;
    const auto basins = engine::find_basins(table, options);
    ASSERT_EQ(basins.num_basins(), 27U);
    EXPECT_DOUBLE_EQ(basins.fast_pair_rate_Hz, 1e4);
    EXPECT_DOUBLE_EQ(basins.slow_pair_rate_Hz, 1.0);
    for (std::uint32_t s = 0; s < table.num_sites(); ++s)
        EXPECT_EQ(basins.basin_of_site[s], static_cast<int>(s / 2));
    // Below the chosen ratio there is no gap: no basins, plain KMC.
    options.min_rate_ratio = 2e4;
    EXPECT_TRUE(engine::find_basins(table, options).empty());
}

TEST(Acceleration, OneIonDiffusesAsTheExactTwoBondChain) {
    // One ion: D_xx = 9 / (2 (1/fast + 1/slow)), D_yy = D_zz = 9 slow (Angstrom^2/s). A
    // replica's x^2 / 2t has a relative spread of sqrt(2): 1024 replicas give 4.4 %.
    for (const double ratio : {1e2, 1e4, 1e6}) {
        SCOPED_TRACE("fast / slow = " + std::to_string(ratio));
        const auto table = pair_lattice_table(4, ratio, 1.0);
        const auto est = engine::estimate_transport(table, pair_plan(1, 100.0, true, 1024));
        ASSERT_TRUE(est.replicas.front().accelerated);
        const double to_cm2 = 1e-16;
        const double xx = 9.0 / (2.0 * (1.0 / ratio + 1.0)) * to_cm2;
        const double yy = 9.0 * to_cm2;
        const auto& d = est.tracer_D_cm2_per_s;
        EXPECT_NEAR(d.value(0, 0), xx, 4.0 * d.standard_error(0, 0));
        EXPECT_NEAR(d.value(1, 1), yy, 4.0 * d.standard_error(1, 1));
        EXPECT_NEAR(d.value(2, 2), yy, 4.0 * d.standard_error(2, 2));
        EXPECT_LT(d.standard_error(0, 0), 0.06 * xx);
    }
}

TEST(Acceleration, LatticeGasOfPairsMatchesPlainKmc) {
    // Site exclusion between ions in different pairs and in the same pair: D*, D_sigma and
    // occupancies with and without acceleration agree within 4 combined sigma.
    for (const double c : {0.05, 0.5}) {
        SCOPED_TRACE("c = " + std::to_string(c));
        const auto table = pair_lattice_table(4, 1e2, 1.0);
        const auto ions = static_cast<std::size_t>(std::lround(c * table.num_sites()));
        const auto plain = engine::estimate_transport(table, pair_plan(ions, 200.0, false));
        const auto fast = engine::estimate_transport(table, pair_plan(ions, 200.0, true));
        expect_same_transport(fast, plain);
        // A and B are equivalent: each holds the ions' share of the sites on average.
        const double share = static_cast<double>(ions) / static_cast<double>(table.num_sites());
        for (std::size_t k = 0; k < 2; ++k) {
            EXPECT_NEAR(fast.class_occupancy[k].value, share, 4.0 * fast.class_occupancy[k].standard_error);
        }
    }
}

TEST(Acceleration, CrowdedPairsWithAWideGapMatchPlainKmc) {
    // fast / slow = 1e4 at c = 0.5 in a 2^3-cell box (8 ions on 16 sites): plain KMC spends
    // ~1e4 events per slow hop, so the box is small (seen: 8.6 s plain, 0.1 s accelerated
    // for 100 s of 32 replicas).
    const auto table = pair_lattice_table(2, 1e4, 1.0);
    const auto plain = engine::estimate_transport(table, pair_plan(8, 50.0, false, 32));
    const auto fast = engine::estimate_transport(table, pair_plan(8, 50.0, true, 32));
    expect_same_transport(fast, plain);
}

namespace {

// Simple cubic L^3, 1 Angstrom, periodic, with seeded random disorder: each bond is fast
// (pair rate ~1e3 Hz) with probability 0.15, below bond percolation, else slow (~1 Hz),
// each spread by up to 2x; site energies uniform in [0, 0.05] eV enter as
// k_st = g_st exp(-(E_t - E_s) / 2kT), so detailed balance holds.
engine::HopTable random_barrier_cubic(std::uint32_t n, std::uint64_t seed) {
    engine::RandomStream stream(seed, 0);
    const double kT = 0.025852;  // eV at 300 K
    const std::uint32_t sites = n * n * n;
    std::vector<double> energy(sites);
    for (auto& e : energy) e = 0.05 * stream.uniform_open01();
    // Pair rate of the bond from s along +x, +y, +z.
    std::vector<double> bond(3 * sites);
    for (auto& g : bond) {
        const double base = stream.uniform_open01() < 0.15 ? 1e3 : 1.0;
        g = base * std::pow(2.0, 2.0 * stream.uniform_open01() - 1.0);
    }
    const auto index = [n](std::uint32_t x, std::uint32_t y, std::uint32_t z) {
        return ((x % n) * n + (y % n)) * n + (z % n);
    };
    engine::HopTable t;
    t.class_names = {"site"};
    t.site_class.assign(sites, 0);
    t.site_mobile.assign(sites, 1);
    t.displacement_table_A = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    t.hop_begin.push_back(0);
    for (std::uint32_t x = 0; x < n; ++x) {
        for (std::uint32_t y = 0; y < n; ++y) {
            for (std::uint32_t z = 0; z < n; ++z) {
                const std::uint32_t s = index(x, y, z);
                const std::uint32_t forward[3] = {index(x + 1, y, z), index(x, y + 1, z), index(x, y, z + 1)};
                const std::uint32_t backward[3] = {index(x + n - 1, y, z), index(x, y + n - 1, z),
                                                   index(x, y, z + n - 1)};
                for (std::uint32_t axis = 0; axis < 3; ++axis) {
                    for (const bool plus : {true, false}) {
                        const std::uint32_t target = plus ? forward[axis] : backward[axis];
                        const double g = plus ? bond[3 * s + axis] : bond[3 * target + axis];
                        t.hop_target.push_back(target);
                        t.hop_vector.push_back(2 * axis + (plus ? 0 : 1));
                        t.hop_rate_Hz.push_back(g * std::exp(-(energy[target] - energy[s]) / (2.0 * kT)));
                    }
                }
                t.hop_begin.push_back(static_cast<std::uint32_t>(t.hop_target.size()));
            }
        }
    }
    t.temperature_K = 300.0;
    t.volume_A3 = sites;
    return t;
}

}  // namespace

TEST(Acceleration, RandomBarriersAndEnergiesMatchPlainKmc) {
    // Lattice 3 has a fast cluster of 8 sites whose ions often have more than 64
    // arrangements: it runs plain beside the hidden basins (seen: 231k refused entries,
    // 118k hops in 40 s); lattice 4's basins (at most 5 sites) are always hidden.
    for (const std::uint64_t seed : {3, 4}) {
        SCOPED_TRACE("lattice seed " + std::to_string(seed));
        const auto table = random_barrier_cubic(4, seed);
        const auto basins = engine::find_basins(table, engine::AccelerationOptions{});
        ASSERT_FALSE(basins.empty());
        const std::size_t ions = 19;  // c = 0.3
        EXPECT_TRUE(engine::basins_pay(basins, table, ions, engine::AccelerationOptions{}));
        const auto plain = engine::estimate_transport(table, pair_plan(ions, 40.0, false));
        const auto fast = engine::estimate_transport(table, pair_plan(ions, 40.0, true));
        expect_same_transport(fast, plain);
        // One class: its occupancy is the ions' share of the sites (time is not lost or
        // double counted around hidden stays).
        EXPECT_NEAR(fast.class_occupancy[0].value, static_cast<double>(ions) / 64.0, 1e-12);
    }
}
