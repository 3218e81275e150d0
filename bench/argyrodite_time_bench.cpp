// Simulated time per wall second of plain KMC in the built-in argyrodite Li6PS5Cl at 300 K,
// against the anion disorder halide_on_4d (x 100 as the argument): the baseline that the
// acceleration of fast back-and-forth hops (issue 7) must beat. Counters: events/s
// (items_per_second), simulated seconds per wall second, and the ratio of the fastest to
// the slowest hop rate of the lattice (the rate spectrum that makes plain KMC slow).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>

#include "ionhop/engine/placement.hpp"
#include "ionhop/engine/simulation.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/material_parameters.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "ionhop/models/compile.hpp"

using namespace ionhop;

namespace {

void Li6PS5Cl300K(benchmark::State& state) {
    const double halide_on_4d = static_cast<double>(state.range(0)) / 100.0;
    const materials::LatticeDescription description = materials::with_material_parameter(
        materials::builtin_material("argyrodite"), "halide_on_4d", halide_on_4d);
    const materials::MaterialLattice built = materials::build_lattice(description);
    models::Conditions conditions;
    conditions.temperature_K = 300.0;
    const engine::HopTable table =
        models::compile_hop_table(built.unit, Eigen::Vector3i(3, 3, 3), {}, conditions);

    engine::RandomStream stream(1, 0);
    const auto sites = engine::place_ions_randomly(table, table.num_sites() / 2, stream);
    const auto prepared = std::make_shared<const engine::PreparedTable>(table);
    engine::Simulation sim(prepared, sites, stream);
    sim.run_events(10 * table.num_sites());  // leave the random start
    const std::uint64_t batch = 1 << 16;
    const double t0 = sim.time_s();
    const auto wall0 = std::chrono::steady_clock::now();
    for (auto _ : state) sim.run_events(batch);
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
    state.counters["simulated_s_per_wall_s"] = (sim.time_s() - t0) / wall_s;

    double fastest = 0.0;
    double slowest = 1e300;
    for (const materials::HopClassSpec& hop : description.hops) {
        const double rate = hop.attempt_frequency_Hz * std::exp(-hop.barrier_eV / (8.617333262e-5 * 300.0));
        fastest = std::max(fastest, rate);
        slowest = std::min(slowest, rate);
    }
    state.counters["fastest_over_slowest_hop"] = fastest / slowest;
}

}  // namespace

BENCHMARK(Li6PS5Cl300K)->Arg(25)->Arg(50)->Arg(75)->Arg(100)->Unit(benchmark::kMillisecond);
