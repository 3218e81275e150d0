// One replica: place ions, equilibrate, then measure over `blocks` windows.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <type_traits>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"
#include "ionhop/engine/accelerated_simulation.hpp"
#include "ionhop/engine/placement.hpp"
#include "ionhop/engine/simulation.hpp"
#include "ionhop/engine/transport.hpp"
#include "replica_archive.hpp"

namespace ionhop::engine {

namespace {

template <class Sim>
std::string frozen_reason(const Sim& sim, const char* stage) {
    return "no ion can move (" + std::string(stage) + "): all " + std::to_string(sim.num_ions()) +
           " ions have every hop blocked by site exclusion or exclusion pairs, so transport is zero; add "
           "vacancies or check the lattice";
}

// An absorbing state: transport is exactly zero from here on.
template <class Sim>
ReplicaResult frozen_result(const Sim& sim, const TransportPlan& plan, const char* stage,
                            std::chrono::steady_clock::time_point wall_start) {
    ReplicaResult result;
    result.frozen = true;
    result.frozen_reason = frozen_reason(sim, stage);
    result.class_occupancy = sim.mean_class_occupancy();
    result.bin_occupancy = sim.mean_bin_occupancy();
    result.msd.assign(static_cast<std::size_t>(plan.blocks), MsdSample{});
    result.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return result;
}

Eigen::Vector3d net_displacement(const std::vector<Eigen::Vector3d>& displacements) {
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    for (const auto& d : displacements) sum += d;
    return sum;
}

Eigen::Matrix3d tracer_sum(const std::vector<Eigen::Vector3d>& displacements) {
    Eigen::Matrix3d sum = Eigen::Matrix3d::Zero();
    for (const auto& d : displacements) sum += d * d.transpose();
    return sum;
}

}  // namespace

void TransportPlan::validate() const {
    if (ion_count == 0) throw Error("transport plan: ion count is 0 (no mobile ions)");
    if (!(std::isfinite(production_time_s) && production_time_s >= 0.0)) {
        throw Error("transport plan: production time must be finite and >= 0 s");
    }
    if (production_time_s == 0.0 && production_events == 0) {
        throw Error("transport plan: give a production time (s) or a number of production events");
    }
    if (blocks < 1) throw Error("transport plan: blocks must be >= 1");
    if (!(std::isfinite(min_equilibration_time_s) && min_equilibration_time_s >= 0.0 &&
          std::isfinite(min_production_time_s) && min_production_time_s >= 0.0)) {
        throw Error("transport plan: minimum equilibration and production times must be finite and >= 0 s");
    }
    if (min_replicas < 2) throw Error("transport plan: at least 2 replicas are needed for an error bar");
    if (max_replicas < min_replicas) throw Error("transport plan: max replicas is below min replicas");
    if (!(std::isfinite(target_relative_error) && target_relative_error >= 0.0)) {
        throw Error("transport plan: target relative error must be finite and >= 0");
    }
    if (threads < 0) throw Error("transport plan: threads must be >= 0 (0 = all cores)");
    if (acceleration.enabled) acceleration.validate();
}

namespace {

// Plain KMC pauses this often to look at the wall clock; pausing does not change the path.
constexpr std::uint64_t pause_events = std::uint64_t{1} << 18;

// The replica loop's own state, saved with the engine's in a snapshot.
struct Progress {
    enum Stage : std::uint64_t { equilibration = 0, production = 1 };
    std::uint64_t stage = equilibration;
    double start_s = 0.0;  // production start and length (fixed when production starts)
    double duration_s = 0.0;
    std::uint64_t events_before = 0;
    int next_block = 1;
    Eigen::Vector3d previous_net = Eigen::Vector3d::Zero();
    Eigen::Matrix3d collective_windows = Eigen::Matrix3d::Zero();
    std::vector<MsdSample> msd;
    double earlier_wall_s = 0.0;  // wall time of the runs before the last resume

