// Replicas in parallel and their combination into transport coefficients.
#include "ionhop/engine/transport.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <string>
#include <utility>

#include "ionhop/core/error.hpp"
#include "ionhop/core/memory_budget.hpp"
#include "ionhop/core/units.hpp"
#include "ionhop/engine/collective_lag_fit.hpp"
#include "ionhop/engine/parallel_indices.hpp"

namespace ionhop::engine {

namespace {

Measurement scalar_of(const std::vector<Eigen::Matrix3d>& tensors, int dimension) {
    std::vector<double> traces;
    traces.reserve(tensors.size());
    for (const auto& t : tensors) traces.push_back(t.trace() / dimension);
    return mean_with_error(traces);
}

// sigma = N (q e)^2 D / (V k_B T) with D in cm^2/s and V in cm^3 gives S/cm; e^2/(k_B T)
// with k_B T in eV is e / (k_B T [eV]).
double nernst_einstein_factor(const HopTable& table, std::size_t ions) {
    const double volume_cm3 = table.volume_A3 * units::angstrom3_in_cm3;
    return static_cast<double>(ions) * table.charge_e * table.charge_e * units::elementary_charge_C /
           (volume_cm3 * units::thermal_energy_eV(table.temperature_K));
}

// A replica's collective D from the slope of its MSD against lag over all lags and over
// the shorter and longer half of them (collective_lag_fit.hpp); zero for a frozen replica,
// as its other estimates.
struct ReplicaLagFit {
    Eigen::Matrix3d all_lags = Eigen::Matrix3d::Zero();
    Eigen::Matrix3d short_lags = Eigen::Matrix3d::Zero();  // when with_halves
    Eigen::Matrix3d long_lags = Eigen::Matrix3d::Zero();
};

ReplicaLagFit lag_fit_D(const ReplicaResult& r, std::size_t ions, bool with_halves) {
    ReplicaLagFit out;
    if (r.frozen) return out;
    std::vector<double> time_s;
    std::vector<Eigen::Vector3d> net_A;
    for (const MsdSample& sample : r.msd) {
        time_s.push_back(sample.time_s);
        net_A.push_back(sample.net_displacement_A);
    }
    const CollectiveLagMsd msd =
        collective_msd_by_lag(time_s, net_A, ions, lag_fit_max_lag(static_cast<int>(r.msd.size())));
    out.all_lags = fit_collective_lag_msd(msd).D_cm2_per_s;
    if (with_halves) {
        const CollectiveLagHalves halves = fit_collective_lag_halves(msd);
        out.short_lags = halves.short_lags.D_cm2_per_s;
        out.long_lags = halves.long_lags.D_cm2_per_s;
    }
    return out;
}

// Mean and standard error over replicas of the per-replica difference of two scalars:
// the replicas are independent, the two estimates of one replica are not.
Measurement paired_difference(const std::vector<Eigen::Matrix3d>& a, const std::vector<Eigen::Matrix3d>& b,
                              int dimension) {
    std::vector<double> difference;
    for (std::size_t r = 0; r < a.size(); ++r) difference.push_back((a[r] - b[r]).trace() / dimension);
    return mean_with_error(difference);
}

bool exceeds_by_4_errors(const Measurement& difference) {
    return difference.value > 4.0 * difference.standard_error;
}

// Replicas combined into one estimate must simulate the same system up to its disorder.
void check_same_system(const HopTable& reference, const HopTable& table, std::size_t replica) {
    if (table.num_sites() != reference.num_sites() || table.temperature_K != reference.temperature_K ||
        table.volume_A3 != reference.volume_A3 || table.charge_e != reference.charge_e ||
        table.field_V_per_cm != reference.field_V_per_cm || table.class_names != reference.class_names ||
        table.site_bin != reference.site_bin) {
        throw Error("transport: the table of replica " + std::to_string(replica) +
                    " differs from the reference in its sites, temperature, volume, charge, field or site "
                    "classes");
    }
}

}  // namespace

TransportEstimate combine_replicas(const HopTable& table, const TransportPlan& plan,
                                   std::vector<ReplicaResult> replicas) {
    if (replicas.size() < 2) throw Error("transport: at least 2 replicas are needed for an error bar");
    TransportEstimate est;
    std::vector<Eigen::Matrix3d> tracer, windowed, lag_fit, short_lags, long_lags, whole_run;
    const double factor = nernst_einstein_factor(table, plan.ion_count);
    const auto all_have_lags = [&replicas](int lags) {
        return std::all_of(replicas.begin(), replicas.end(), [lags](const ReplicaResult& r) {
            return r.frozen || lag_fit_max_lag(static_cast<int>(r.msd.size())) >= lags;
        });
    };
    const bool has_lag_fit = all_have_lags(2);
    const bool has_halves = has_lag_fit && all_have_lags(3);
    double simulated_s = 0.0;
    double wall_s = 0.0;
    for (const auto& r : replicas) {
        tracer.push_back(r.tracer_D_cm2_per_s);
        windowed.push_back(r.collective_D_cm2_per_s);
        if (has_lag_fit) {
            const ReplicaLagFit fit = lag_fit_D(r, plan.ion_count, has_halves);
            lag_fit.push_back(fit.all_lags);
            short_lags.push_back(fit.short_lags);
            long_lags.push_back(fit.long_lags);
        }
        whole_run.push_back(r.frozen || r.msd.empty() || !(r.production_time_s > 0.0)
                                ? Eigen::Matrix3d::Zero()
                                : Eigen::Matrix3d(r.msd.back().collective_A2 / (2.0 * r.production_time_s) *
                                                  units::angstrom2_in_cm2));
        est.total_events += r.events;
        est.frozen_replicas += r.frozen ? 1 : 0;
        est.accelerated_replicas += r.accelerated ? 1 : 0;
        simulated_s += r.production_time_s;
        wall_s += r.wall_time_s;
    }
    est.simulated_s_per_wall_s = wall_s > 0.0 ? simulated_s / wall_s : 0.0;
    const int dim = table.transport_dimension;
    est.tracer_D_cm2_per_s = mean_with_error(tracer);
    est.tracer_D = scalar_of(tracer, dim);
    est.collective_D_windowed = scalar_of(windowed, dim);
    est.collective_D_whole_run = scalar_of(whole_run, dim);
    est.has_lag_fit = has_lag_fit;
    if (has_lag_fit) {
        est.collective_D_lag_fit = scalar_of(lag_fit, dim);
        est.collective_from_lag_fit = exceeds_by_4_errors(paired_difference(windowed, lag_fit, dim));
    }
    est.has_lag_fit_bend = has_halves;
    if (has_halves) est.collective_D_lag_fit_bend = paired_difference(short_lags, long_lags, dim);
    const std::vector<Eigen::Matrix3d>& collective = est.collective_from_lag_fit ? lag_fit : windowed;
    est.collective_D_cm2_per_s = mean_with_error(collective);
    est.collective_D = scalar_of(collective, dim);
    est.collective_converged =
        est.collective_from_lag_fit
            ? !exceeds_by_4_errors(paired_difference(lag_fit, whole_run, dim)) &&
                  !(has_halves && exceeds_by_4_errors(est.collective_D_lag_fit_bend))
            : !(est.collective_D.value - est.collective_D_whole_run.value >
                4.0 * std::hypot(est.collective_D.standard_error, est.collective_D_whole_run.standard_error));
    std::vector<Eigen::Matrix3d> sigma;
    for (const Eigen::Matrix3d& d : collective) sigma.push_back(d * factor);
    est.sigma_S_per_cm = mean_with_error(sigma);
    est.sigma = scalar_of(sigma, dim);
    est.haven_ratio = est.collective_D.value > 0.0 ? ratio(est.tracer_D, est.collective_D) : Measurement{};

    const double field = table.field_V_per_cm.norm();
    est.has_field = field > 0.0;
    if (est.has_field) {
        const Eigen::Vector3d direction = table.field_V_per_cm / field;
        const double volume_cm3 = table.volume_A3 * units::angstrom3_in_cm3;
        std::vector<double> drift;
        for (const auto& r : replicas) {
            if (r.frozen) {
                drift.push_back(0.0);
                continue;
            }
            const double current_A_per_cm2 = table.charge_e * units::elementary_charge_C *
                                             r.net_displacement_A.dot(direction) * units::angstrom_in_cm /
                                             (volume_cm3 * r.production_time_s);
            drift.push_back(current_A_per_cm2 / field);
        }
        est.drift_sigma = mean_with_error(drift);
    }

    est.class_names = table.class_names;
    for (std::size_t c = 0; c < table.class_names.size(); ++c) {
        std::vector<double> occupancy;
        for (const auto& r : replicas) occupancy.push_back(r.class_occupancy[c]);
        est.class_occupancy.push_back(mean_with_error(occupancy));
    }
    for (int b = 0; b < table.bin_count && !table.site_bin.empty(); ++b) {
        std::vector<double> occupancy;
        for (const auto& r : replicas) occupancy.push_back(r.bin_occupancy[static_cast<std::size_t>(b)]);
        est.bin_occupancy.push_back(mean_with_error(occupancy));
    }
    est.replicas = std::move(replicas);
    return est;
}

double replica_state_bytes_bound(const HopTable& table) {
    const auto sites = static_cast<double>(table.num_sites());
    const auto hops = static_cast<double>(table.num_hops());
    // Per site: occupancy, ion index, blocking count, refresh stamp, and at most one ion
    // (site, origin site and displacement); per hop a rate-class list slot and member.
    double bytes = sites * (1 + 4 + 4 + 4 + 4 + 4 + 24) + hops * 8;
    // Interaction field and its two Boltzmann factors, then the larger selector state:
    // sum-tree nodes (8-ary: 8/7 per leaf) or site-rate bins (32-byte site entry, 16-byte
    // bin entry, a list slot that may have grown to twice its use).
    if (table.has_interactions()) bytes += sites * (3 * 8 + 32 + 16 + 2 * 4);
    return bytes;
}

namespace {

// Each replica running at once holds its own state and, when replicas run on tables of
// their own (dopant configurations), its own table: refused up front when they cannot all
// be in memory, instead of failing halfway.
void check_replicas_fit(const HopTable& reference, const TransportPlan& plan, int concurrency,
                        bool own_tables) {
    const int at_once = std::max(1, std::min(concurrency, plan.min_replicas));
    double per_replica = replica_state_bytes_bound(reference);
    if (own_tables) per_replica += 2.0 * static_cast<double>(reference.memory_bytes());  // table + prepared
    std::ostringstream what;
    what << "transport: " << at_once << " replicas at once on " << reference.num_sites() << " sites"
         << (own_tables ? ", each on its own table," : "");
    require_memory(at_once * per_replica, what.str());
}

// `basins`: the partition all replicas share, or null to find it per replica's table.
TransportEstimate estimate_with(const HopTable& reference, const ReplicaTableSource& tables,
                                const TransportPlan& plan,
                                const std::shared_ptr<const BasinPartition>& basins, bool own_tables) {
    plan.validate();
    const auto wall_start = std::chrono::steady_clock::now();
    check_replicas_fit(reference, plan, parallel_concurrency(plan.threads), own_tables);
    std::vector<ReplicaResult> replicas;
    TransportEstimate est;
    for (;;) {
        const std::size_t begin = replicas.size();
        const std::size_t end =
            std::min<std::size_t>(begin + plan.min_replicas, static_cast<std::size_t>(plan.max_replicas));
        replicas.resize(end);
        for_each_index_in_parallel(end - begin, plan.threads, [&](std::size_t i) {
            const std::size_t r = begin + i;
            const auto prepared = tables(r);
            check_same_system(reference, prepared->table(), r);
            replicas[r] = run_replica(prepared, plan, r, basins);
        });
        est = combine_replicas(reference, plan, replicas);
        if (est.frozen_replicas == replicas.size()) throw FrozenStateError(replicas.front().frozen_reason);
        est.target_reached =
            plan.target_relative_error == 0.0 || est.sigma.relative_error() <= plan.target_relative_error;
        if (est.target_reached || end >= static_cast<std::size_t>(plan.max_replicas)) break;
    }
    est.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return est;
}

}  // namespace

TransportEstimate estimate_transport(const HopTable& table, const TransportPlan& plan) {
    plan.validate();
    const auto prepared = std::make_shared<const PreparedTable>(table);  // validates the table
    std::shared_ptr<const BasinPartition> basins;
    if (plan.may_accelerate(table)) {
        basins = std::make_shared<const BasinPartition>(find_basins(table, plan.acceleration));
    }
    return estimate_with(
        table, [&prepared](std::uint64_t) { return prepared; }, plan, basins, false);
}

TransportEstimate estimate_transport(const HopTable& reference, const ReplicaTableSource& tables,
                                     const TransportPlan& plan) {
    return estimate_with(reference, tables, plan, nullptr, true);
}

}  // namespace ionhop::engine
