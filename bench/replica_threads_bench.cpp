// Replicas in parallel: total events per wall second on 1, 2, 4, 8 and 16 threads (16
// replicas of a simple-cubic 24^3 lattice gas at c = 0.5). Results are identical for any
// thread count (tests/physics/reproducibility_test.cpp); this measures only the speed.
#include <benchmark/benchmark.h>

#include "ionhop/engine/transport.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/models/compile.hpp"

using namespace ionhop;

namespace {

void Replicas(benchmark::State& state) {
    models::Conditions conditions;
    conditions.temperature_K = 300.0;
    const auto table = models::compile_hop_table(lattices::build_test_lattice("simple-cubic", {}),
                                                 Eigen::Vector3i::Constant(24), {}, conditions);
    engine::TransportPlan plan;
    plan.ion_count = table.num_sites() / 2;
    plan.equilibration_events = 0;
    plan.production_events = 2'000'000;
    plan.min_replicas = plan.max_replicas = 16;
    plan.threads = static_cast<int>(state.range(0));
    std::uint64_t events = 0;
    for (auto _ : state) events += engine::estimate_transport(table, plan).total_events;
    state.SetItemsProcessed(static_cast<std::int64_t>(events));
}

}  // namespace

BENCHMARK(Replicas)->RangeMultiplier(2)->Range(1, 16)->UseRealTime()->Unit(benchmark::kMillisecond);
