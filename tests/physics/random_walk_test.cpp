// One ion, no other ions: D = z G a^2 / (2 d) on every test lattice (ORACLES.md).
#include <gtest/gtest.h>

#include "support/transport_fixtures.hpp"

using namespace ionhop;
using ionhop::testing::compile_test_lattice;
using ionhop::testing::hop_rate_Hz;

namespace {

constexpr double kTemperature_K = 400.0;

engine::TransportPlan single_walker_plan() {
    engine::TransportPlan plan;
    plan.ion_count = 1;
    plan.production_events = 4000;
    plan.blocks = 40;  // the walk has no memory, so short windows are independent samples
    plan.min_replicas = plan.max_replicas = 200;
    plan.seed = 11;
    return plan;
}

Eigen::Vector3i repetitions_for(int dimension) {
    if (dimension == 1) return {16, 1, 1};
    if (dimension == 2) return {6, 6, 1};
    return {3, 3, 3};
}

}  // namespace

TEST(RandomWalk, SingleIonDiffusionIsZGaSquaredOverTwoDOnEveryTestLattice) {
    for (const auto& info : lattices::test_lattices()) {
        SCOPED_TRACE(info.name);
        const auto table = compile_test_lattice(info.name, repetitions_for(info.dimension), kTemperature_K);
        const auto est = engine::estimate_transport(table, single_walker_plan());
        const double a2_cm2 = 1e-16;  // hop length 1 A
        const double exact =
            info.coordination * hop_rate_Hz(kTemperature_K) * a2_cm2 / (2.0 * info.dimension);
        EXPECT_EQ(table.transport_dimension, info.dimension);
        EXPECT_WITHIN_4_SIGMA(est.collective_D, exact, 0.02);
        // One ion: the tracer is the same walk, measured from one end-to-end displacement
        // per replica, whose square has relative spread sqrt(2 / d).
        const double expected_error = std::sqrt(2.0 / info.dimension / 200.0);
        EXPECT_WITHIN_4_SIGMA(est.tracer_D, exact, 1.5 * expected_error);
        // Isotropy in the plane/space of the lattice; nothing outside it.
        const auto& D = est.collective_D_cm2_per_s;
        for (int a = 0; a < 3; ++a) {
            if (a < info.dimension) {
                EXPECT_LE(std::abs(D.value(a, a) - exact), 4.0 * D.standard_error(a, a)) << "axis " << a;
            } else {
                EXPECT_EQ(D.value(a, a), 0.0) << "axis " << a;
            }
            for (int b = a + 1; b < 3; ++b) {
                EXPECT_LE(std::abs(D.value(a, b)), 4.0 * D.standard_error(a, b) + 1e-30) << a << b;
            }
        }
    }
}

TEST(RandomWalk, HopsOnlyAlongZGiveExactlyZeroDiffusionInXAndY) {
    // A stack of chains along z in an orthorhombic cell: one site, hops +-c only.
    lattices::LatticeGraph unit(lattices::make_orthorhombic_cell(3.0, 3.0, 1.5));
    unit.add_site(lattices::Site{});
    unit.add_hop_pair(0, 0, Eigen::Vector3i(0, 0, 1), "c", 0.2, 1e13);
    models::Conditions conditions;
    conditions.temperature_K = kTemperature_K;
    const auto table = models::compile_hop_table(unit, Eigen::Vector3i(4, 4, 8), {}, conditions);
    engine::TransportPlan plan = single_walker_plan();
    plan.ion_count = 16;
    plan.production_events = 20000;
    plan.blocks = 80;
    plan.min_replicas = plan.max_replicas = 100;
    const auto est = engine::estimate_transport(table, plan);
    for (const auto* tensor : {&est.tracer_D_cm2_per_s.value, &est.collective_D_cm2_per_s.value}) {
        EXPECT_EQ((*tensor)(0, 0), 0.0);
        EXPECT_EQ((*tensor)(1, 1), 0.0);
        EXPECT_EQ((*tensor)(0, 2), 0.0);
        EXPECT_EQ((*tensor)(1, 2), 0.0);
        EXPECT_GT((*tensor)(2, 2), 0.0);
    }
    EXPECT_EQ(table.transport_dimension, 1);
    // 16 ions on M = 128 sites placed uniformly at random: D_sigma = G a^2 (1 - c) M / (M - 1),
    // the M / (M - 1) being the canonical pair probability of an occupied-empty bond.
    const double exact =
        hop_rate_Hz(kTemperature_K) * 1.5 * 1.5 * 1e-16 * (1.0 - 16.0 / 128.0) * 128.0 / 127.0;
    EXPECT_WITHIN_4_SIGMA(est.collective_D, exact, 0.03);
}
