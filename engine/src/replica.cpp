// One replica: place ions, equilibrate, then measure over `blocks` windows.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"
#include "ionhop/engine/accelerated_simulation.hpp"
#include "ionhop/engine/placement.hpp"
#include "ionhop/engine/simulation.hpp"
#include "ionhop/engine/transport.hpp"

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

template <class Sim>
ReplicaResult run_with(Sim& sim, const TransportPlan& plan,
                       std::chrono::steady_clock::time_point wall_start) {
    if (sim.run_events(plan.equilibration_events) == RunStatus::frozen ||
        (sim.time_s() < plan.min_equilibration_time_s &&
         sim.run_until(plan.min_equilibration_time_s) == RunStatus::frozen)) {
        return frozen_result(sim, plan, "equilibration", wall_start);
    }
    double duration = plan.production_time_s;
    if (duration == 0.0) {
        // Mean rate over equilibration is a better guide than the instantaneous one.
        const double rate = sim.time_s() > 0.0 && plan.equilibration_events >= 100
                                ? static_cast<double>(sim.events()) / sim.time_s()
                                : sim.total_rate_Hz();
        if (!(rate > 0.0)) return frozen_result(sim, plan, "start of production", wall_start);
        duration = static_cast<double>(plan.production_events) / rate;
    }
    duration = std::max(duration, plan.min_production_time_s);

    sim.reset_observables();
    const std::uint64_t events_before = sim.events();
    const double start = sim.time_s();
    const double window = duration / plan.blocks;
    const double n_ions = static_cast<double>(sim.num_ions());
    ReplicaResult result;
    Eigen::Vector3d previous_net = Eigen::Vector3d::Zero();
    Eigen::Matrix3d collective_windows = Eigen::Matrix3d::Zero();
    for (int b = 1; b <= plan.blocks; ++b) {
        const double t_end = b == plan.blocks ? start + duration : start + b * window;
        if (sim.run_until(t_end) == RunStatus::frozen)
            return frozen_result(sim, plan, "production", wall_start);
        const Eigen::Vector3d net = net_displacement(sim.ion_displacements_A());
        const Eigen::Vector3d step = net - previous_net;
        collective_windows += step * step.transpose();
        previous_net = net;
        MsdSample sample;
        sample.time_s = sim.time_s() - start;
        sample.tracer_A2 = tracer_sum(sim.ion_displacements_A()) / n_ions;
        sample.collective_A2 = net * net.transpose() / n_ions;
        result.msd.push_back(sample);
    }

    const double to_cm2 = units::angstrom2_in_cm2;
    result.tracer_D_cm2_per_s = result.msd.back().tracer_A2 / (2.0 * duration) * to_cm2;
    result.collective_D_cm2_per_s = collective_windows / plan.blocks / (2.0 * n_ions * window) * to_cm2;
    result.net_displacement_A = previous_net;
    result.class_occupancy = sim.mean_class_occupancy();
    result.bin_occupancy = sim.mean_bin_occupancy();
    result.events = sim.events() - events_before;
    result.production_time_s = duration;
    result.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return result;
}

}  // namespace

ReplicaResult run_replica(const std::shared_ptr<const PreparedTable>& prepared, const TransportPlan& plan,
                          std::uint64_t replica, std::shared_ptr<const BasinPartition> basins) {
    const auto wall_start = std::chrono::steady_clock::now();
    RandomStream stream(plan.seed, replica);
    const auto sites = place_ions_randomly(prepared->table(), plan.ion_count, stream);
    if (plan.may_accelerate(prepared->table())) {
        if (!basins)
            basins =
                std::make_shared<const BasinPartition>(find_basins(prepared->table(), plan.acceleration));
        if (basins_pay(*basins, prepared->table(), plan.ion_count, plan.acceleration)) {
            AcceleratedSimulation sim(prepared, basins, sites, stream, plan.acceleration);
            ReplicaResult result = run_with(sim, plan, wall_start);
            result.accelerated = true;
            return result;
        }
    }
    Simulation sim(prepared, sites, stream, plan.selector);
    return run_with(sim, plan, wall_start);
}

}  // namespace ionhop::engine
