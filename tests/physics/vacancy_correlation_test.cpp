// One vacancy in a full lattice: the tracer correlation factor f_v (Compaan & Haven,
// Trans. Faraday Soc. 52, 786 (1956); Mehrer, Diffusion in Solids, ch. 7) equals the
// Haven ratio. With N = M - 1 ions, D_sigma = D0 / N exactly (the ions' net displacement is
// minus the vacancy's random walk) and D* = f_v D0 / N.
#include <gtest/gtest.h>

#include "support/transport_fixtures.hpp"

using namespace ionhop;
using ionhop::testing::compile_test_lattice;
using ionhop::testing::hop_rate_Hz;

namespace {

constexpr double kTemperature_K = 600.0;

struct VacancyCase {
    std::string lattice;
    Eigen::Vector3i repetitions;
    int coordination;
    int dimension;
    double f_v;
};

void check_correlation_factor(const VacancyCase& v) {
    const auto table = compile_test_lattice(v.lattice, v.repetitions, kTemperature_K);
    const std::size_t sites = table.num_sites();
    engine::TransportPlan plan;
    plan.ion_count = sites - 1;
    plan.equilibration_events = 0;  // one vacancy: every configuration is equally likely
    // Long runs: every ion must jump many times so that the back-jump correlations of its
    // first and last jumps are a negligible part of its displacement.
    plan.production_events = 400 * sites;
    plan.blocks = 40;
    plan.min_replicas = plan.max_replicas = 48;
    plan.seed = 3;
    const auto est = engine::estimate_transport(table, plan);
    const double d0 = v.coordination * hop_rate_Hz(kTemperature_K) * 1e-16 / (2.0 * v.dimension);
    const double ions = static_cast<double>(plan.ion_count);
    EXPECT_WITHIN_4_SIGMA(est.tracer_D, v.f_v * d0 / ions, 0.02);
    EXPECT_WITHIN_4_SIGMA(est.collective_D, d0 / ions, 0.03);
    EXPECT_WITHIN_4_SIGMA(est.haven_ratio, v.f_v, 0.04);
}

}  // namespace

TEST(VacancyCorrelation, SimpleCubicTracerCorrelationFactorIs0_65311) {
    check_correlation_factor({"simple-cubic", {10, 10, 10}, 6, 3, 0.65311});
}

TEST(VacancyCorrelation, HoneycombTracerCorrelationFactorIsOneThird) {
    check_correlation_factor({"honeycomb", {16, 10, 1}, 3, 2, 1.0 / 3.0});
}
