// Results depend on the seed, never on the number of threads.
#include <gtest/gtest.h>

#include "ionhop/models/pair_interaction.hpp"
#include "support/transport_fixtures.hpp"

using namespace ionhop;
using ionhop::testing::compile_test_lattice;

namespace {

engine::TransportEstimate run_with_threads(const engine::HopTable& table, int threads, std::uint64_t seed) {
    engine::TransportPlan plan;
    plan.ion_count = table.num_sites() / 2;
    plan.equilibration_events = 2 * table.num_sites();
    plan.production_events = 5 * table.num_sites();
    plan.min_replicas = plan.max_replicas = 16;
    plan.threads = threads;
    plan.seed = seed;
    return engine::estimate_transport(table, plan);
}

}  // namespace

// 1, 2, 4, 8 and 16 threads (16 replicas, so 16 threads run them all at once; the
// threads beyond the cores take turns): every replica and every estimate bit for bit.
TEST(Reproducibility, AnyThreadCountGivesBitwiseIdenticalResults) {
    models::RateModel model;
    model.add<models::PairInteraction>(0.0, 1.01, 0.02);  // rates that vary event to event
    const auto table = compile_test_lattice("simple-cubic", {6, 6, 6}, 400.0, model);
    const auto one = run_with_threads(table, 1, 99);
    ASSERT_EQ(one.replicas.size(), 16u);
    for (const int threads : {2, 4, 8, 16}) {
        const auto many = run_with_threads(table, threads, 99);
        ASSERT_EQ(one.replicas.size(), many.replicas.size()) << threads << " threads";
        for (std::size_t r = 0; r < one.replicas.size(); ++r) {
            EXPECT_EQ(one.replicas[r].events, many.replicas[r].events) << threads << " threads";
            EXPECT_TRUE(one.replicas[r].tracer_D_cm2_per_s == many.replicas[r].tracer_D_cm2_per_s);
            EXPECT_TRUE(one.replicas[r].collective_D_cm2_per_s == many.replicas[r].collective_D_cm2_per_s);
            EXPECT_TRUE(one.replicas[r].net_displacement_A == many.replicas[r].net_displacement_A);
            EXPECT_EQ(one.replicas[r].class_occupancy, many.replicas[r].class_occupancy);
        }
        EXPECT_EQ(one.sigma.value, many.sigma.value) << threads << " threads";
        EXPECT_EQ(one.sigma.standard_error, many.sigma.standard_error);
        EXPECT_EQ(one.haven_ratio.value, many.haven_ratio.value);
    }
    // A different seed is a different trajectory.
    const auto other = run_with_threads(table, 2, 100);
    EXPECT_NE(one.sigma.value, other.sigma.value);
}
