#pragma once
// Means and standard errors over independent replicas.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace ionhop::engine {

// A measured value with its standard error (same unit as the value).
struct Measurement {
    double value = 0.0;
    double standard_error = 0.0;
    double relative_error() const;  // standard_error / |value|; infinity when value is 0
};

// Mean and standard error of the mean of independent samples (n >= 2 for an error;
// with one sample the error is infinity).
Measurement mean_with_error(const std::vector<double>& samples);

// Element-wise mean and standard error of independent 3x3 tensors.
struct TensorMeasurement {
    Eigen::Matrix3d value = Eigen::Matrix3d::Zero();
    Eigen::Matrix3d standard_error = Eigen::Matrix3d::Zero();
};
TensorMeasurement mean_with_error(const std::vector<Eigen::Matrix3d>& samples);

// Ratio a / b with first-order error propagation for independent a and b.
Measurement ratio(const Measurement& a, const Measurement& b);

}  // namespace ionhop::engine
