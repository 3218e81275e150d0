#pragma once
// Shared helpers for the tests: compile a test lattice and run replicas.
#include <cmath>
#include <string>

#include "ionhop/core/units.hpp"
#include "ionhop/engine/transport.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/models/compile.hpp"

namespace ionhop::testing {

inline constexpr double kBarrier_eV = 0.2;
inline constexpr double kAttempt_Hz = 1e13;

// Rate of one nearest-neighbour hop, G = nu exp(-E / kT).
inline double hop_rate_Hz(double temperature_K, double barrier_eV = kBarrier_eV) {
    return kAttempt_Hz * std::exp(-barrier_eV / units::thermal_energy_eV(temperature_K));
}

inline engine::HopTable compile_test_lattice(const std::string& name, const Eigen::Vector3i& repetitions,
                                             double temperature_K, const models::RateModel& model = {},
                                             double barrier_eV = kBarrier_eV) {
    lattices::TestLatticeOptions options;
    options.hop_length_A = 1.0;
    options.barrier_eV = barrier_eV;
    options.attempt_frequency_Hz = kAttempt_Hz;
    models::Conditions conditions;
    conditions.temperature_K = temperature_K;
    return models::compile_hop_table(lattices::build_test_lattice(name, options), repetitions, model,
                                     conditions);
}

// |estimate - exact| within 4 standard errors, and the error small enough to mean something.
#define EXPECT_WITHIN_4_SIGMA(measurement, exact, max_relative_error)                          \
    do {                                                                                       \
        const auto& m_ = (measurement);                                                        \
        const double exact_ = (exact);                                                         \
        EXPECT_LE(std::abs(m_.value - exact_), 4.0 * m_.standard_error)                        \
            << "estimate " << m_.value << " +- " << m_.standard_error << ", exact " << exact_; \
        EXPECT_LT(m_.standard_error, (max_relative_error)*std::abs(exact_))                    \
            << "standard error too large for a meaningful test";                               \
    } while (0)

}  // namespace ionhop::testing
