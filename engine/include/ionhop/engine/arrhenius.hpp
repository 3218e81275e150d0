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
    // Quadratic term in 1/T significant at 3 standard errors (needs >= 4 points).
    bool curvature_detected = false;
};

// Weighted least squares of ln(sigma T) against 1/T, weights from the standard error of
// ln(sigma) (= sigma_err / sigma). Needs >= 2 points at distinct temperatures with
// positive sigma and errors; throws ionhop::Error otherwise. With more than 2 points the
// parameter errors are scaled by sqrt(chi2 / dof) when that exceeds 1 (Birge ratio).
ArrheniusFit fit_arrhenius(const std::vector<ArrheniusPoint>& points);

}  // namespace ionhop::engine
