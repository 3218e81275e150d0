// Wall time to build a polycrystal of LLZO (random grains, boundary hops by cutoff, gb
// tagging) against its size: the argument is the number of grains of 5 nm, about 7e3 Li
// sites each (1e5 sites at 16 grains, 1e6 at 144).
#include <benchmark/benchmark.h>

#include "ionhop/materials/build.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "ionhop/runs/microstructure.hpp"

using namespace ionhop;

namespace {

void BuildPolycrystal(benchmark::State& state) {
    const materials::MaterialLattice llzo = materials::build_lattice(materials::builtin_material("llzo"));
    runs::MicrostructureRequest request;
    request.grains = static_cast<int>(state.range(0));
    request.grain_size_nm = 5.0;
    request.width_A = 6.0;
    request.barrier_scale = 1.5;
    request.source = "benchmark";
    const auto spec = runs::plan_microstructure(llzo.unit, request, {1, 1, 1}, 1);
    std::size_t sites = 0;
    for (auto _ : state) {
        const lattices::LatticeGraph grains = lattices::build_microstructure(llzo.unit, spec);
        sites = grains.num_sites();
        benchmark::DoNotOptimize(sites);
    }
    state.counters["sites"] = static_cast<double>(sites);
}

}  // namespace

BENCHMARK(BuildPolycrystal)->Arg(2)->Arg(16)->Arg(144)->Unit(benchmark::kMillisecond)->Iterations(1);
