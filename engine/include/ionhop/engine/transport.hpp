#pragma once
// Transport from independent KMC replicas run in parallel (TBB).
//
// Estimators (N ions in volume V, production time t, see ../shared DESIGN.md):
//   tracer      D*_ab      = < sum_i dr_ia dr_ib > / (2 N t)       over the whole production
//   collective  D_sigma_ab = < (sum_i dr_ia)(sum_i dr_ib) > / (2 N tau), averaged over
//               `blocks` consecutive windows of length tau = t / blocks (the collective
//               displacement is a single noisy vector, so windows cut its variance)
//   lag fit     D_sigma_ab = half the least-squares slope (with an intercept) of the
//               collective MSD against lag time, lags of 1..blocks/2 windows, every window
//               end an origin (collective_lag_fit.hpp). A bounded back-and-forth of the
//               centre of mass (crowded lattices: LLZO) adds a constant to the MSD at every
//               lag; the windowed estimator counts it in full, the fit's intercept absorbs it.
//               Used in place of the windowed estimate, for the collective tensor, sigma and
//               H_R alike, when the windowed one exceeds it by more than 4 standard errors of
//               the replicas' paired difference: `collective_from_lag_fit`. Otherwise the
//               windowed estimate stands (smaller error bars; the two agree within error).
//   Haven ratio H_R = D* / D_sigma (scalars: trace / transport dimension)
//   Nernst-Einstein sigma_ab = N (q e)^2 D_sigma_ab / (V k_B T)
//   drift (with a field E): sigma_drift = J.E / |E|^2, J = q e sum_i dr_i / (V t)
// Error bars: standard error over replicas. Replica r draws from stream (seed, r), and
// replicas are combined in index order, so results do not depend on the thread count.
#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ionhop/engine/basins.hpp"
#include "ionhop/engine/hop_table.hpp"
#include "ionhop/engine/prepared_table.hpp"
#include "ionhop/engine/replica_checkpoint.hpp"
#include "ionhop/engine/simulation.hpp"
#include "ionhop/engine/statistics.hpp"

namespace ionhop::engine {

struct TransportPlan {
    std::size_t ion_count = 0;
    std::uint64_t equilibration_events = 0;  // per replica, before any measurement
    // Production length per replica: a simulated time, or (when time is 0) a number of
    // events converted to a time with the mean rate seen during equilibration.
    double production_time_s = 0.0;
    std::uint64_t production_events = 0;
    // Lower bounds on the equilibration and production times (s): the slowest relaxation
    // of the lattice must pass many times over (runs/prediction.cpp sets them).
    double min_equilibration_time_s = 0.0;
    double min_production_time_s = 0.0;
    int blocks = 10;                     // windows for the collective estimator
    int min_replicas = 8;                // first batch; later batches have the same size
    int max_replicas = 8;                // stop here even if the target error is not reached
    double target_relative_error = 0.0;  // on the scalar sigma; 0 = run min_replicas only
    int threads = 0;                     // 0 = all cores
    std::uint64_t seed = 1;
    std::optional<Selector> selector;  // empty: the fastest that serves the table
    // Exact superbasin acceleration (accelerated_simulation.hpp); used when enabled, the
    // table has static rates and its rate spectrum has a gap that yields basins that pay
    // (basins_pay). A forced selector turns it off.
    AccelerationOptions acceleration;
    // Where finished replicas and snapshots of running ones are kept so that a killed run
    // resumes (replica_checkpoint.hpp); null: none. Does not change any result.
    std::shared_ptr<ReplicaCheckpoint> checkpoint;

