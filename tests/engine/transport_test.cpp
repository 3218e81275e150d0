#include "ionhop/engine/transport.hpp"

#include <gtest/gtest.h>

#include "ionhop/core/error.hpp"
#include "support/ring_table.hpp"

using namespace ionhop;
using ionhop::testing::ring_table;

namespace {

engine::TransportPlan small_plan(std::size_t ions) {
    engine::TransportPlan plan;
    plan.ion_count = ions;
    plan.equilibration_events = 100;
    plan.production_events = 1000;
    plan.min_replicas = plan.max_replicas = 4;
    return plan;
}

}  // namespace

TEST(Transport, FullLatticeEndsWithAFrozenStateError) {
    const auto table = ring_table(6, 1.0);
    try {
        engine::estimate_transport(table, small_plan(6));
        FAIL() << "expected FrozenStateError";
    } catch (const FrozenStateError& e) {
        EXPECT_NE(std::string(e.what()).find("no ion can move"), std::string::npos);
    }
}

TEST(Transport, RejectsBadPlans) {
    const auto table = ring_table(6, 1.0);
    auto plan = small_plan(0);
    EXPECT_THROW(engine::estimate_transport(table, plan), Error);  // no ions
    plan = small_plan(7);
    EXPECT_THROW(engine::estimate_transport(table, plan), Error);  // more ions than sites
    plan = small_plan(2);
    plan.production_events = 0;
    EXPECT_THROW(engine::estimate_transport(table, plan), Error);  // no production length
    plan = small_plan(2);
    plan.min_replicas = 1;
    EXPECT_THROW(engine::estimate_transport(table, plan), Error);  // no error bar possible
    plan = small_plan(2);
    plan.production_time_s = -1.0;
    EXPECT_THROW(engine::estimate_transport(table, plan), Error);
}

TEST(Transport, TargetErrorAddsReplicasUntilReached) {
    const auto table = ring_table(40, 1e6);
    auto plan = small_plan(10);
    plan.production_events = 4000;
    plan.blocks = 40;  // about 22 % relative error per replica: ~20 replicas reach 5 %
    plan.min_replicas = 4;
    plan.max_replicas = 64;
    plan.target_relative_error = 0.05;
    const auto est = engine::estimate_transport(table, plan);
    EXPECT_TRUE(est.target_reached);
    EXPECT_LE(est.sigma.relative_error(), 0.05);
    EXPECT_GT(est.replicas.size(), 4u);
    EXPECT_EQ(est.replicas.size() % 4, 0u);
}

TEST(Transport, StopsAtMaxReplicasAndSaysTheTargetWasMissed) {
    const auto table = ring_table(40, 1e6);
    auto plan = small_plan(10);
    plan.max_replicas = 8;
    plan.target_relative_error = 1e-6;
    const auto est = engine::estimate_transport(table, plan);
    EXPECT_FALSE(est.target_reached);
    EXPECT_EQ(est.replicas.size(), 8u);
}

TEST(Transport, FixedProductionTimeIsHonoured) {
    const auto table = ring_table(20, 1e3);
    auto plan = small_plan(5);
    plan.production_time_s = 0.25;
    const auto est = engine::estimate_transport(table, plan);
    for (const auto& r : est.replicas) {
        EXPECT_DOUBLE_EQ(r.production_time_s, 0.25);
        EXPECT_DOUBLE_EQ(r.msd.back().time_s, 0.25);
    }
}
