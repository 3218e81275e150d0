// Linear response: the drift conductivity J / E under a small field equals the
// Nernst-Einstein conductivity N q^2 D_sigma / (V k_B T) at zero field (ORACLES.md).
#include <gtest/gtest.h>

#include "ionhop/models/uniform_field.hpp"
#include "support/transport_fixtures.hpp"

using namespace ionhop;
using ionhop::testing::compile_test_lattice;

TEST(LinearResponse, DriftConductivityEqualsNernstEinsteinConductivity) {
    const double temperature_K = 400.0;
    // q E a / kT = 0.1: the drift is linear in E to 0.1^2 / 24 = 0.04 %.
    const double field_V_per_cm = 0.1 * units::thermal_energy_eV(temperature_K) / 1e-8;
    models::RateModel with_field;
    with_field.add<models::UniformField>(Eigen::Vector3d(field_V_per_cm, 0, 0));
    const Eigen::Vector3i reps(8, 8, 8);
    const auto biased = compile_test_lattice("simple-cubic", reps, temperature_K, with_field);
    const auto unbiased = compile_test_lattice("simple-cubic", reps, temperature_K);

    engine::TransportPlan plan;
    plan.ion_count = biased.num_sites() / 2;
    plan.equilibration_events = 5 * biased.num_sites();
    plan.production_events = 200 * biased.num_sites();
    plan.blocks = 100;
    plan.min_replicas = plan.max_replicas = 40;
    plan.seed = 21;
    const auto drift = engine::estimate_transport(biased, plan);
    const auto fluctuation = engine::estimate_transport(unbiased, plan);

    ASSERT_TRUE(drift.has_field);
    const double difference = drift.drift_sigma.value - fluctuation.sigma.value;
    const double error = std::hypot(drift.drift_sigma.standard_error, fluctuation.sigma.standard_error);
    EXPECT_LE(std::abs(difference), 4.0 * error)
        << "drift " << drift.drift_sigma.value << " +- " << drift.drift_sigma.standard_error
        << ", Nernst-Einstein " << fluctuation.sigma.value << " +- " << fluctuation.sigma.standard_error;
    EXPECT_LT(drift.drift_sigma.relative_error(), 0.02);
    EXPECT_LT(fluctuation.sigma.relative_error(), 0.02);
    // Ions drift down the field, not against it.
    EXPECT_GT(drift.drift_sigma.value, 0.0);
}
