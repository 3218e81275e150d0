#include "ionhop/engine/transport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

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

// Two separate pairs of sites with two ions: a third of the placements put both ions on
// one pair, where neither can move; those replicas count with zero transport, the others
// run, and the estimate is still made.
TEST(Transport, FrozenReplicasCountWithZeroTransport) {
    engine::HopTable t;
    t.class_names = {"pair"};
    t.site_class.assign(4, 0);
    t.site_mobile.assign(4, 1);
    t.displacement_table_A = {Eigen::Vector3d(1, 0, 0), Eigen::Vector3d(-1, 0, 0)};
    t.hop_begin = {0, 1, 2, 3, 4};
    t.hop_target = {1, 0, 3, 2};
    t.hop_vector = {0, 1, 0, 1};
    t.hop_rate_Hz.assign(4, 1.0);
    t.temperature_K = 300.0;
    t.volume_A3 = 4.0;
    t.transport_dimension = 1;
    auto plan = small_plan(2);
    plan.min_replicas = plan.max_replicas = 24;
    const auto est = engine::estimate_transport(t, plan);
    EXPECT_GT(est.frozen_replicas, 0u);
    EXPECT_LT(est.frozen_replicas, est.replicas.size());
    for (const auto& r : est.replicas) {
        if (!r.frozen) continue;
        EXPECT_EQ(r.tracer_D_cm2_per_s.norm(), 0.0);
        EXPECT_EQ(r.collective_D_cm2_per_s.norm(), 0.0);
        EXPECT_NE(r.frozen_reason.find("no ion can move"), std::string::npos);
        EXPECT_EQ(r.msd.size(), static_cast<std::size_t>(plan.blocks));
    }
    EXPECT_TRUE(std::isfinite(est.tracer_D.value));
}

TEST(Transport, PerReplicaTablesMustDescribeTheSameSystem) {
    const auto reference = ring_table(8, 1.0, 300.0);
    const auto hotter = std::make_shared<engine::HopTable>(ring_table(8, 1.0, 400.0));
    const auto prepared = std::make_shared<const engine::PreparedTable>(*hotter);
    const auto source = [&](std::uint64_t) { return std::shared_ptr<const engine::PreparedTable>(prepared); };
    EXPECT_THROW(engine::estimate_transport(reference, source, small_plan(4)), Error);
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