    void put(StateArchive& archive) const {
        archive.put_count("progress.stage", stage);
        archive.put_real("progress.start_s", start_s);
        archive.put_real("progress.duration_s", duration_s);
        archive.put_count("progress.events_before", events_before);
        archive.put_count("progress.next_block", static_cast<std::uint64_t>(next_block));
        archive.put("progress.previous_net",
                    std::vector<double>(previous_net.data(), previous_net.data() + 3));
        archive.put("progress.collective_windows",
                    std::vector<double>(collective_windows.data(), collective_windows.data() + 9));
        put_msd(archive, "progress.msd.", msd);
        archive.put_real("progress.wall_s", earlier_wall_s);
    }
    static Progress from(const StateArchive& archive, int blocks) {
        Progress p;
        p.stage = archive.count("progress.stage");
        p.start_s = archive.real("progress.start_s");
        p.duration_s = archive.real("progress.duration_s");
        p.events_before = archive.count("progress.events_before");
        p.next_block = static_cast<int>(archive.count("progress.next_block"));
        p.previous_net = Eigen::Vector3d(archive.get<double>("progress.previous_net", 3).data());
        p.collective_windows = Eigen::Matrix3d(archive.get<double>("progress.collective_windows", 9).data());
        p.msd = get_msd(archive, "progress.msd.");
        p.earlier_wall_s = archive.real("progress.wall_s");
        if (p.stage > production || p.next_block < 1 || p.next_block > blocks + 1 ||
            p.msd.size() != static_cast<std::size_t>(p.next_block - 1)) {
            throw Error(archive.source() + ": the saved progress of the replica does not fit its plan");
        }
        return p;
    }
};

// Snapshots of a running replica, when the plan has a checkpoint.
class Snapshots {
public:
    Snapshots(ReplicaCheckpoint* checkpoint, ReplicaIdentity identity)
        : checkpoint_(checkpoint), identity_(identity), last_(std::chrono::steady_clock::now()) {}
    template <class Sim>
    void maybe_take(const Sim& sim, Progress progress, std::chrono::steady_clock::time_point wall_start) {
        if (checkpoint_ == nullptr) return;
        const auto now = std::chrono::steady_clock::now();
        if (std::chrono::duration<double>(now - last_).count() < checkpoint_->snapshot_interval_s()) return;
        StateArchive archive;
        identity_.put(archive);
        progress.earlier_wall_s += std::chrono::duration<double>(now - wall_start).count();
        progress.put(archive);
        archive.put_all("sim.", sim.save_state());
        checkpoint_->save(identity_.running_name(), archive);
        last_ = std::chrono::steady_clock::now();
    }

private:
    ReplicaCheckpoint* checkpoint_;
    ReplicaIdentity identity_;
    std::chrono::steady_clock::time_point last_;
};

// Snapshot chances come at the end of equilibration and of each window; plain KMC also
// runs in pauses of `pause_events` with a chance at each. The accelerated engine resolves
// its basins at the end of every call, which draws numbers, so it runs each stage in one
// call (as without a checkpoint).
template <class Sim>
constexpr bool pausable = std::is_same_v<Sim, Simulation>;

template <class Sim>
RunStatus run_events_in_pauses(Sim& sim, std::uint64_t until_events, const Progress& progress,
                               Snapshots& snapshots, std::chrono::steady_clock::time_point wall_start) {
    if constexpr (!pausable<Sim>) {
        // Never resumed inside this stage (no snapshot there): one call from its start, as
        // without a checkpoint (even a call for 0 events draws, hiding and resolving basins).
        return sim.run_events(until_events - sim.events());
    } else {
        while (sim.events() < until_events) {
            if (sim.run_events(std::min(pause_events, until_events - sim.events())) == RunStatus::frozen)
                return RunStatus::frozen;
            snapshots.maybe_take(sim, progress, wall_start);
        }
        return RunStatus::reached_time;
    }
}

template <class Sim>
RunStatus run_until_in_pauses(Sim& sim, double t_end_s, const Progress& progress, Snapshots& snapshots,
                              std::chrono::steady_clock::time_point wall_start) {
    if constexpr (!pausable<Sim>) {
        return sim.run_until(t_end_s);
    } else {
        for (;;) {
            const RunStatus status = sim.run_until(t_end_s, pause_events);
            if (status != RunStatus::paused) return status;
            snapshots.maybe_take(sim, progress, wall_start);
        }
    }
}

template <class Sim>
ReplicaResult run_with(Sim& sim, const TransportPlan& plan, Progress progress, Snapshots& snapshots,
                       std::chrono::steady_clock::time_point wall_start) {
    const auto finish = [&](ReplicaResult result) {
        result.wall_time_s =
            progress.earlier_wall_s +
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
        return result;
    };
    if (progress.stage == Progress::equilibration) {
        if (run_events_in_pauses(sim, plan.equilibration_events, progress, snapshots, wall_start) ==
                RunStatus::frozen ||
            (sim.time_s() < plan.min_equilibration_time_s &&
             run_until_in_pauses(sim, plan.min_equilibration_time_s, progress, snapshots, wall_start) ==
                 RunStatus::frozen)) {
            return finish(frozen_result(sim, plan, "equilibration", wall_start));
        }
        double duration = plan.production_time_s;
        if (duration == 0.0) {
            // Mean rate over equilibration is a better guide than the instantaneous one.
            const double rate = sim.time_s() > 0.0 && plan.equilibration_events >= 100
                                    ? static_cast<double>(sim.events()) / sim.time_s()
                                    : sim.total_rate_Hz();
            if (!(rate > 0.0)) return finish(frozen_result(sim, plan, "start of production", wall_start));
            duration = static_cast<double>(plan.production_events) / rate;
        }
        sim.reset_observables();
        progress.stage = Progress::production;
        progress.duration_s = std::max(duration, plan.min_production_time_s);
        progress.events_before = sim.events();
        progress.start_s = sim.time_s();
        snapshots.maybe_take(sim, progress, wall_start);
    }

    const double duration = progress.duration_s;
    const double start = progress.start_s;
    const double window = duration / plan.blocks;
    const double n_ions = static_cast<double>(sim.num_ions());
    while (progress.next_block <= plan.blocks) {
        const int b = progress.next_block;
        const double t_end = b == plan.blocks ? start + duration : start + b * window;
        if (run_until_in_pauses(sim, t_end, progress, snapshots, wall_start) == RunStatus::frozen)
            return finish(frozen_result(sim, plan, "production", wall_start));
        const auto displacements = sim.ion_displacements_A();
        const Eigen::Vector3d net = net_displacement(displacements);
        const Eigen::Vector3d step = net - progress.previous_net;
        progress.collective_windows += step * step.transpose();
        progress.previous_net = net;
        MsdSample sample;
        sample.time_s = sim.time_s() - start;
        sample.tracer_A2 = tracer_sum(displacements) / n_ions;
        sample.collective_A2 = net * net.transpose() / n_ions;
        sample.net_displacement_A = net;
        progress.msd.push_back(sample);
        ++progress.next_block;
        snapshots.maybe_take(sim, progress, wall_start);
    }

    const double to_cm2 = units::angstrom2_in_cm2;
    ReplicaResult result;
    result.msd = progress.msd;
    result.tracer_D_cm2_per_s = result.msd.back().tracer_A2 / (2.0 * duration) * to_cm2;
    result.collective_D_cm2_per_s =
        progress.collective_windows / plan.blocks / (2.0 * n_ions * window) * to_cm2;
    result.net_displacement_A = progress.previous_net;
    result.class_occupancy = sim.mean_class_occupancy();
    result.bin_occupancy = sim.mean_bin_occupancy();
    result.events = sim.events() - progress.events_before;
    result.production_time_s = duration;
    return finish(result);
}

// Runs the replica, continuing from `snapshot` if there is one.
ReplicaResult simulate(const std::shared_ptr<const PreparedTable>& prepared, const TransportPlan& plan,
                       std::uint64_t replica, std::shared_ptr<const BasinPartition> basins,
                       const std::optional<StateArchive>& snapshot, Snapshots& snapshots) {
    const auto wall_start = std::chrono::steady_clock::now();
    RandomStream stream(plan.seed, replica);
    const auto sites = place_ions_randomly(prepared->table(), plan.ion_count, stream);
    if (plan.may_accelerate(prepared->table())) {
        if (!basins)
            basins =
                std::make_shared<const BasinPartition>(find_basins(prepared->table(), plan.acceleration));
        if (basins_pay(*basins, prepared->table(), plan.ion_count, plan.acceleration)) {
            AcceleratedSimulation sim(prepared, basins, sites, stream, plan.acceleration);
            Progress progress;
            if (snapshot) {
                progress = Progress::from(*snapshot, plan.blocks);
                sim.restore_state(snapshot->subset("sim."));
            }
            ReplicaResult result = run_with(sim, plan, progress, snapshots, wall_start);
            result.accelerated = true;
            return result;
        }
    }
    Simulation sim(prepared, sites, stream, plan.selector);
    Progress progress;
    if (snapshot) {
        progress = Progress::from(*snapshot, plan.blocks);
        sim.restore_state(snapshot->subset("sim."));
    }
    return run_with(sim, plan, progress, snapshots, wall_start);
}

}  // namespace

ReplicaResult run_replica(const std::shared_ptr<const PreparedTable>& prepared, const TransportPlan& plan,
                          std::uint64_t replica, std::shared_ptr<const BasinPartition> basins) {
    ReplicaCheckpoint* checkpoint = plan.checkpoint.get();
    if (checkpoint == nullptr) {
        Snapshots none(nullptr, {});
        return simulate(prepared, plan, replica, std::move(basins), std::nullopt, none);
    }
    const HopTable& table = prepared->table();
    const ReplicaIdentity identity{table_fingerprint(table), plan_fingerprint(plan), replica};
    if (const auto finished = checkpoint->load(identity.finished_name())) {
        identity.check(*finished);
        ReplicaResult result = result_from_archive(*finished);
        if (result.class_occupancy.size() != table.class_names.size() ||
            result.bin_occupancy.size() !=
                (table.site_bin.empty() ? 0 : static_cast<std::size_t>(table.bin_count)) ||
            result.msd.size() != static_cast<std::size_t>(plan.blocks)) {
            throw Error(finished->source() +
                        ": the saved replica does not fit the table or plan (corrupt checkpoint)");
        }
        return result;
    }
    auto snapshot = checkpoint->load(identity.running_name());
    if (snapshot) identity.check(*snapshot);
    Snapshots snapshots(checkpoint, identity);
    const ReplicaResult result = simulate(prepared, plan, replica, std::move(basins), snapshot, snapshots);
    StateArchive archive = result_archive(result);
    identity.put(archive);
    checkpoint->save(identity.finished_name(), archive);
    checkpoint->remove(identity.running_name());
    return result;
}

}  // namespace ionhop::engine
