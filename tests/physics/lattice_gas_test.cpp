// Site-exclusion lattice gas: D_sigma = D0 (1 - c) on lattices of equivalent sites
// (Kutner, Phys. Lett. A 81, 239 (1981)); the finite canonical lattice adds M / (M - 1).
#include <gtest/gtest.h>

#include "support/transport_fixtures.hpp"

using namespace ionhop;
using ionhop::testing::compile_test_lattice;
using ionhop::testing::hop_rate_Hz;

namespace {

constexpr double kTemperature_K = 500.0;

struct GasCase {
    std::string lattice;
    Eigen::Vector3i repetitions;
    int coordination;
    int dimension;
};

void check_collective_diffusion(const GasCase& gas, double concentration) {
    const auto table = compile_test_lattice(gas.lattice, gas.repetitions, kTemperature_K);
    const auto sites = static_cast<double>(table.num_sites());
    engine::TransportPlan plan;
    plan.ion_count = static_cast<std::size_t>(std::lround(concentration * sites));
    plan.equilibration_events = 5 * table.num_sites();
    plan.production_events = 20 * table.num_sites();
    plan.blocks = 40;  // the centre of mass is a martingale here: windows are independent
    plan.min_replicas = plan.max_replicas = 100;
    plan.seed = 7;
    const auto est = engine::estimate_transport(table, plan);
    const double c = static_cast<double>(plan.ion_count) / sites;
    const double d0 = gas.coordination * hop_rate_Hz(kTemperature_K) * 1e-16 / (2.0 * gas.dimension);
    EXPECT_WITHIN_4_SIGMA(est.collective_D, d0 * (1.0 - c) * sites / (sites - 1.0), 0.02);
    // Tracer correlation only slows ions down: D* <= D_sigma, equal at c -> 0.
    EXPECT_LT(est.tracer_D.value, est.collective_D.value + 4 * est.collective_D.standard_error);
}

}  // namespace

TEST(LatticeGas, CollectiveDiffusionEqualsD0TimesOneMinusCOnSimpleCubic) {
    const GasCase sc{"simple-cubic", {8, 8, 8}, 6, 3};
    for (const double c : {0.1, 0.5, 0.9}) {
        SCOPED_TRACE("c = " + std::to_string(c));
        check_collective_diffusion(sc, c);
    }
}

TEST(LatticeGas, CollectiveDiffusionEqualsD0TimesOneMinusCOnHoneycomb) {
    const GasCase honeycomb{"honeycomb", {12, 8, 1}, 3, 2};
    for (const double c : {0.1, 0.5, 0.9}) {
        SCOPED_TRACE("c = " + std::to_string(c));
        check_collective_diffusion(honeycomb, c);
    }
}
