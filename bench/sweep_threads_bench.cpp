// Sweep points in parallel: total events per wall second of a 16-point sweep (LLZO, the
// tet-oct barrier from 0.20 to 0.35 eV, one temperature, 2 replicas per point) on 1, 2, 4,
// 8 and 16 threads. Every point's result is the same on any thread count
// (tests/runs/sweep_test.cpp); this measures only the speed.
#include <benchmark/benchmark.h>

#include "ionhop/runs/run_config.hpp"
#include "ionhop/runs/sweep.hpp"

using namespace ionhop;

namespace {

const char* const kSweep = R"(
[lattice]
material = "llzo"
[run]
temperatures_K = [600.0]
min_replicas = 2
max_replicas = 2
target_relative_error = 0.0
events_per_ion = 2000
seed = 5
[[sweep]]
key = "lattice.hop.tet-oct.barrier_eV"
values = "0.20:0.35:0.01"
)";

void SweepPoints(benchmark::State& state) {
    runs::RunConfig config = runs::parse_run_config(kSweep, "sweep_threads_bench", ".");
    config.settings.threads = static_cast<int>(state.range(0));
    std::uint64_t events = 0;
    for (auto _ : state) {
        for (const runs::SweepPoint& point : runs::run_sweep(config).points) {
            for (const auto& at_temperature : point.prediction.points)
                events += at_temperature.estimate.total_events;
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(events));
}

}  // namespace

BENCHMARK(SweepPoints)->RangeMultiplier(2)->Range(1, 16)->UseRealTime()->Unit(benchmark::kMillisecond);
