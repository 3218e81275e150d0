// The reported standard error of sigma must match the spread of sigma over independent
// repeated runs (issue 4): an error bar that is too small or too large misleads.
//
// K runs with different seeds, each of R replicas, report sigma_k and its standard error
// s_k. If the error bars are honest, the variance of sigma_k over runs and the mean of s_k^2
// estimate the same variance, and their ratio follows an F distribution with (K - 1,
// K (R - 1)) degrees of freedom. With K = 20 and R = 8, F(19, 140) lies in [0.28, 2.45]
// with probability 99.8 % (quantiles from the chi-square limits 5.41/19 and 43.8/19,
// widened for the 140-degree denominator), so the test fails on a factor-1.6 error in
// the error bar and passes an honest one.
#include <gtest/gtest.h>

#include <cmath>

#include "support/transport_fixtures.hpp"

using namespace ionhop;
using ionhop::testing::compile_test_lattice;

TEST(ErrorBars, ReportedErrorMatchesTheSpreadOverIndependentRuns) {
    const auto table = compile_test_lattice("simple-cubic", {8, 8, 8}, 500.0);
    constexpr int runs = 20;
    std::vector<double> sigma, variance;
    for (int k = 0; k < runs; ++k) {
        engine::TransportPlan plan;
        plan.ion_count = table.num_sites() / 2;
        plan.equilibration_events = 10 * table.num_sites();
        plan.production_events = 50 * table.num_sites();
        plan.blocks = 20;
        plan.min_replicas = plan.max_replicas = 8;
        plan.seed = 1000 + static_cast<std::uint64_t>(k);
        const auto est = engine::estimate_transport(table, plan);
        sigma.push_back(est.sigma.value);
        variance.push_back(est.sigma.standard_error * est.sigma.standard_error);
    }
    double mean = 0.0, reported = 0.0;
    for (int k = 0; k < runs; ++k) {
        mean += sigma[k] / runs;
        reported += variance[k] / runs;
    }
    double spread = 0.0;
    for (const double s : sigma) spread += (s - mean) * (s - mean) / (runs - 1);
    const double ratio = spread / reported;
    EXPECT_GT(ratio, 0.28) << "error bars too large: spread " << std::sqrt(spread) << ", reported "
                           << std::sqrt(reported);
    EXPECT_LT(ratio, 2.45) << "error bars too small: spread " << std::sqrt(spread) << ", reported "
                           << std::sqrt(reported);
    std::cout << "sigma over " << runs << " runs: spread " << std::sqrt(spread)
              << " S/cm, mean reported error " << std::sqrt(reported) << " S/cm, variance ratio " << ratio
              << '\n';
}
