#pragma once
// Arrhenius fit of conductivities: sigma T = A exp(-E_a / (k_B T)).
#include <vector>

#include "ionhop/engine/statistics.hpp"

namespace ionhop::engine {

struct ArrheniusPoint {
    double temperature_K = 0.0;
    Measurement sigma_S_per_cm;  // value > 0 and standard error > 0
};

struct ArrheniusFit {
    Measurement activation_energy_eV;
    Measurement log_prefactor;          // ln(A / (S K / cm))
    double prefactor_S_K_per_cm = 0.0;  // A = exp(log_prefactor)
    double chi2 = 0.0;                  // weighted residual sum of squares
    int degrees_of_freedom = 0;         // points - 2
    // Not one straight line (needs >= 4 points): a two-regime fit (two lines meeting
    // between neighbouring temperatures) beats one line by more than chance allows
    // (chi2 drop > chi2_2 quantile at 0.001 / break points), or a quadratic term in 1/T is
    // significant at 3 standard errors.
    bool curvature_detected = false;
    // The best two-regime fit when it is the significant one: the temperature between
    // the regimes (midway in 1/T) and the activation energy of each side; 0 otherwise.
    double regime_break_K = 0.0;
    Measurement low_T_activation_energy_eV;
    Measurement high_T_activation_energy_eV;
};

// Weighted least squares of ln(sigma T) against 1/T, weights from the standard error of
// ln(sigma) (= sigma_err / sigma). Needs >= 2 points at distinct temperatures with
// positive sigma and errors; throws ionhop::Error otherwise. With more than 2 points the
// parameter errors are scaled by sqrt(chi2 / dof) when that exceeds 1 (Birge ratio).
ArrheniusFit fit_arrhenius(const std::vector<ArrheniusPoint>& points);

}  // namespace ionhop::engine
