// Arrhenius fit: weighted least squares of ln(sigma T) against 1/T.
#include "ionhop/engine/arrhenius.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"

namespace ionhop::engine {
namespace {

[[noreturn]] void throw_point_error(std::size_t index, const std::string& field, double value,
                                    const std::string& valid) {
    std::ostringstream msg;
    msg << "fit_arrhenius: point " << index << " has " << field << " = " << value << "; " << valid;
    throw Error(msg.str());
}

void validate(const std::vector<ArrheniusPoint>& points) {
    if (points.size() < 2) {
        std::ostringstream msg;
        msg << "fit_arrhenius: got " << points.size()
            << " point(s); need at least 2 at distinct temperatures";
        throw Error(msg.str());
    }
    for (std::size_t i = 0; i < points.size(); ++i) {
        const ArrheniusPoint& p = points[i];
        if (!std::isfinite(p.temperature_K) || p.temperature_K <= 0.0) {
            throw_point_error(i, "temperature_K", p.temperature_K, "must be finite and > 0");
        }
        if (!std::isfinite(p.sigma_S_per_cm.value) || p.sigma_S_per_cm.value <= 0.0) {
            throw_point_error(i, "sigma_S_per_cm.value", p.sigma_S_per_cm.value,
                              "must be finite and > 0 (a logarithm is taken)");
        }
        const double error = p.sigma_S_per_cm.standard_error;
        if (!std::isfinite(error) || error <= 0.0) {
            throw_point_error(i, "sigma_S_per_cm.standard_error", error,
                              "must be finite and > 0 (it sets the weight 1/error^2)");
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (points[j].temperature_K == p.temperature_K) {
                std::ostringstream valid;
                valid << "same as point " << j << "; temperatures must be distinct";
                throw_point_error(i, "temperature_K", p.temperature_K, valid.str());
            }
        }
    }
}

struct PolynomialFit {
    Eigen::VectorXd coefficients;  // of 1, u, u^2, ...
    Eigen::MatrixXd covariance;    // Birge-scaled when chi2 / dof > 1
    double chi2 = 0.0;
    int degrees_of_freedom = 0;
};

// Weighted least squares y = sum_k c_k u^k with covariance (X^T W X)^-1.
PolynomialFit fit_polynomial(const Eigen::VectorXd& u, const Eigen::VectorXd& y,
                             const Eigen::VectorXd& weight, int terms) {
    const Eigen::Index n = u.size();
    Eigen::MatrixXd design(n, terms);
    design.col(0).setOnes();
    for (int k = 1; k < terms; ++k) design.col(k) = design.col(k - 1).cwiseProduct(u);

    const Eigen::MatrixXd design_t_w = design.transpose() * weight.asDiagonal();
    const Eigen::MatrixXd normal = design_t_w * design;
    PolynomialFit fit;
    fit.covariance = normal.ldlt().solve(Eigen::MatrixXd::Identity(terms, terms));
    fit.coefficients = fit.covariance * (design_t_w * y);
    const Eigen::VectorXd residual = y - design * fit.coefficients;
    fit.chi2 = residual.cwiseAbs2().dot(weight);
    fit.degrees_of_freedom = static_cast<int>(n) - terms;
    // Birge ratio: scatter larger than the stated errors means the errors are
    // underestimated; never shrink errors when the scatter is smaller.
    if (fit.degrees_of_freedom > 0) {
        const double reduced_chi2 = fit.chi2 / fit.degrees_of_freedom;
        if (reduced_chi2 > 1.0) fit.covariance *= reduced_chi2;
    }
    return fit;
}

// Two lines, one on each side of a break between sorted points i-1 and i (each side >= 2
// points); the chi2 of both and each side's slope in u with its error.
struct TwoRegimes {
    double chi2 = 0.0;
    double low_T_slope = 0.0, low_T_slope_error = 0.0;    // large 1/T side
    double high_T_slope = 0.0, high_T_slope_error = 0.0;  // small 1/T side
};

TwoRegimes fit_two_regimes(const Eigen::VectorXd& u, const Eigen::VectorXd& y, const Eigen::VectorXd& weight,
                           const std::vector<Eigen::Index>& order, std::size_t split) {
    const auto side = [&](std::size_t begin, std::size_t end) {
        const auto count = static_cast<Eigen::Index>(end - begin);
        Eigen::VectorXd su(count), sy(count), sw(count);
        for (Eigen::Index k = 0; k < count; ++k) {
            const Eigen::Index i = order[begin + static_cast<std::size_t>(k)];
            su(k) = u(i), sy(k) = y(i), sw(k) = weight(i);
        }
        return fit_polynomial(su, sy, sw, 2);
    };
    // `order` sorts by u = scaled 1/T: the first points are the hot ones.
    const PolynomialFit hot = side(0, split), cold = side(split, order.size());
    return {hot.chi2 + cold.chi2, cold.coefficients(1), std::sqrt(cold.covariance(1, 1)), hot.coefficients(1),
            std::sqrt(hot.covariance(1, 1))};
}

}  // namespace

ArrheniusFit fit_arrhenius(const std::vector<ArrheniusPoint>& points) {
    validate(points);
    const Eigen::Index n = static_cast<Eigen::Index>(points.size());
    Eigen::VectorXd x(n), y(n), weight(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const ArrheniusPoint& p = points[static_cast<std::size_t>(i)];
        x(i) = 1.0 / p.temperature_K;
        // Sum of logarithms rather than log of the product: no overflow for extreme inputs.
        y(i) = std::log(p.sigma_S_per_cm.value) + std::log(p.temperature_K);
        const double log_error = p.sigma_S_per_cm.standard_error / p.sigma_S_per_cm.value;
        weight(i) = 1.0 / (log_error * log_error);
        if (!std::isfinite(weight(i)) || weight(i) <= 0.0) {
            throw_point_error(static_cast<std::size_t>(i), "relative error", log_error,
                              "sigma error / sigma must be representable when squared");
        }
    }

    // Fit in the centred, scaled variable u = (x - x0) / scale: 1/T spans a narrow range
    // far from 0, so the raw normal equations (and more so with x^2) are ill conditioned.
    // Distinct temperatures guarantee scale > 0.
    const double x0 = x.dot(weight) / weight.sum();
    const double scale = (x.array() - x0).abs().maxCoeff();
    const Eigen::VectorXd u = (x.array() - x0) / scale;

    const PolynomialFit line = fit_polynomial(u, y, weight, 2);
    // Back to y = ln A + slope x: a linear map J of the parameters, covariance J C J^T.
    Eigen::Matrix2d to_x;
    to_x << 1.0, -x0 / scale, 0.0, 1.0 / scale;
    const Eigen::Vector2d params = to_x * line.coefficients;
    const Eigen::Matrix2d covariance = to_x * line.covariance * to_x.transpose();

    constexpr double k_B = units::boltzmann_eV_per_K;
    ArrheniusFit fit;
    fit.log_prefactor = {params(0), std::sqrt(covariance(0, 0))};
    fit.activation_energy_eV = {-k_B * params(1), k_B * std::sqrt(covariance(1, 1))};
    fit.prefactor_S_K_per_cm = std::exp(params(0));
    fit.chi2 = line.chi2;
    fit.degrees_of_freedom = line.degrees_of_freedom;

    // Significance of the quadratic term is invariant under the affine map x -> u (value
    // and standard error both scale by scale^2), so test it in u directly.
    if (n >= 4) {
        const PolynomialFit quadratic = fit_polynomial(u, y, weight, 3);
        const double c2 = quadratic.coefficients(2);
        const double c2_error = std::sqrt(quadratic.covariance(2, 2));
        fit.curvature_detected = std::abs(c2) > 3.0 * c2_error;

        // Two regimes: the best break is chosen among n - 3, so the chi2_2 threshold is
        // taken at 0.001 / (n - 3) (Bonferroni): -2 ln(0.001 / (n - 3)).
        std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
        for (Eigen::Index i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
        std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return u(a) < u(b); });
        const double threshold = -2.0 * std::log(0.001 / static_cast<double>(n - 3));
        double best_drop = 0.0;
        for (std::size_t split = 2; split + 2 <= order.size(); ++split) {
            const TwoRegimes two = fit_two_regimes(u, y, weight, order, split);
            const double drop = line.chi2 - two.chi2;
            if (drop > threshold && drop > best_drop) {
                best_drop = drop;
                fit.curvature_detected = true;
                const double x_break = x0 + scale * 0.5 * (u(order[split - 1]) + u(order[split]));
                fit.regime_break_K = 1.0 / x_break;
                fit.low_T_activation_energy_eV = {-k_B * two.low_T_slope / scale,
                                                  k_B * two.low_T_slope_error / scale};
                fit.high_T_activation_energy_eV = {-k_B * two.high_T_slope / scale,
                                                   k_B * two.high_T_slope_error / scale};
            }
        }
    }
    return fit;
}

}  // namespace ionhop::engine
