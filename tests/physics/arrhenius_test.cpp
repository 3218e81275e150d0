// One barrier, no site energies: sigma T = A exp(-E / kT) exactly, so the fitted
// activation energy must return the barrier within its error (ORACLES.md).
#include "ionhop/engine/arrhenius.hpp"

#include <gtest/gtest.h>

#include "support/transport_fixtures.hpp"

using namespace ionhop;
using ionhop::testing::compile_test_lattice;

TEST(ArrheniusPhysics, FittedActivationEnergyEqualsTheSingleBarrier) {
    const double barrier_eV = 0.30;
    std::vector<engine::ArrheniusPoint> points;
    for (const double temperature_K : {300.0, 400.0, 500.0, 600.0, 700.0}) {
        const auto table = compile_test_lattice("bcc", {4, 4, 4}, temperature_K, {}, barrier_eV);
        engine::TransportPlan plan;
        plan.ion_count = table.num_sites() / 2;
        plan.equilibration_events = 5 * table.num_sites();
        plan.production_events = 20 * table.num_sites();
        plan.blocks = 40;
        plan.min_replicas = plan.max_replicas = 32;
        plan.seed = 17;
        const auto est = engine::estimate_transport(table, plan);
        points.push_back({temperature_K, est.sigma});
    }
    const auto fit = engine::fit_arrhenius(points);
    EXPECT_WITHIN_4_SIGMA(fit.activation_energy_eV, barrier_eV, 0.03);
    EXPECT_FALSE(fit.curvature_detected);
}
