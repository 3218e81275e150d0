// The collective lag fit: a hand-computed case, and synthetic walks with a bounded part
// added, where the windowed estimator is biased and the slope against lag is not.
#include "ionhop/engine/collective_lag_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <iostream>
#include <numbers>
#include <vector>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"
#include "ionhop/engine/random_stream.hpp"
#include "ionhop/engine/statistics.hpp"
#include "ionhop/engine/transport.hpp"
#include "support/transport_fixtures.hpp"

namespace ionhop::engine {
namespace {

TEST(CollectiveLagFit, LargestLagIsHalfTheWindowsAndAtLeastTwo) {
    EXPECT_EQ(lag_fit_max_lag(1), 0);
    EXPECT_EQ(lag_fit_max_lag(2), 2);
    EXPECT_EQ(lag_fit_max_lag(5), 2);
    EXPECT_EQ(lag_fit_max_lag(20), 10);
}

// X(t) at t = 0, 1, 2, 3 s: (0,0,0), (1,1,0), (3,0,0), (2,-1,0); N = 2 ions.
// Lag 1, steps (1,1), (2,-1), (-1,-1): <dx dx> = 2, <dx dy> = 0, <dy dy> = 1.
// Lag 2, steps (3,0), (1,-2): <dx dx> = 5, <dx dy> = -1, <dy dy> = 2. Per ion: / 2.
// Slopes through (1 s, C_1) and (2 s, C_2): xx 1.5, xy -0.5, yy 0.5 A^2/s; D = slope / 2.
TEST(CollectiveLagFit, HandComputedThreeWindows) {
    const std::vector<double> t_s = {1.0, 2.0, 3.0};
    const std::vector<Eigen::Vector3d> x_A = {{1, 1, 0}, {3, 0, 0}, {2, -1, 0}};
    const CollectiveLagMsd msd = collective_msd_by_lag(t_s, x_A, 2, 2);
    ASSERT_EQ(msd.lag_time_s.size(), 2u);
    EXPECT_DOUBLE_EQ(msd.lag_time_s[0], 1.0);
    EXPECT_DOUBLE_EQ(msd.lag_time_s[1], 2.0);
    EXPECT_DOUBLE_EQ(msd.msd_A2[0](0, 0), 1.0);
    EXPECT_DOUBLE_EQ(msd.msd_A2[0](0, 1), 0.0);
    EXPECT_DOUBLE_EQ(msd.msd_A2[0](1, 1), 0.5);
    EXPECT_DOUBLE_EQ(msd.msd_A2[1](0, 0), 2.5);
    EXPECT_DOUBLE_EQ(msd.msd_A2[1](1, 0), -0.5);
    EXPECT_DOUBLE_EQ(msd.msd_A2[1](1, 1), 1.0);

    const CollectiveLagFit fit = collective_lag_fit(t_s, x_A, 2);
    const double cm2 = units::angstrom2_in_cm2;
    EXPECT_DOUBLE_EQ(fit.D_cm2_per_s(0, 0), 0.75 * cm2);
    EXPECT_DOUBLE_EQ(fit.D_cm2_per_s(0, 1), -0.25 * cm2);
    EXPECT_DOUBLE_EQ(fit.D_cm2_per_s(1, 1), 0.25 * cm2);
    EXPECT_DOUBLE_EQ(fit.D_cm2_per_s(2, 2), 0.0);
    EXPECT_DOUBLE_EQ(fit.intercept_A2(0, 0), -0.5);
    EXPECT_DOUBLE_EQ(fit.intercept_A2(1, 1), 0.0);
}

// C(t) = 1 + 2 t A^2 at t = 1..4 s: both halves (lags 1-2 and 2-4) have D = 1 A^2/s; with
// C(4 s) lowered to 7 A^2 the line bends down and the long half's slope falls below.
TEST(CollectiveLagFit, HalvesOfALineAgreeAndABendSplitsThem) {
    CollectiveLagMsd msd;
    for (int m = 1; m <= 4; ++m) {
        msd.lag_time_s.push_back(m);
        msd.msd_A2.push_back(Eigen::Matrix3d::Identity() * (1.0 + 2.0 * m));
    }
    const double cm2 = units::angstrom2_in_cm2;
    CollectiveLagHalves halves = fit_collective_lag_halves(msd);
    EXPECT_DOUBLE_EQ(halves.short_lags.D_cm2_per_s(0, 0), 1.0 * cm2);
    EXPECT_DOUBLE_EQ(halves.long_lags.D_cm2_per_s(0, 0), 1.0 * cm2);
    EXPECT_DOUBLE_EQ(halves.short_lags.intercept_A2(1, 1), 1.0);
    msd.msd_A2[3] = Eigen::Matrix3d::Identity() * 7.0;
    halves = fit_collective_lag_halves(msd);
    EXPECT_DOUBLE_EQ(halves.short_lags.D_cm2_per_s(0, 0), 1.0 * cm2);
    // Long half through (2, 5), (3, 7), (4, 7): slope 1 A^2/s, D = 0.5 A^2/s.
    EXPECT_DOUBLE_EQ(halves.long_lags.D_cm2_per_s(0, 0), 0.5 * cm2);
    msd.lag_time_s.pop_back();
    msd.msd_A2.pop_back();
    msd.lag_time_s.pop_back();
    msd.msd_A2.pop_back();
    EXPECT_THROW((void)fit_collective_lag_halves(msd), Error);  // 2 lags
}

TEST(CollectiveLagFit, BadInputIsRefused) {
    const std::vector<double> t_s = {1.0, 2.0};
    const std::vector<Eigen::Vector3d> x_A = {{1, 0, 0}, {2, 0, 0}};
    EXPECT_THROW((void)collective_msd_by_lag(t_s, {{1, 0, 0}}, 1, 1), Error);  // sizes differ
    EXPECT_THROW((void)collective_msd_by_lag(t_s, x_A, 0, 1), Error);          // no ions
    EXPECT_THROW((void)collective_msd_by_lag(t_s, x_A, 1, 3), Error);          // lag > windows
    EXPECT_THROW((void)collective_lag_fit({1.0}, {{1, 0, 0}}, 1), Error);      // one window
    EXPECT_THROW((void)fit_collective_lag_msd(collective_msd_by_lag(t_s, x_A, 1, 1)), Error);
}

// A diffusive net displacement W (variance 2 N D tau per component per window) plus a
// bounded part Y drawn afresh at every window end (variance s^2 per component):
// X(t_k) = W_k + Y_k - Y_0, so X(0) = 0 and the collective MSD per ion is
// 2 s^2 / N + 2 D t at every lag of one window or more.
constexpr std::size_t kIons = 100;
constexpr int kWindows = 20;
constexpr double kWindow_s = 1.0;
constexpr double kD_A2_per_s = 0.5;           // per-ion MSD rises 1 A^2 per window per component
constexpr double kBoundedVariance_A2 = 50.0;  // offset 2 s^2 / N = 1 A^2 per ion

double gaussian(RandomStream& stream) {  // Box-Muller, portable across standard libraries
    const double u = stream.uniform_open01();
    const double v = stream.uniform_open01();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
}

Eigen::Vector3d gaussian_vector(RandomStream& stream, double variance) {
    const double s = std::sqrt(variance);
    const double x = gaussian(stream), y = gaussian(stream), z = gaussian(stream);
    return {s * x, s * y, s * z};
}

// One replica's result as run_replica reports it: the windows' net displacements and the
// windowed estimate over them. The bounded part is drawn afresh at every window end, or
// with `correlation` an AR(1) sequence that keeps that much of itself from one window end
// to the next (stationary, the same variance).
ReplicaResult synthetic_replica(std::uint64_t replica, double bounded_variance_A2 = kBoundedVariance_A2,
                                double correlation = 0.0) {
    RandomStream stream(2026, replica);
    const double n = static_cast<double>(kIons);
    const Eigen::Vector3d y0 = gaussian_vector(stream, bounded_variance_A2);
    Eigen::Vector3d y = y0;
    Eigen::Vector3d walk = Eigen::Vector3d::Zero(), previous = Eigen::Vector3d::Zero();
    Eigen::Matrix3d windows = Eigen::Matrix3d::Zero();
    ReplicaResult r;
    for (int k = 1; k <= kWindows; ++k) {
        walk += gaussian_vector(stream, 2.0 * n * kD_A2_per_s * kWindow_s);
        y = correlation * y +
            gaussian_vector(stream, (1.0 - correlation * correlation) * bounded_variance_A2);
        const Eigen::Vector3d x = walk + y - y0;
        windows += (x - previous) * (x - previous).transpose();
        previous = x;
        MsdSample sample;
        sample.time_s = k * kWindow_s;
        sample.collective_A2 = x * x.transpose() / n;
        sample.net_displacement_A = x;
        r.msd.push_back(sample);
    }
    r.collective_D_cm2_per_s = windows / kWindows / (2.0 * n * kWindow_s) * units::angstrom2_in_cm2;
    r.tracer_D_cm2_per_s = Eigen::Matrix3d::Identity() * 0.2 * kD_A2_per_s * units::angstrom2_in_cm2;
    r.net_displacement_A = previous;
    r.production_time_s = kWindows * kWindow_s;
    return r;
}

constexpr int kReplicas = 64;

// kReplicas replicas made by `make` (of its index) combined on a 4^3 simple-cubic table with
// the synthetic runs' windows.
TransportEstimate combine_synthetic_replicas(const std::function<ReplicaResult(std::uint64_t)>& make) {
    const HopTable table = ionhop::testing::compile_test_lattice("simple-cubic", {4, 4, 4}, 300.0);
    TransportPlan plan;
    plan.ion_count = kIons;
    plan.production_time_s = kWindows * kWindow_s;
    plan.blocks = kWindows;
    std::vector<ReplicaResult> replicas;
    for (int r = 0; r < kReplicas; ++r) {
        replicas.push_back(make(static_cast<std::uint64_t>(r)));
        replicas.back().class_occupancy.assign(table.class_names.size(), 0.5);
    }
    return combine_replicas(table, plan, replicas);
}

TEST(CollectiveLagFit, SlopeOfAWalkWithABoundedPartIsTheExactD) {
    std::vector<double> lag_fit, windowed;
    for (int r = 0; r < kReplicas; ++r) {
        const ReplicaResult replica = synthetic_replica(static_cast<std::uint64_t>(r));
        std::vector<double> t_s;
        std::vector<Eigen::Vector3d> x_A;
        for (const MsdSample& s : replica.msd) {
            t_s.push_back(s.time_s);
            x_A.push_back(s.net_displacement_A);
        }
        lag_fit.push_back(collective_lag_fit(t_s, x_A, kIons).D_cm2_per_s.trace() / 3.0);
        windowed.push_back(replica.collective_D_cm2_per_s.trace() / 3.0);
    }
    const double exact = kD_A2_per_s * units::angstrom2_in_cm2;
    const Measurement slope = mean_with_error(lag_fit);
    const Measurement windows = mean_with_error(windowed);
    std::cout << "exact D " << exact << " cm^2/s; lag fit " << slope.value << " +- " << slope.standard_error
              << "; windows " << windows.value << " +- " << windows.standard_error << '\n';
    EXPECT_LE(std::abs(slope.value - exact), 4.0 * slope.standard_error) << slope.value << " vs " << exact;
    EXPECT_LT(slope.standard_error, 0.1 * exact);  // small enough for the claim to fail
    // The windows count the offset in full: (1 + 1) A^2 / (2 x 1 s) = 2 D.
    EXPECT_GT(windows.value / exact, 1.6) << windows.value;
    EXPECT_GT(windows.value - exact, 4.0 * windows.standard_error);
}

TEST(CollectiveLagFit, CombineReplicasReportsTheLagFitWhenTheWindowsExceedIt) {
    const TransportEstimate est =
        combine_synthetic_replicas([](std::uint64_t r) { return synthetic_replica(r); });
    ASSERT_TRUE(est.has_lag_fit);
    EXPECT_TRUE(est.collective_from_lag_fit);
    EXPECT_TRUE(est.collective_converged);  // neither above the whole run nor bending
    ASSERT_TRUE(est.has_lag_fit_bend);
    EXPECT_LE(std::abs(est.collective_D_lag_fit_bend.value),
              4.0 * est.collective_D_lag_fit_bend.standard_error);
    EXPECT_EQ(est.collective_D.value, est.collective_D_lag_fit.value);
    EXPECT_EQ(est.collective_D.standard_error, est.collective_D_lag_fit.standard_error);
    EXPECT_GT(est.collective_D_windowed.value, est.collective_D_lag_fit.value);
    EXPECT_DOUBLE_EQ(est.collective_D_cm2_per_s.value.trace() / 3.0, est.collective_D.value);
    EXPECT_DOUBLE_EQ(est.sigma.value / est.collective_D.value,
                     est.sigma_S_per_cm.value.trace() / est.collective_D_cm2_per_s.value.trace());
    EXPECT_DOUBLE_EQ(est.haven_ratio.value, est.tracer_D.value / est.collective_D.value);
    const double exact = kD_A2_per_s * units::angstrom2_in_cm2;
    EXPECT_LE(std::abs(est.collective_D.value - exact), 4.0 * est.collective_D.standard_error);
}

// A bounded part that keeps 70 % of itself from one window end to the next (offset 20 A^2
// per ion, 20x the diffusive rise per window) bends the MSD over the lags: the lag fit is
// still used (the windows are far higher) but reported as not converged.
TEST(CollectiveLagFit, CombineReplicasFlagsALagFitThatBends) {
    const TransportEstimate est =
        combine_synthetic_replicas([](std::uint64_t r) { return synthetic_replica(r, 1000.0, 0.7); });
    std::cout << "bent: windows " << est.collective_D_windowed.value << ", lag fit "
              << est.collective_D_lag_fit.value << " +- " << est.collective_D_lag_fit.standard_error
              << ", bend " << est.collective_D_lag_fit_bend.value << " +- "
              << est.collective_D_lag_fit_bend.standard_error << ", whole run "
              << est.collective_D_whole_run.value << " cm^2/s\n";
    ASSERT_TRUE(est.has_lag_fit_bend);
    EXPECT_TRUE(est.collective_from_lag_fit);
    EXPECT_GT(est.collective_D_lag_fit_bend.value, 4.0 * est.collective_D_lag_fit_bend.standard_error);
    EXPECT_FALSE(est.collective_converged);
}

TEST(CollectiveLagFit, CombineReplicasKeepsTheWindowsWithoutABoundedPart) {
    const TransportEstimate est = combine_synthetic_replicas([](std::uint64_t r) {
        ReplicaResult replica = synthetic_replica(r);
        // Take the bounded part out again: a pure walk, recomputing the windowed estimate.
        RandomStream stream(7, r);
        Eigen::Vector3d walk = Eigen::Vector3d::Zero(), previous = Eigen::Vector3d::Zero();
        Eigen::Matrix3d windows = Eigen::Matrix3d::Zero();
        for (MsdSample& s : replica.msd) {
            walk += gaussian_vector(stream, 2.0 * kIons * kD_A2_per_s * kWindow_s);
            windows += (walk - previous) * (walk - previous).transpose();
            previous = walk;
            s.net_displacement_A = walk;
            s.collective_A2 = walk * walk.transpose() / static_cast<double>(kIons);
        }
        replica.collective_D_cm2_per_s =
            windows / kWindows / (2.0 * kIons * kWindow_s) * units::angstrom2_in_cm2;
        return replica;
    });
    ASSERT_TRUE(est.has_lag_fit);
    EXPECT_FALSE(est.collective_from_lag_fit);
    EXPECT_TRUE(est.collective_converged);
    EXPECT_EQ(est.collective_D.value, est.collective_D_windowed.value);
    const double exact = kD_A2_per_s * units::angstrom2_in_cm2;
    EXPECT_LE(std::abs(est.collective_D.value - exact), 4.0 * est.collective_D.standard_error);
    EXPECT_LE(std::abs(est.collective_D_lag_fit.value - exact),
              4.0 * est.collective_D_lag_fit.standard_error);
}

}  // namespace
}  // namespace ionhop::engine