    void validate() const;  // throws ionhop::Error naming the bad field
    // Acceleration is on, no selector is forced and the rates are static.
    bool may_accelerate(const HopTable& table) const {
        return acceleration.enabled && !selector && !table.has_interactions();
    }
};

// Mean squared displacements at the end of each window, per ion (Angstrom^2), and the net
// displacement there (from which collective_lag_fit.hpp takes the MSD at every lag).
struct MsdSample {
    double time_s = 0.0;
    Eigen::Matrix3d tracer_A2 = Eigen::Matrix3d::Zero();           // sum_i dr_i dr_i^T / N
    Eigen::Matrix3d collective_A2 = Eigen::Matrix3d::Zero();       // (sum dr)(sum dr)^T / N
    Eigen::Vector3d net_displacement_A = Eigen::Vector3d::Zero();  // sum_i dr_i, A
};

struct ReplicaResult {
    Eigen::Matrix3d tracer_D_cm2_per_s = Eigen::Matrix3d::Zero();
    Eigen::Matrix3d collective_D_cm2_per_s = Eigen::Matrix3d::Zero();
    Eigen::Vector3d net_displacement_A = Eigen::Vector3d::Zero();  // sum over ions
    std::vector<double> class_occupancy;
    std::vector<double> bin_occupancy;  // per profile bin of the table, if it has bins
    std::vector<MsdSample> msd;
    std::uint64_t events = 0;
    double production_time_s = 0.0;
    double wall_time_s = 0.0;
    // No ion could move: the state is absorbing, so the replica's D and drift are exactly
    // 0 (its MSD windows are zero at time 0). `frozen_reason` says where and why.
    bool frozen = false;
    std::string frozen_reason;
    bool accelerated = false;  // run with superbasin acceleration
};

struct TransportEstimate {
    TensorMeasurement tracer_D_cm2_per_s;
    TensorMeasurement collective_D_cm2_per_s;
    TensorMeasurement sigma_S_per_cm;  // Nernst-Einstein tensor
    Measurement tracer_D;              // scalars (trace / dimension), cm^2/s
    Measurement collective_D;
    Measurement haven_ratio;
    Measurement sigma;  // S/cm
    bool has_field = false;
    Measurement drift_sigma;  // S/cm along the field, when has_field
    std::vector<std::string> class_names;
    std::vector<Measurement> class_occupancy;  // time-averaged fraction occupied
    std::vector<Measurement> bin_occupancy;    // the same per profile bin (HopTable::site_bin)
    std::vector<ReplicaResult> replicas;
    std::uint64_t total_events = 0;
    double wall_time_s = 0.0;         // elapsed, all replicas
    bool target_reached = true;       // false if max_replicas stopped the run first
    std::size_t frozen_replicas = 0;  // replicas that reached a state where no ion can move
    // The collective estimates, scalars in cm^2/s. `collective_D` (and its tensor, sigma
    // and H_R) is the windowed one, or the lag fit when `collective_from_lag_fit`.
    // The windowed estimator is exact once a window outlasts the slowest density
    // relaxation; the whole production as one window is slower to converge in error but
    // not in time, and a bounded part of the motion biases it upward by 1/blocks of what
    // it biases the windows. The lag fit is exact once that bounded part decorrelates
    // within a window (the MSD is then a line from lag 1 on).
    Measurement collective_D_windowed;
    Measurement collective_D_lag_fit;  // when has_lag_fit (blocks >= 2)
    bool has_lag_fit = false;
    // The lag fit over the shorter half of the lags minus that over the longer half (paired
    // over replicas; blocks >= 6): positive beyond error when the MSD bends down, i.e. the
    // bounded part has not decorrelated within a window and the lag fit overestimates D.
    Measurement collective_D_lag_fit_bend;
    bool has_lag_fit_bend = false;
    // The windowed estimate exceeded the lag fit by more than 4 standard errors of the
    // replicas' paired difference: the reported collective values are the lag fit's.
    bool collective_from_lag_fit = false;
    Measurement collective_D_whole_run;
    // Whether the reported collective estimate passed its checks: windowed, not above the
    // whole-run one by more than 4 combined standard errors (otherwise the windows were too
    // short: heterogeneous lattices, stacks, traps); lag fit, neither above the whole-run one
    // (a bounded part only raises that) nor bending (collective_D_lag_fit_bend), each by
    // more than 4 standard errors of the paired difference. False: the reported values are
    // upper bounds; a longer production (more events per ion) lengthens the windows.
    bool collective_converged = true;
    std::size_t accelerated_replicas = 0;  // run with superbasin acceleration
    // Production time simulated per second of replica wall time (all replicas summed):
    // what acceleration buys, compared with a run without it.
    double simulated_s_per_wall_s = 0.0;
};

// Runs one replica; all replicas of a run share one PreparedTable. With acceleration on,
// `basins` is the table's partition (find_basins); null: found here. With a checkpoint in
// the plan: a finished replica found there is returned without running, a running one
// continues from its last snapshot. A snapshot is taken at the first pause point after
// snapshot_interval_s() of wall time since the last: the end of equilibration and of each
// measuring window, and for plain KMC also every 2^18 events. The finished result replaces
// the snapshot.
ReplicaResult run_replica(const std::shared_ptr<const PreparedTable>& prepared, const TransportPlan& plan,
                          std::uint64_t replica, std::shared_ptr<const BasinPartition> basins = nullptr);

// Combines replicas into the estimate (no simulation).
TransportEstimate combine_replicas(const HopTable& table, const TransportPlan& plan,
                                   std::vector<ReplicaResult> replicas);

// An upper bound of the heap memory of one replica's state on `table` (occupancy, ions,
// displacements, blocking counts, interaction fields, the selector's lists or tree), for
// refusing up front a run whose replicas cannot all be in memory at once.
double replica_state_bytes_bound(const HopTable& table);

// Runs replicas in batches until the target error or max_replicas is reached. A replica
// that freezes (no ion can move) counts with zero transport; when every replica of the
// first batch freezes, throws ionhop::FrozenStateError. ionhop::Error for bad input.
TransportEstimate estimate_transport(const HopTable& table, const TransportPlan& plan);

// The table replica r runs on, when replicas differ in more than their random stream
// (one dopant configuration per replica: the spread between configurations then enters
// the error bar). Called from several threads at once; must depend on r only.
using ReplicaTableSource = std::function<std::shared_ptr<const PreparedTable>(std::uint64_t replica)>;

// As above, replica r on tables(r). `reference` gives what all the tables share and the
// estimate reads (temperature, volume, charge, field, site classes); a replica's table
// that differs in them, or in its site count, is an error.
TransportEstimate estimate_transport(const HopTable& reference, const ReplicaTableSource& tables,
                                     const TransportPlan& plan);

}  // namespace ionhop::engine
