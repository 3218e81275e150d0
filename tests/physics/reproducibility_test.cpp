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
    plan.min_replicas = plan.max_replicas = 8;
    plan.threads = threads;
    plan.seed = seed;
    return engine::estimate_transport(table, plan);
}

}  // namespace

TEST(Reproducibility, OneAndTwoThreadsGiveBitwiseIdenticalResults) {
    models::RateModel model;
    model.add<models::PairInteraction>(0.0, 1.01, 0.02);  // rates that vary event to event
    const auto table = compile_test_lattice("simple-cubic", {6, 6, 6}, 400.0, model);
    const auto one = run_with_threads(table, 1, 99);
    const auto two = run_with_threads(table, 2, 99);
    ASSERT_EQ(one.replicas.size(), two.replicas.size());
    for (std::size_t r = 0; r < one.replicas.size(); ++r) {
        EXPECT_EQ(one.replicas[r].events, two.replicas[r].events);
        EXPECT_TRUE(one.replicas[r].tracer_D_cm2_per_s == two.replicas[r].tracer_D_cm2_per_s);
        EXPECT_TRUE(one.replicas[r].collective_D_cm2_per_s == two.replicas[r].collective_D_cm2_per_s);
        EXPECT_TRUE(one.replicas[r].net_displacement_A == two.replicas[r].net_displacement_A);
        EXPECT_EQ(one.replicas[r].class_occupancy, two.replicas[r].class_occupancy);
    }
    EXPECT_EQ(one.sigma.value, two.sigma.value);
    EXPECT_EQ(one.sigma.standard_error, two.sigma.standard_error);
    EXPECT_EQ(one.haven_ratio.value, two.haven_ratio.value);
    // A different seed is a different trajectory.
    const auto other = run_with_threads(table, 2, 100);
    EXPECT_NE(one.sigma.value, other.sigma.value);
}
