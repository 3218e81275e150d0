// Arrhenius fits of synthetic conductivities with known activation energy and prefactor.
#include "ionhop/engine/arrhenius.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"

namespace ionhop::engine {
namespace {

constexpr double k_B = units::boltzmann_eV_per_K;

// sigma = A exp(-E / kT) / T, the Arrhenius law for sigma T.
double arrhenius_sigma(double prefactor_S_K_per_cm, double energy_eV, double temperature_K) {
    return prefactor_S_K_per_cm * std::exp(-energy_eV / (k_B * temperature_K)) / temperature_K;
}

std::vector<ArrheniusPoint> pure_arrhenius(const std::vector<double>& temperatures_K, double energy_eV,
                                           double prefactor, double relative_error) {
    std::vector<ArrheniusPoint> points;
    for (double t : temperatures_K) {
        const double sigma = arrhenius_sigma(prefactor, energy_eV, t);
        points.push_back({t, {sigma, relative_error * sigma}});
    }
    return points;
}

// The error message must name the offending point and its value.
void expect_error_mentions(const std::vector<ArrheniusPoint>& points,
                           const std::vector<std::string>& fragments) {
    try {
        fit_arrhenius(points);
        FAIL() << "expected ionhop::Error";
    } catch (const ionhop::Error& e) {
        const std::string message = e.what();
        for (const std::string& f : fragments) {
            EXPECT_NE(message.find(f), std::string::npos) << "'" << f << "' not in: " << message;
        }
    }
}

TEST(Arrhenius, NoiseFreeDataRecoverActivationEnergyAndPrefactorExactly) {
    const double energy_eV = 0.3;
    const double prefactor = 1e5;
    const auto points = pure_arrhenius({300.0, 400.0, 500.0, 600.0, 700.0}, energy_eV, prefactor, 1e-6);
    const ArrheniusFit fit = fit_arrhenius(points);
    EXPECT_NEAR(fit.activation_energy_eV.value, energy_eV, 1e-10);
    EXPECT_NEAR(fit.prefactor_S_K_per_cm / prefactor, 1.0, 1e-9);
    EXPECT_NEAR(fit.log_prefactor.value, std::log(prefactor), 1e-9);
    EXPECT_EQ(fit.degrees_of_freedom, 3);
    EXPECT_LT(fit.chi2, 1e-6);
    // Errors follow from the tiny input errors (no Birge inflation): small but positive.
    EXPECT_GT(fit.activation_energy_eV.standard_error, 0.0);
    EXPECT_LT(fit.activation_energy_eV.standard_error, 1e-6);
    EXPECT_FALSE(fit.curvature_detected);
}

TEST(Arrhenius, NoisyDataFitWithinFourStandardErrorsOfTruthWithErrorBelowTwentyMeV) {
    const double energy_eV = 0.3;
    const double prefactor = 1e5;
    const double relative_noise = 0.02;
    std::mt19937_64 rng(20240611);
    std::normal_distribution<double> gauss(0.0, 1.0);
    std::vector<ArrheniusPoint> points;
    for (double t : {300.0, 400.0, 500.0, 600.0, 700.0, 800.0}) {
        const double sigma = arrhenius_sigma(prefactor, energy_eV, t);
        points.push_back({t, {sigma * (1.0 + relative_noise * gauss(rng)), relative_noise * sigma}});
    }
    const ArrheniusFit fit = fit_arrhenius(points);
    const Measurement& e = fit.activation_energy_eV;
    EXPECT_LT(e.standard_error, 0.02);
    EXPECT_GT(e.standard_error, 0.0);
    EXPECT_LT(std::abs(e.value - energy_eV), 4.0 * e.standard_error)
        << "E = " << e.value << " +- " << e.standard_error;
    EXPECT_LT(std::abs(fit.log_prefactor.value - std::log(prefactor)),
              4.0 * fit.log_prefactor.standard_error);
    EXPECT_EQ(fit.degrees_of_freedom, 4);
    EXPECT_FALSE(fit.curvature_detected);
}

TEST(Arrhenius, TwoPointsGiveTheLineThroughThem) {
    const auto points = pure_arrhenius({400.0, 800.0}, 0.5, 3e4, 0.01);
    const ArrheniusFit fit = fit_arrhenius(points);
    EXPECT_NEAR(fit.activation_energy_eV.value, 0.5, 1e-12);
    EXPECT_NEAR(fit.log_prefactor.value, std::log(3e4), 1e-10);
    EXPECT_EQ(fit.degrees_of_freedom, 0);
    // Slope error by hand: sqrt(2) * 0.01 / (1/400 - 1/800), times k_B.
    EXPECT_NEAR(fit.activation_energy_eV.standard_error,
                k_B * std::sqrt(2.0) * 0.01 / (1.0 / 400.0 - 1.0 / 800.0), 1e-12);
    EXPECT_FALSE(fit.curvature_detected);  // needs >= 4 points
}

TEST(Arrhenius, BirgeScalingMakesErrorsIndependentOfUnderstatedInputErrors) {
    // Scatter of about 5 % with stated errors of 1 % and 0.1 %: both fits have
    // chi2 / dof > 1, so the scaled errors must agree (and the estimates do anyway).
    std::vector<ArrheniusPoint> loose =
        pure_arrhenius({300.0, 350.0, 400.0, 450.0, 500.0, 550.0}, 0.4, 1e6, 0.01);
    const std::vector<double> scatter = {1.05, 0.96, 1.03, 0.94, 1.06, 0.97};
    for (std::size_t i = 0; i < loose.size(); ++i) loose[i].sigma_S_per_cm.value *= scatter[i];
    std::vector<ArrheniusPoint> tight = loose;
    for (auto& p : tight) p.sigma_S_per_cm.standard_error /= 10.0;

    const ArrheniusFit a = fit_arrhenius(loose);
    const ArrheniusFit b = fit_arrhenius(tight);
    EXPECT_GT(a.chi2 / a.degrees_of_freedom, 1.0);
    EXPECT_NEAR(a.activation_energy_eV.value, b.activation_energy_eV.value, 1e-12);
    EXPECT_NEAR(b.activation_energy_eV.standard_error / a.activation_energy_eV.standard_error, 1.0, 1e-9);
    EXPECT_NEAR(b.log_prefactor.standard_error / a.log_prefactor.standard_error, 1.0, 1e-9);
}

TEST(Arrhenius, WeightsFollowRelativeErrorSoAnUncertainOutlierBarelyMovesTheFit) {
    auto points = pure_arrhenius({300.0, 400.0, 500.0, 600.0, 700.0}, 0.3, 1e5, 1e-4);
    points[2].sigma_S_per_cm.value *= 3.0;                                           // outlier ...
    points[2].sigma_S_per_cm.standard_error = 1e6 * points[2].sigma_S_per_cm.value;  // ... ignored
    const ArrheniusFit fit = fit_arrhenius(points);
    EXPECT_NEAR(fit.activation_energy_eV.value, 0.3, 1e-8);
}

TEST(Arrhenius, TwoSummedProcessesAreFlaggedAsCurved) {
    // sigma T = A1 exp(-0.2 / kT) + A2 exp(-0.6 / kT): the high-barrier process takes over
    // near 500 K, so ln(sigma T) bends in 1/T.
    std::vector<ArrheniusPoint> points;
    for (double t = 300.0; t <= 900.0; t += 100.0) {
        const double sigma = arrhenius_sigma(1e3, 0.2, t) + arrhenius_sigma(1e7, 0.6, t);
        points.push_back({t, {sigma, 0.005 * sigma}});
    }
    EXPECT_TRUE(fit_arrhenius(points).curvature_detected);
}

TEST(Arrhenius, TwoRegimesAreFoundWithTheActivationEnergyOfEachSide) {
    // Bulk below 500 K (0.3 eV), a 0.6 eV process above (e.g. a grain-boundary crossover):
    // two straight lines in 1/T, each with 1 % errors.
    std::vector<ArrheniusPoint> points;
    for (double t = 300.0; t <= 800.0; t += 50.0) {
        const double sigma = t <= 500.0 ? arrhenius_sigma(1e4, 0.3, t)
                                        : arrhenius_sigma(1e4, 0.3, 500.0) *
                                              std::exp(-0.6 / k_B * (1.0 / t - 1.0 / 500.0)) * 500.0 / t;
        points.push_back({t, {sigma, 0.01 * sigma}});
    }
    const ArrheniusFit fit = fit_arrhenius(points);
    ASSERT_TRUE(fit.curvature_detected);
    EXPECT_GT(fit.regime_break_K, 450.0);
    EXPECT_LT(fit.regime_break_K, 560.0);
    EXPECT_NEAR(fit.low_T_activation_energy_eV.value, 0.3,
                4 * fit.low_T_activation_energy_eV.standard_error + 1e-9);
    EXPECT_NEAR(fit.high_T_activation_energy_eV.value, 0.6,
                4 * fit.high_T_activation_energy_eV.standard_error + 1e-9);
}

TEST(Arrhenius, PureArrheniusWithHalfPercentErrorsIsNotFlaggedAsCurved) {
    const auto points = pure_arrhenius({300.0, 400.0, 500.0, 600.0, 700.0, 800.0, 900.0}, 0.4, 1e5, 0.005);
    EXPECT_FALSE(fit_arrhenius(points).curvature_detected);
}

TEST(Arrhenius, OnePointThrows) {
    EXPECT_THROW(fit_arrhenius(pure_arrhenius({500.0}, 0.3, 1e5, 0.01)), ionhop::Error);
    EXPECT_THROW(fit_arrhenius({}), ionhop::Error);
    expect_error_mentions(pure_arrhenius({500.0}, 0.3, 1e5, 0.01), {"1 point", "at least 2"});
}

TEST(Arrhenius, DuplicateTemperatureThrowsNamingBothPoints) {
    const auto points = pure_arrhenius({300.0, 400.0, 500.0, 400.0}, 0.3, 1e5, 0.01);
    EXPECT_THROW(fit_arrhenius(points), ionhop::Error);
    expect_error_mentions(points, {"point 3", "400", "point 1", "distinct"});
}

TEST(Arrhenius, NegativeConductivityThrowsNamingThePoint) {
    auto points = pure_arrhenius({300.0, 400.0, 500.0}, 0.3, 1e5, 0.01);
    points[1].sigma_S_per_cm.value = -0.5;
    EXPECT_THROW(fit_arrhenius(points), ionhop::Error);
    expect_error_mentions(points, {"point 1", "sigma", "-0.5", "> 0"});
}

TEST(Arrhenius, ZeroErrorThrowsNamingThePoint) {
    auto points = pure_arrhenius({300.0, 400.0, 500.0}, 0.3, 1e5, 0.01);
    points[2].sigma_S_per_cm.standard_error = 0.0;
    EXPECT_THROW(fit_arrhenius(points), ionhop::Error);
    expect_error_mentions(points, {"point 2", "standard_error", "> 0"});
}

TEST(Arrhenius, NanTemperatureThrowsNamingThePoint) {
    auto points = pure_arrhenius({300.0, 400.0, 500.0}, 0.3, 1e5, 0.01);
    points[0].temperature_K = std::nan("");
    EXPECT_THROW(fit_arrhenius(points), ionhop::Error);
    expect_error_mentions(points, {"point 0", "temperature_K", "nan", "finite"});
}

TEST(Arrhenius, NonPositiveTemperatureThrows) {
    auto points = pure_arrhenius({300.0, 400.0, 500.0}, 0.3, 1e5, 0.01);
    points[1].temperature_K = 0.0;
    EXPECT_THROW(fit_arrhenius(points), ionhop::Error);
    points[1].temperature_K = -400.0;
    EXPECT_THROW(fit_arrhenius(points), ionhop::Error);
}

}  // namespace
}  // namespace ionhop::engine
