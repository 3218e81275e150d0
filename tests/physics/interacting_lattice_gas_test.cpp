// Ions with nearest-neighbour repulsion on a ring of alternating site energies: the
// time-averaged occupancy of each class equals its Boltzmann average over all
// configurations, enumerated exactly (detailed balance with interactions, ORACLES.md).
// Run through every selector that serves pair interactions.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <optional>

#include "ionhop/core/units.hpp"
#include "ionhop/engine/simulation.hpp"
#include "ionhop/engine/statistics.hpp"
#include "support/ring_table.hpp"

using namespace ionhop;

namespace {

constexpr std::uint32_t kSites = 10;
constexpr std::uint32_t kIons = 4;
constexpr double kTemperature_K = 300.0;
constexpr double kHighEnergy_eV = 0.05;  // odd sites
constexpr double kBarrier_eV = 0.1;
constexpr double kAttempt_Hz = 1e13;

double site_energy(std::uint32_t s) { return s % 2 ? kHighEnergy_eV : 0.0; }

engine::HopTable ring_with_repulsion(double repulsion_eV) {
    auto table = ionhop::testing::ring_table(kSites, 1.0, kTemperature_K);
    table.class_names = {"low", "high"};
    const double kT = units::thermal_energy_eV(kTemperature_K);
    table.pair_begin = {0};
    for (std::uint32_t s = 0; s < kSites; ++s) {
        table.site_class[s] = static_cast<std::int32_t>(s % 2);
        for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h) {
            const double change = site_energy(table.hop_target[h]) - site_energy(s);
            table.hop_rate_Hz[h] = kAttempt_Hz * std::exp(-(kBarrier_eV + change / 2) / kT);
            table.pair_partner.push_back(table.hop_target[h]);
            table.pair_energy_eV.push_back(repulsion_eV);
        }
        table.pair_begin.push_back(static_cast<std::uint32_t>(table.pair_partner.size()));
    }
    table.hop_endpoint_pair_energy_eV.assign(table.num_hops(), repulsion_eV);
    return table;
}

// Boltzmann average of the occupancy of the high (odd) sites over every placement of the
// ions, energy = sum of site energies + repulsion per occupied neighbour pair.
double exact_high_occupancy(double repulsion_eV) {
    const double kT = units::thermal_energy_eV(kTemperature_K);
    double weight_sum = 0.0, high_sum = 0.0;
    for (std::uint32_t state = 0; state < (1u << kSites); ++state) {
        if (std::popcount(state) != static_cast<int>(kIons)) continue;
        double energy = 0.0;
        int high = 0;
        for (std::uint32_t s = 0; s < kSites; ++s) {
            if (!(state >> s & 1u)) continue;
            energy += site_energy(s);
            high += s % 2;
            if (state >> ((s + 1) % kSites) & 1u) energy += repulsion_eV;
        }
        const double weight = std::exp(-energy / kT);
        weight_sum += weight;
        high_sum += weight * high / (kSites / 2.0);
    }
    return high_sum / weight_sum;
}

engine::Measurement simulated_high_occupancy(const engine::HopTable& table,
                                             std::optional<engine::Selector> selector,
                                             engine::Selector expected) {
    const std::vector<std::uint32_t> start = {0, 1, 2, 3};  // far from equilibrium
    std::vector<double> replicas;
    for (std::uint64_t r = 0; r < 64; ++r) {
        engine::Simulation sim(table, start, engine::RandomStream(17, r), selector);
        EXPECT_EQ(sim.selector(), expected);
        sim.run_events(2000);
        sim.reset_observables();
        sim.run_events(20000);
        replicas.push_back(sim.mean_class_occupancy()[1]);
    }
    return engine::mean_with_error(replicas);
}

void expect_exact_occupancy_through_every_selector(double pair_energy_eV) {
    const auto table = ring_with_repulsion(pair_energy_eV);
    const double exact = exact_high_occupancy(pair_energy_eV);
    const double without = exact_high_occupancy(0.0);
    const auto trials = simulated_high_occupancy(table, std::nullopt, engine::Selector::interaction_trials);
    const auto bins =
        simulated_high_occupancy(table, engine::Selector::site_bins, engine::Selector::site_bins);
    const auto tree = simulated_high_occupancy(table, engine::Selector::sum_tree, engine::Selector::sum_tree);
    for (const auto& [name, estimate] : {std::pair{"interaction trials", trials},
                                         std::pair{"site-rate bins", bins}, std::pair{"sum tree", tree}}) {
        SCOPED_TRACE(name);
        EXPECT_LE(std::abs(estimate.value - exact), 4.0 * estimate.standard_error)
            << "estimate " << estimate.value << " +- " << estimate.standard_error << ", exact " << exact;
        // The interaction must matter at this precision, or the test would not see it.
        EXPECT_GT(std::abs(without - exact), 10.0 * estimate.standard_error);
    }
}

}  // namespace

TEST(InteractingLatticeGas, ClassOccupanciesMatchExactEnumerationThroughEverySelector) {
    expect_exact_occupancy_through_every_selector(0.04);
}

// Attraction: the target's field can lie below the pair energy with the hopping ion, so the
// interaction trials' bound must take the attractive pairs in (interaction_trial_bounds.hpp).
TEST(InteractingLatticeGas, AttractiveNeighboursMatchExactEnumerationThroughEverySelector) {
    expect_exact_occupancy_through_every_selector(-0.03);
}
