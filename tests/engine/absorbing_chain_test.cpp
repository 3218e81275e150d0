#include "ionhop/engine/absorbing_chain.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>
#include <vector>

#include "ionhop/core/error.hpp"
#include "ionhop/engine/random_stream.hpp"

using ionhop::engine::AbsorbingChain;
using ionhop::engine::RandomStream;

namespace {

// Three sites in a triangle with energies 0, 0.05, 0.12 eV at kT = 0.0259 eV, barrier
// 0.2 eV between each pair, and exits (slow hops out of the basin) from each site.
struct Triangle {
    std::vector<AbsorbingChain::Transition> transitions;
    std::vector<double> exit_rate_Hz{2.0, 0.5, 5.0};
    Eigen::MatrixXd generator = Eigen::MatrixXd::Zero(3, 3);  // transient part of Q

    Triangle() {
        const double kT = 0.0259;
        const double energy[3] = {0.0, 0.05, 0.12};
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 3; ++j) {
                if (i == j) continue;
                const double rate = 1e3 * std::exp(-(0.2 + 0.5 * (energy[j] - energy[i])) / kT);
                transitions.push_back({i, j, rate});
                generator(i, j) = rate;
                generator(i, i) -= rate;
            }
            generator(i, i) -= exit_rate_Hz[static_cast<std::size_t>(i)];
        }
    }
    AbsorbingChain chain() const { return AbsorbingChain(3, transitions, exit_rate_Hz); }
};

// Standard error of a frequency from n draws.
double binomial_sigma(double p, int n) { return std::sqrt(p * (1.0 - p) / n); }

}  // namespace

TEST(AbsorbingChain, SurvivalAndPropagationMatchTheMatrixExponential) {
    const Triangle triangle;
    const auto chain = triangle.chain();
    for (const double t : {0.0, 0.01, 0.1, 0.5, 2.0}) {
        const Eigen::MatrixXd exact = (triangle.generator * t).exp();
        Eigen::VectorXd p;
        for (int i = 0; i < 3; ++i) {
            EXPECT_NEAR(chain.survival(i, t), exact.row(i).sum(), 1e-12) << "t " << t << " from " << i;
            chain.propagate(i, t, p);
            for (int j = 0; j < 3; ++j) EXPECT_NEAR(p(j), exact(i, j), 1e-12);
        }
    }
}

TEST(AbsorbingChain, EscapeTimeAndExitSiteFollowTheAbsorbingChain) {
    const Triangle triangle;
    const auto chain = triangle.chain();
    // Exact: mean time to absorption tau = (-Q)^-1 1; exit from j with probability
    // [(-Q)^-1]_0j e_j; survival at the median time from the matrix exponential.
    const Eigen::MatrixXd fundamental = (-triangle.generator).inverse();
    const double mean_exact = fundamental.row(0).sum();
    RandomStream stream(7, 0);
    const int draws = 40000;
    double sum = 0.0;
    double sum_sq = 0.0;
    std::vector<int> exits(3, 0);
    int survived_mean = 0;
    for (int k = 0; k < draws; ++k) {
        const double t = chain.exit_time(0, stream.uniform_open01());
        sum += t;
        sum_sq += t * t;
        if (t > mean_exact) ++survived_mean;
        ++exits[static_cast<std::size_t>(chain.exit_state(0, t, stream.uniform_open01()))];
    }
    const double mean = sum / draws;
    const double sigma_mean = std::sqrt((sum_sq / draws - mean * mean) / draws);
    EXPECT_NEAR(mean, mean_exact, 4.0 * sigma_mean);
    const double survival_exact = (triangle.generator * mean_exact).exp().row(0).sum();
    EXPECT_NEAR(static_cast<double>(survived_mean) / draws, survival_exact,
                4.0 * binomial_sigma(survival_exact, draws));
    for (int j = 0; j < 3; ++j) {
        const double p = fundamental(0, j) * triangle.exit_rate_Hz[static_cast<std::size_t>(j)];
        EXPECT_NEAR(static_cast<double>(exits[static_cast<std::size_t>(j)]) / draws, p,
                    4.0 * binomial_sigma(p, draws))
            << "exit site " << j;
    }
}

