// Collective MSD against lag time and half its least-squares slope.
#include "ionhop/engine/collective_lag_fit.hpp"

#include <algorithm>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"

namespace ionhop::engine {

int lag_fit_max_lag(int windows) { return windows < 2 ? 0 : std::max(2, windows / 2); }

CollectiveLagMsd collective_msd_by_lag(const std::vector<double>& window_end_time_s,
                                       const std::vector<Eigen::Vector3d>& net_displacement_A,
                                       std::size_t ion_count, int max_lag) {
    const std::size_t windows = window_end_time_s.size();
    if (net_displacement_A.size() != windows) {
        throw Error("collective lag fit: " + std::to_string(windows) + " window end times but " +
                    std::to_string(net_displacement_A.size()) + " net displacements");
    }
    if (ion_count == 0) throw Error("collective lag fit: ion count is 0");
    if (max_lag < 1 || static_cast<std::size_t>(max_lag) > windows) {
        throw Error("collective lag fit: the largest lag (" + std::to_string(max_lag) +
                    " windows) must be between 1 and the number of windows (" + std::to_string(windows) +
                    ")");
    }
    // Window end k = 0..B, with X(0) = 0 at t = 0.
    std::vector<double> t(windows + 1, 0.0);
    std::vector<Eigen::Vector3d> x(windows + 1, Eigen::Vector3d::Zero());
    std::copy(window_end_time_s.begin(), window_end_time_s.end(), t.begin() + 1);
    std::copy(net_displacement_A.begin(), net_displacement_A.end(), x.begin() + 1);

    CollectiveLagMsd out;
    for (std::size_t m = 1; m <= static_cast<std::size_t>(max_lag); ++m) {
        const std::size_t origins = windows + 1 - m;
        double lag_s = 0.0;
        Eigen::Matrix3d msd = Eigen::Matrix3d::Zero();
        for (std::size_t k = 0; k < origins; ++k) {
            const Eigen::Vector3d step = x[k + m] - x[k];
            msd += step * step.transpose();
            lag_s += t[k + m] - t[k];
        }
        out.lag_time_s.push_back(lag_s / static_cast<double>(origins));
        out.msd_A2.push_back(msd / (static_cast<double>(origins) * static_cast<double>(ion_count)));
    }
    return out;
}

CollectiveLagFit fit_collective_lag_msd(const CollectiveLagMsd& msd) {
    const std::size_t n = msd.lag_time_s.size();
    if (n < 2 || msd.msd_A2.size() != n) {
        throw Error("collective lag fit: a slope with an intercept needs at least 2 lags (got " +
                    std::to_string(n) + ")");
    }
    double mean_t = 0.0;
    Eigen::Matrix3d mean_c = Eigen::Matrix3d::Zero();
    for (std::size_t m = 0; m < n; ++m) {
        mean_t += msd.lag_time_s[m];
        mean_c += msd.msd_A2[m];
    }
    mean_t /= static_cast<double>(n);
    mean_c /= static_cast<double>(n);
    double sxx = 0.0;
    Eigen::Matrix3d sxy = Eigen::Matrix3d::Zero();
    for (std::size_t m = 0; m < n; ++m) {
        const double dt = msd.lag_time_s[m] - mean_t;
        sxx += dt * dt;
        sxy += dt * (msd.msd_A2[m] - mean_c);
    }
    if (!(sxx > 0.0)) throw Error("collective lag fit: the lag times are all equal (no slope)");
    const Eigen::Matrix3d slope_A2_per_s = sxy / sxx;
    CollectiveLagFit fit;
    fit.D_cm2_per_s = slope_A2_per_s / 2.0 * units::angstrom2_in_cm2;
    fit.intercept_A2 = mean_c - slope_A2_per_s * mean_t;
    return fit;
}

CollectiveLagHalves fit_collective_lag_halves(const CollectiveLagMsd& msd) {
    const std::size_t lags = msd.lag_time_s.size();
    if (lags < 3 || msd.msd_A2.size() != lags) {
        throw Error("collective lag fit: the halves need at least 3 lags (got " + std::to_string(lags) + ")");
    }
    const std::size_t h = (lags + 1) / 2;  // lags 1..h and h..M (1-based)
    const auto part = [&msd](std::size_t first, std::size_t end) {
        CollectiveLagMsd out;
        out.lag_time_s.assign(msd.lag_time_s.begin() + first, msd.lag_time_s.begin() + end);
        out.msd_A2.assign(msd.msd_A2.begin() + first, msd.msd_A2.begin() + end);
        return fit_collective_lag_msd(out);
    };
    return {part(0, h), part(h - 1, lags)};
}

CollectiveLagFit collective_lag_fit(const std::vector<double>& window_end_time_s,
                                    const std::vector<Eigen::Vector3d>& net_displacement_A,
                                    std::size_t ion_count) {
    const int max_lag = lag_fit_max_lag(static_cast<int>(window_end_time_s.size()));
    if (max_lag == 0) throw Error("collective lag fit: needs at least 2 windows");
    return fit_collective_lag_msd(
        collective_msd_by_lag(window_end_time_s, net_displacement_A, ion_count, max_lag));
}

}  // namespace ionhop::engine
