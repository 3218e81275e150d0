// Replica statistics: mean and standard error of the mean, error propagation of ratios.
#include "ionhop/engine/statistics.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// Standard error of the mean from the sample standard deviation (n - 1). Two-pass so
// that replicas with a large common offset do not lose their spread to cancellation.
template <typename Get>
Measurement mean_and_error(std::size_t n, Get get) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += get(i);
    const double mean = sum / static_cast<double>(n);
    if (n == 1) return {mean, infinity};  // no spread to estimate from one sample
    double squares = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = get(i) - mean;
        squares += d * d;
    }
    const double sample_variance = squares / static_cast<double>(n - 1);
    return {mean, std::sqrt(sample_variance / static_cast<double>(n))};
}

}  // namespace

double Measurement::relative_error() const {
    if (value == 0.0) return infinity;
    return standard_error / std::abs(value);
}

Measurement mean_with_error(const std::vector<double>& samples) {
    if (samples.empty()) {
        throw Error("mean_with_error: no samples; need at least 1 (2 for a finite error)");
    }
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (!std::isfinite(samples[i])) {
            std::ostringstream msg;
            msg << "mean_with_error: sample " << i << " is " << samples[i] << "; every sample must be finite";
            throw Error(msg.str());
        }
    }
    return mean_and_error(samples.size(), [&](std::size_t i) { return samples[i]; });
}

TensorMeasurement mean_with_error(const std::vector<Eigen::Matrix3d>& samples) {
    if (samples.empty()) {
        throw Error(
            "mean_with_error: no tensor samples; need at least 1 (2 for a finite "
            "error)");
    }
    for (std::size_t i = 0; i < samples.size(); ++i) {
        for (int r = 0; r < 3; ++r) {
            for (int c = 0; c < 3; ++c) {
                if (!std::isfinite(samples[i](r, c))) {
                    std::ostringstream msg;
                    msg << "mean_with_error: tensor sample " << i << " element (" << r << ", " << c << ") is "
                        << samples[i](r, c) << "; every element must be finite";
                    throw Error(msg.str());
                }
            }
        }
    }
    TensorMeasurement result;
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) {
            const Measurement m =
                mean_and_error(samples.size(), [&](std::size_t i) { return samples[i](r, c); });
            result.value(r, c) = m.value;
            result.standard_error(r, c) = m.standard_error;
        }
    }
    return result;
}

Measurement ratio(const Measurement& a, const Measurement& b) {
    if (b.value == 0.0) {
        std::ostringstream msg;
        msg << "ratio: denominator value is 0 (numerator " << a.value << "); the denominator must be nonzero";
        throw Error(msg.str());
    }
    const double r = a.value / b.value;
    // First order, independent a and b: var(r) = (ea / b)^2 + (r eb / b)^2. This equals
    // |r| sqrt((ea/a)^2 + (eb/b)^2) for a != 0 and ea / |b| for a == 0, without dividing
    // by a.
    const double error = std::hypot(a.standard_error / b.value, r * b.standard_error / b.value);
    return {r, error};
}

}  // namespace ionhop::engine
