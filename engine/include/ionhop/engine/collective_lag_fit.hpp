#pragma once
// The collective diffusion coefficient from the slope of the collective MSD against lag
// time, for motion that is diffusive plus bounded.
//
// A replica's net displacement X(t) = sum_i dr_i is recorded at the window ends t_1..t_B
// (X(0) = 0 at the start of production). The collective MSD per ion at a lag of m windows,
// averaged over every window-end origin k = 0..B-m,
//   C_m = < (X(t_{k+m}) - X(t_k)) (X(t_{k+m}) - X(t_k))^T >_k / N,
// is for a diffusive motion plus a bounded (stationary) part Y that decorrelates within one
// window a line with an offset: C_m = 2 var(Y) / N + 2 D_sigma tau_m. The windowed
// estimator (C_1 / (2 tau_1)) counts the offset in full, the whole run (C_B / (2 tau_B))
// counts it once over B windows; half the least-squares slope of C_m against tau_m with an
// intercept, m = 1..M, does not see it. Used in LLZO, whose crowded split-site lattice
// moves its centre of mass back and forth (docs/validation.md).
//
// The slope is linear in the data, so the mean of the replicas' slopes is the slope of
// their mean MSD: error bars over replicas, as for the other estimators.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace ionhop::engine {

// The largest lag of the fit for `windows` windows: half of them (every lag then has at
// least half the window ends as origins), at least 2 (a slope with an intercept needs two
// lags); 0 when there are fewer than 2 windows (no fit).
int lag_fit_max_lag(int windows);

// Collective MSD per ion at lags 1..max_lag windows, every window end an origin.
struct CollectiveLagMsd {
    std::vector<double> lag_time_s;       // mean over origins of t_{k+m} - t_k
    std::vector<Eigen::Matrix3d> msd_A2;  // C_m, A^2 per ion
};

// `window_end_time_s` t_1..t_B (s since the start of production, increasing) and
// `net_displacement_A` X(t_1)..X(t_B) (sum over ions, A); X(0) = 0 at t_0 = 0 is implied.
// ionhop::Error unless the sizes agree, 1 <= max_lag <= B and ion_count > 0.
CollectiveLagMsd collective_msd_by_lag(const std::vector<double>& window_end_time_s,
                                       const std::vector<Eigen::Vector3d>& net_displacement_A,
                                       std::size_t ion_count, int max_lag);

// The least-squares line through C_m against tau_m, element by element.
struct CollectiveLagFit {
    Eigen::Matrix3d D_cm2_per_s = Eigen::Matrix3d::Zero();   // half the slope
    Eigen::Matrix3d intercept_A2 = Eigen::Matrix3d::Zero();  // per ion: the bounded part
};

// ionhop::Error unless there are at least 2 lags with distinct lag times.
CollectiveLagFit fit_collective_lag_msd(const CollectiveLagMsd& msd);

// Both steps with lag_fit_max_lag(B) lags.
CollectiveLagFit collective_lag_fit(const std::vector<double>& window_end_time_s,
                                    const std::vector<Eigen::Vector3d>& net_displacement_A,
                                    std::size_t ion_count);

// The fit over the shorter and the longer half of the lags, 1..h and h..M with
// h = (M + 1) / 2 (M >= 3). A bounded part that has not decorrelated within a window adds
// a rising, saturating term to the MSD: the line bends down, the short-lag slope exceeds the
// long-lag one, and the fit over all lags overestimates D. Equal within error: a line.
struct CollectiveLagHalves {
    CollectiveLagFit short_lags;
    CollectiveLagFit long_lags;
};
// ionhop::Error for fewer than 3 lags.
CollectiveLagHalves fit_collective_lag_halves(const CollectiveLagMsd& msd);

}  // namespace ionhop::engine
