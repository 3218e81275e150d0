// Simulated time per wall second of plain KMC in the built-in argyrodite Li6PS5Cl at 300 K,
// against the anion disorder halide_on_4d (x 100 as the argument): the baseline that the
// acceleration of fast back-and-forth hops (issue 7) must beat. Counters: events/s
// (items_per_second), simulated seconds per wall second, and the ratio of the fastest to
// the slowest hop rate of the lattice (the rate spectrum that makes plain KMC slow).
// Li6PS5Cl300KAccelerated runs the same with exact superbasin acceleration: events are then
// the hops done (not those inside hidden basins), and the counters add the basins found,
// the gap of the rate spectrum they were cut at, whether basins_pay would use them, the
// fraction of null events and the entries refused (too many arrangements).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>

#include "ionhop/engine/accelerated_simulation.hpp"
#include "ionhop/engine/basins.hpp"
#include "ionhop/engine/placement.hpp"
#include "ionhop/engine/simulation.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/material_parameters.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "ionhop/models/compile.hpp"

using namespace ionhop;

namespace {

struct Argyrodite {
    materials::LatticeDescription description;
    engine::HopTable table;
};

Argyrodite argyrodite_at_300K(double halide_on_4d) {
    Argyrodite a;
    a.description = materials::with_material_parameter(materials::builtin_material("argyrodite"),
                                                       "halide_on_4d", halide_on_4d);
    const materials::MaterialLattice built = materials::build_lattice(a.description);
    models::Conditions conditions;
    conditions.temperature_K = 300.0;
    a.table = models::compile_hop_table(built.unit, Eigen::Vector3i(3, 3, 3), {}, conditions);
    return a;
}

double fastest_over_slowest_hop(const materials::LatticeDescription& description) {
    double fastest = 0.0;
    double slowest = 1e300;
    for (const materials::HopClassSpec& hop : description.hops) {
        const double rate = hop.attempt_frequency_Hz * std::exp(-hop.barrier_eV / (8.617333262e-5 * 300.0));
        fastest = std::max(fastest, rate);
        slowest = std::min(slowest, rate);
    }
    return fastest / slowest;
}

template <class Sim>
void time_batches(benchmark::State& state, Sim& sim, std::uint64_t batch) {
    const double t0 = sim.time_s();
    const auto wall0 = std::chrono::steady_clock::now();
    for (auto _ : state) sim.run_events(batch);
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
    state.counters["simulated_s_per_wall_s"] = (sim.time_s() - t0) / wall_s;
}

void Li6PS5Cl300K(benchmark::State& state) {
    const Argyrodite a = argyrodite_at_300K(static_cast<double>(state.range(0)) / 100.0);
    engine::RandomStream stream(1, 0);
    const auto sites = engine::place_ions_randomly(a.table, a.table.num_sites() / 2, stream);
    const auto prepared = std::make_shared<const engine::PreparedTable>(a.table);
    engine::Simulation sim(prepared, sites, stream);
    sim.run_events(10 * a.table.num_sites());  // leave the random start
    time_batches(state, sim, 1 << 16);
    state.counters["fastest_over_slowest_hop"] = fastest_over_slowest_hop(a.description);
}

void Li6PS5Cl300KAccelerated(benchmark::State& state) {
    const Argyrodite a = argyrodite_at_300K(static_cast<double>(state.range(0)) / 100.0);
    engine::AccelerationOptions options;
    options.enabled = true;
    const auto basins = std::make_shared<const engine::BasinPartition>(engine::find_basins(a.table, options));
    state.counters["basins"] = static_cast<double>(basins->num_basins());
    state.counters["gap"] = basins->rate_ratio();
    if (basins->empty()) {
        state.SkipWithError("no gap of min_rate_ratio in the rate spectrum: nothing to accelerate");
        return;
    }
    engine::RandomStream stream(1, 0);
    const auto sites = engine::place_ions_randomly(a.table, a.table.num_sites() / 2, stream);
    // Runs forced here; ionhop itself uses the basins only where basins_pay says so.
    state.counters["pays"] = engine::basins_pay(*basins, a.table, sites.size(), options) ? 1.0 : 0.0;
    const auto prepared = std::make_shared<const engine::PreparedTable>(a.table);
    engine::AcceleratedSimulation sim(prepared, basins, sites, stream, options);
    sim.run_events(a.table.num_sites());  // leave the random start
    time_batches(state, sim, 1 << 10);
    const auto& c = sim.counters();
    state.counters["null_fraction"] =
        static_cast<double>(c.null_events) / static_cast<double>(c.null_events + sim.events());
    state.counters["refused_entries"] = static_cast<double>(c.refused_entries);
}

}  // namespace

BENCHMARK(Li6PS5Cl300K)->Arg(25)->Arg(50)->Arg(75)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(Li6PS5Cl300KAccelerated)->Arg(25)->Arg(50)->Arg(75)->Arg(100)->Unit(benchmark::kMillisecond);