TEST(AbsorbingChain, StatesAtATimeAndOnABridgeFollowTheirExactLaws) {
    const Triangle triangle;
    const auto chain = triangle.chain();
    const double t = 0.05;
    const double s = 0.02;
    const Eigen::MatrixXd at_t = (triangle.generator * t).exp();
    const Eigen::MatrixXd at_s = (triangle.generator * s).exp();
    const Eigen::MatrixXd rest = (triangle.generator * (t - s)).exp();
    Eigen::VectorXd given_survival = at_t.row(2).transpose() / at_t.row(2).sum();
    Eigen::VectorXd bridge(3);
    for (int j = 0; j < 3; ++j) bridge(j) = at_s(2, j) * rest(j, 1);
    bridge /= bridge.sum();
    RandomStream stream(11, 0);
    const int draws = 40000;
    std::vector<int> seen(3, 0), seen_bridge(3, 0);
    for (int k = 0; k < draws; ++k) {
        ++seen[static_cast<std::size_t>(chain.state_at(2, t, stream.uniform_open01()))];
        ++seen_bridge[static_cast<std::size_t>(chain.bridge_state(2, 1, s, t, stream.uniform_open01()))];
    }
    for (int j = 0; j < 3; ++j) {
        const auto index = static_cast<std::size_t>(j);
        EXPECT_NEAR(static_cast<double>(seen[index]) / draws, given_survival(j),
                    4.0 * binomial_sigma(given_survival(j), draws));
        EXPECT_NEAR(static_cast<double>(seen_bridge[index]) / draws, bridge(j),
                    4.0 * binomial_sigma(bridge(j), draws));
    }
}

TEST(AbsorbingChain, WideRateSpectrumKeepsTheSlowEscapeExact) {
    // Two states joined at 1e6 Hz, each left at 1 Hz: survival exp(-t) exactly.
    const AbsorbingChain chain(2, {{0, 1, 1e6}, {1, 0, 1e6}}, {1.0, 1.0});
    for (const double t : {1e-3, 1.0, 10.0}) EXPECT_NEAR(chain.survival(0, t), std::exp(-t), 1e-9);
    EXPECT_NEAR(chain.exit_time(0, std::exp(-3.0)), 3.0, 1e-9);
}

TEST(AbsorbingChain, ClosedChainIsNeverLeft) {
    const AbsorbingChain chain(2, {{0, 1, 3.0}, {1, 0, 3.0}}, {0.0, 0.0});
    EXPECT_TRUE(chain.closed());
    EXPECT_TRUE(std::isinf(chain.exit_time(0, 0.5)));
    EXPECT_DOUBLE_EQ(chain.survival(1, 100.0), 1.0);
}

TEST(AbsorbingChain, BadChainsAreRefused) {
    using ionhop::Error;
    // A cycle that breaks detailed balance: 0 -> 1 -> 2 -> 0 faster than backwards.
    EXPECT_THROW(
        AbsorbingChain(3, {{0, 1, 2.0}, {1, 0, 1.0}, {1, 2, 2.0}, {2, 1, 1.0}, {2, 0, 2.0}, {0, 2, 1.0}},
                       {1.0, 1.0, 1.0}),
        Error);
    EXPECT_THROW(AbsorbingChain(2, {{0, 1, 1.0}}, {1.0, 1.0}), Error);                    // no reverse
    EXPECT_THROW(AbsorbingChain(3, {{0, 1, 1.0}, {1, 0, 1.0}}, {1.0, 1.0, 1.0}), Error);  // state 2 apart
    EXPECT_THROW(AbsorbingChain(2, {{0, 1, -1.0}, {1, 0, 1.0}}, {1.0, 1.0}), Error);
    EXPECT_THROW(AbsorbingChain(2, {{0, 1, 1.0}, {1, 0, 1.0}}, {1.0, std::nan("")}), Error);
    EXPECT_THROW(AbsorbingChain(0, {}, {}), Error);
}
