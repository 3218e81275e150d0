// Simulated time per wall second with and without exact superbasin acceleration on the
// pair lattice of the tests (tests/support/pair_lattice_table.hpp): 8^3 cells, 1024 sites,
// fast hops inside each pair `ratio` times the slow hops between pairs (arguments: ratio as
// a power of ten, ion percentage). Counters: simulated seconds per wall second, hops done
// per second (items_per_second; accelerated runs do not count hops inside hidden pairs).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>

#include "ionhop/engine/accelerated_simulation.hpp"
#include "ionhop/engine/basins.hpp"
#include "ionhop/engine/placement.hpp"
#include "ionhop/engine/simulation.hpp"
#include "support/pair_lattice_table.hpp"

using namespace ionhop;

namespace {

struct PairRun {
    engine::HopTable table;
    std::vector<std::uint32_t> sites;
    engine::RandomStream stream{1, 0};

    explicit PairRun(const benchmark::State& state)
        : table(testing::pair_lattice_table(8, std::pow(10.0, static_cast<double>(state.range(0))), 1.0)) {
        const auto ions = table.num_sites() * static_cast<std::size_t>(state.range(1)) / 100;
        sites = engine::place_ions_randomly(table, ions, stream);
    }
};

// Runs simulated-time windows of `window_s` and reports the rates.
template <class Sim>
void time_windows(benchmark::State& state, Sim& sim, double window_s) {
    const double t0 = sim.time_s();
    const std::uint64_t events0 = sim.events();
    const auto wall0 = std::chrono::steady_clock::now();
    for (auto _ : state) sim.run_until(sim.time_s() + window_s);
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    state.SetItemsProcessed(static_cast<std::int64_t>(sim.events() - events0));
    state.counters["simulated_s_per_wall_s"] = (sim.time_s() - t0) / wall_s;
}

void PairLatticePlain(benchmark::State& state) {
    PairRun run(state);
    const auto prepared = std::make_shared<const engine::PreparedTable>(run.table);
    engine::Simulation sim(prepared, run.sites, run.stream);
    time_windows(state, sim, 1e-3);
}

void PairLatticeAccelerated(benchmark::State& state) {
    PairRun run(state);
    engine::AccelerationOptions options;
    options.enabled = true;
    const auto basins =
        std::make_shared<const engine::BasinPartition>(engine::find_basins(run.table, options));
    const auto prepared = std::make_shared<const engine::PreparedTable>(run.table);
    engine::AcceleratedSimulation sim(prepared, basins, run.sites, run.stream, options);
    time_windows(state, sim, 1e-1);
    state.counters["null_fraction"] = static_cast<double>(sim.counters().null_events) /
                                      static_cast<double>(sim.counters().null_events + sim.events());
}

}  // namespace

BENCHMARK(PairLatticePlain)->ArgsProduct({{2, 4, 6}, {5, 50}})->Unit(benchmark::kMillisecond);
BENCHMARK(PairLatticeAccelerated)->ArgsProduct({{2, 4, 6}, {5, 50}})->Unit(benchmark::kMillisecond);
