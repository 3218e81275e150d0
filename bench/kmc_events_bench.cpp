// Events per second of one KMC trajectory on simple-cubic L^3 lattices at c = 0.5:
//  - SiteExclusion: identical hops, site exclusion only;
//  - Interacting: nearest-neighbour repulsion and two site energies, so rates change from
//    event to event and every hop recomputes exponentials around both of its ends (site-rate
//    bins; InteractingSumTree: the same on the sum tree).
// Counters: events/s (items_per_second) and memory per site of the table, what replicas
// share (PreparedTable) and one replica's state.
#include <benchmark/benchmark.h>

#include <optional>

#include "ionhop/engine/placement.hpp"
#include "ionhop/engine/simulation.hpp"
#include "ionhop/lattices/crystal.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/models/compile.hpp"
#include "ionhop/models/pair_interaction.hpp"

using namespace ionhop;

namespace {

// Simple cubic with two site classes alternating along x (0 and 0.05 eV).
lattices::LatticeGraph two_energy_cubic() {
    const std::vector<lattices::BasisSite> basis = {{Eigen::Vector3d(0, 0, 0), "low"},
                                                    {Eigen::Vector3d(0.5, 0, 0), "high"}};
    auto lattice = lattices::make_nearest_neighbour_crystal(lattices::make_orthorhombic_cell(2.0, 1.0, 1.0),
                                                            basis, lattices::HopParameters{0.25, 1e13});
    lattice.site(1).energy_eV = 0.05;
    return lattice;
}

void run_events(benchmark::State& state, const engine::HopTable& table,
                std::optional<engine::Selector> selector = std::nullopt) {
    engine::RandomStream stream(1, 0);
    const auto sites = engine::place_ions_randomly(table, table.num_sites() / 2, stream);
    const auto prepared = std::make_shared<const engine::PreparedTable>(table);
    engine::Simulation sim(prepared, sites, stream, selector);
    state.SetLabel(engine::selector_name(sim.selector()));
    sim.run_events(table.num_sites());  // leave the random start
    const std::uint64_t batch = 1 << 16;
    for (auto _ : state) sim.run_events(batch);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
    if (sim.interaction_trials() > 0) {
        state.counters["trials_per_event"] =
            static_cast<double>(sim.interaction_trials()) / static_cast<double>(sim.events());
    }
    state.counters["sites"] = static_cast<double>(table.num_sites());
    state.counters["bytes_per_site"] =
        static_cast<double>(table.memory_bytes() + prepared->memory_bytes() + sim.memory_bytes()) /
        static_cast<double>(table.num_sites());
}

models::Conditions at_300K() {
    models::Conditions c;
    c.temperature_K = 300.0;
    return c;
}

void SiteExclusion(benchmark::State& state) {
    const auto L = static_cast<int>(state.range(0));
    const auto unit = lattices::build_test_lattice("simple-cubic", {});
    const auto table = models::compile_hop_table(unit, Eigen::Vector3i::Constant(L), {}, at_300K());
    run_events(state, table);
}

engine::HopTable interacting_table(int L) {
    models::RateModel model;
    model.add<models::PairInteraction>(0.0, 1.01, 0.03);
    return models::compile_hop_table(two_energy_cubic(), Eigen::Vector3i(L / 2, L, L), model, at_300K());
}

void Interacting(benchmark::State& state) {
    run_events(state, interacting_table(static_cast<int>(state.range(0))));
}

// The same on the site-rate bins, the selector the interaction trials replaced there.
void InteractingSiteBins(benchmark::State& state) {
    run_events(state, interacting_table(static_cast<int>(state.range(0))), engine::Selector::site_bins);
}

// The same on the sum tree, the selector the site-rate bins replaced there.
void InteractingSumTree(benchmark::State& state) {
    run_events(state, interacting_table(static_cast<int>(state.range(0))), engine::Selector::sum_tree);
}

}  // namespace

BENCHMARK(SiteExclusion)->Arg(32)->Arg(64)->Arg(128)->Unit(benchmark::kMillisecond);
BENCHMARK(Interacting)->Arg(32)->Arg(64)->Arg(128)->Unit(benchmark::kMillisecond);
BENCHMARK(InteractingSiteBins)->Arg(32)->Arg(64)->Arg(128)->Unit(benchmark::kMillisecond);
BENCHMARK(InteractingSumTree)->Arg(32)->Arg(64)->Arg(128)->Unit(benchmark::kMillisecond);
