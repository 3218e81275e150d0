// Generic layers stacked along x, against exact results:
//  - series law: a site-exclusion lattice gas with equal site energies has, along x, the
//    collective diffusion of independent walkers times (1 - c) (Kutner 1981), and a walker
//    on a periodic chain of M planes with bond rates k_b has D_xx = L^2 / (M sum_b 1/k_b):
//    the resistances of the bonds add in series, L/sigma = sum_k L_k/sigma_k plus the
//    interface bonds;
//  - an interface energy step: the layer occupancies are Fermi-Dirac with one chemical
//    potential (Boltzmann ratio in the dilute limit).
#include "ionhop/materials/layer_stack.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/core/units.hpp"
#include "ionhop/materials/interphase_table.hpp"
#include "ionhop/materials/test_lattice_description.hpp"
#include "ionhop/runs/prediction.hpp"
#include "ionhop/runs/stack_resistance.hpp"
#include "support/transport_fixtures.hpp"

using namespace ionhop;

namespace {

materials::GenericLayerSpec layer(const std::string& name, double barrier_eV, double energy_eV = 0.0) {
    materials::GenericLayerSpec l;
    l.name = name;
    l.thickness_nm = 1.0;            // 5 planes of 2 A
    l.site_density_per_nm3 = 125.0;  // 1 / (2 A)^3
    l.barrier_eV = barrier_eV;
    l.attempt_frequency_Hz = 1e13;
    l.site_energy_eV = energy_eV;
    l.source = "test layer";
    return l;
}

materials::LayerStackSpec two_layers(double barrier_a, double barrier_b, double energy_b, double c) {
    materials::LayerStackSpec stack;
    stack.layers = {layer("A", barrier_a), layer("B", barrier_b, energy_b)};
    stack.lateral_spacing_A = 2.0;
    stack.site_fraction = c;
    return stack;
}

runs::PredictionSettings settings_at(double temperature_K, std::uint64_t events_per_ion) {
    runs::PredictionSettings settings;
    settings.temperatures_K = {temperature_K};
    settings.repetitions = {1, 8, 8};  // 10 planes x 64 = 640 sites
    settings.target_relative_error = 0.01;
    settings.min_replicas = 16;
    settings.max_replicas = 512;
    settings.events_per_ion = events_per_ion;
    settings.seed = 21;
    return settings;
}

runs::Prediction predict(const materials::LayerStackSpec& stack, double temperature_K,
                         std::uint64_t events_per_ion = 400) {
    return runs::run_prediction(materials::describe_layer_stack(stack),
                                settings_at(temperature_K, events_per_ion));
}

}  // namespace

TEST(LayerStack, ConductivityAlongTheStackFollowsTheSeriesLaw) {
    const double T = 600.0, c = 0.5, a_cm = 2.0 * units::angstrom_in_cm;
    const auto stack = two_layers(0.25, 0.30, 0.0, c);
    const runs::Prediction p = predict(stack, T, 1500);
    const double kT = units::thermal_energy_eV(T);
    const auto rate = [&](double barrier) { return 1e13 * std::exp(-barrier / kT); };
    // 10 bonds per period: 4 inside A, 4 inside B, 2 interfaces at the higher barrier.
    const double resistance = 4.0 / rate(0.25) + 6.0 / rate(0.30);
    const double planes = 10.0, sites = 640.0;
    const double d_walker = std::pow(planes * a_cm, 2) / (planes * resistance);
    const double d_sigma_xx = d_walker * (1.0 - c) * sites / (sites - 1.0);
    const double volume_cm3 = sites * std::pow(a_cm, 3);
    const double sigma_xx = 320.0 * units::elementary_charge_C * d_sigma_xx / (volume_cm3 * kT);
    const auto& tensor = p.points[0].estimate.sigma_S_per_cm;
    const engine::Measurement xx{tensor.value(0, 0), tensor.standard_error(0, 0)};
    EXPECT_EQ(p.ions, 320u);
    EXPECT_WITHIN_4_SIGMA(xx, sigma_xx, 0.03);
    // The collective estimator is exact once its windows outlast the relaxation of the
    // slowest density mode across the period, L^2 / (4 pi^2 D): checked, not assumed.
    // (Strongly contrasting layers need longer windows: 0.25 | 0.35 eV at 400 K with
    // 400 events per ion overestimates sigma_xx 1.7x.)
    const double relaxation_s = std::pow(planes * a_cm, 2) / (4.0 * M_PI * M_PI * d_walker);
    const double window_s = p.points[0].estimate.replicas[0].production_time_s / 20.0;
    EXPECT_GT(window_s, 5.0 * relaxation_s);
}

TEST(LayerStack, InterfaceEnergyStepGivesFermiDiracLayerOccupancies) {
    const double T = 400.0, step = 0.05, c = 0.2;
    const auto stack = two_layers(0.25, 0.25, step, c);
    runs::PredictionSettings settings = settings_at(T, 400);
    settings.occupancy_profile_x = true;
    const runs::Prediction p = runs::run_prediction(materials::describe_layer_stack(stack), settings);
    // One chemical potential mu with 320 sites per layer and 128 ions in all (bisection).
    const double kT = units::thermal_energy_eV(T);
    const auto fermi = [&](double e, double mu) { return 1.0 / (1.0 + std::exp((e - mu) / kT)); };
    double low = -2.0, high = 2.0;
    for (int i = 0; i < 200; ++i) {
        const double mu = 0.5 * (low + high);
        (fermi(0.0, mu) + fermi(step, mu) > 2.0 * c ? high : low) = mu;
    }
    const double mu = 0.5 * (low + high);
    const auto& e = p.points[0].estimate;
    ASSERT_EQ(e.class_names.size(), 2u);
    EXPECT_WITHIN_4_SIGMA(e.class_occupancy[0], fermi(0.0, mu), 0.02);   // layer A
    EXPECT_WITHIN_4_SIGMA(e.class_occupancy[1], fermi(step, mu), 0.03);  // layer B, depleted
    EXPECT_GT(e.class_occupancy[0].value, e.class_occupancy[1].value);
    // The profile along x: 10 planes 2 A apart, the first 5 in A; without interactions the
    // step is sharp and each plane has its layer's occupancy.
    ASSERT_EQ(p.profile_x_A.size(), 10u);
    ASSERT_EQ(e.bin_occupancy.size(), 10u);
    for (std::size_t plane = 0; plane < 10; ++plane) {
        EXPECT_NEAR(p.profile_x_A[plane], 1.0 + 2.0 * plane, 1e-9);
        EXPECT_WITHIN_4_SIGMA(e.bin_occupancy[plane], fermi(plane < 5 ? 0.0 : step, mu), 0.03);
    }
}

// Resistances add along the stack: the bulk ASR of each layer alone, L_k / sigma_k, plus
// the interfaces. With a slower interface bond (0.35 eV between 0.25 and 0.30 eV layers),
// the remainder is exact: per bond, ASR_b = a^2 kT / (c (1 - c) e^2 k_b), and the stack
// has 4 A bonds, 4 B bonds and 2 interface bonds where the layers alone have 5 and 5.
// The split of a stack's resistance against the exact bond sums (see above).
void expect_exact_resistance_split(const materials::LayerStackSpec& stack) {
    const double T = 600.0, c = 0.5, a_cm = 2.0 * units::angstrom_in_cm;
    runs::PredictionSettings settings = settings_at(T, 2000);  // windows >> relaxation
    settings.site_fraction = c;
    const runs::Prediction p = runs::run_prediction(materials::describe_layer_stack(stack), settings);
    ASSERT_EQ(p.ions, 320u);
    const auto split = runs::split_stack_resistance(stack, p, settings);
    ASSERT_EQ(split.size(), 1u);
    ASSERT_EQ(split[0].layers.size(), 2u);

    const double kT = units::thermal_energy_eV(T);
    const auto rate = [&](double barrier) { return 1e13 * std::exp(-barrier / kT); };
    // sigma = (c / a^3) e D_sigma / kT with D_sigma = (1 - c) L^2 / (M sum 1/k): ASR = L / sigma.
    const auto asr = [&](double planes, double sum_inverse_rates) {
        const double length = planes * a_cm;
        const double d_sigma = (1.0 - c) * length * length / (planes * sum_inverse_rates);
        const double sigma = c / std::pow(a_cm, 3) * units::elementary_charge_C * d_sigma / kT;
        return length / sigma;
    };
    const double total = asr(10, 4 / rate(0.25) + 4 / rate(0.30) + 2 / rate(0.35));
    const double layer_a = asr(5, 5 / rate(0.25)), layer_b = asr(5, 5 / rate(0.30));
    EXPECT_WITHIN_4_SIGMA(split[0].asr_total_Ohm_cm2, total, 0.03);
    EXPECT_WITHIN_4_SIGMA(split[0].layers[0].asr_Ohm_cm2, layer_a, 0.03);
    EXPECT_WITHIN_4_SIGMA(split[0].layers[1].asr_Ohm_cm2, layer_b, 0.03);
    EXPECT_WITHIN_4_SIGMA(split[0].asr_interfaces_Ohm_cm2, total - layer_a - layer_b, 0.1);
    EXPECT_GT(split[0].asr_interfaces_Ohm_cm2.value, 4.0 * split[0].asr_interfaces_Ohm_cm2.standard_error);
}

TEST(LayerStack, InterfaceResistanceIsWhatTheLayersAloneDoNotExplain) {
    auto stack = two_layers(0.25, 0.30, 0.0, 0.5);
    stack.interface_barrier_eV = 0.35;
    expect_exact_resistance_split(stack);
}

// The same stack with layer A a crystal (simple cubic, 2 A cells, 0.25 eV): five whole
// cells centred in their slab, bonds to the generic layer by the distance cutoff, and the
// crystal alone run as its slab made periodic. The exact sums are those of the generic
// stack.
TEST(LayerStack, CrystalLayerResistancesAddInSeries) {
    auto stack = two_layers(0.25, 0.30, 0.0, 0.5);
    lattices::TestLatticeOptions options;
    options.hop_length_A = 2.0;
    options.barrier_eV = 0.25;
    stack.layers[0] =
        materials::CrystalLayerSpec{"A", materials::describe_test_lattice("simple-cubic", options), 1.0, 0.0};
    stack.interface_barrier_eV = 0.35;
    stack.interface_attempt_frequency_Hz = 1e13;
    expect_exact_resistance_split(stack);
}

// A layer of a phase from the interphase table, alone at half filling, has the table's
// room-temperature conductivity: the derivation of its attempt frequency checked by KMC.
TEST(LayerStack, PhaseLayerConductsAsItsTableSays) {
    materials::PhaseLayerRequest request{"Li3P", "Li3P", 2.0, {}, {}, {}, 0.0, ""};
    materials::LayerStackSpec stack;
    stack.layers = {materials::layer_from_phase(request, 2.7)};
    stack.lateral_spacing_A = 2.7;
    stack.site_fraction = 0.5;
    runs::PredictionSettings settings = settings_at(298.0, 400);
    settings.repetitions = {1, 6, 6};
    settings.site_fraction = 0.5;
    const runs::Prediction p = runs::run_prediction(materials::describe_layer_stack(stack), settings);
    const double sites = static_cast<double>(p.sites);
    ASSERT_EQ(p.ions * 2, p.sites);
    const auto& tensor = p.points[0].estimate.sigma_S_per_cm;
    const engine::Measurement xx{tensor.value(0, 0), tensor.standard_error(0, 0)};
    // 7.03e-4 S/cm (Nazri 1989) times the canonical finite-lattice factor M / (M - 1).
    EXPECT_WITHIN_4_SIGMA(xx, 7.03e-4 * sites / (sites - 1.0), 0.03);
}

// The same stack under a small field along x: the drift conductivity is the series-law
// sigma_xx (linear response: q E a / kT = 0.04 at 1e5 V/cm, 2 A, 600 K).
TEST(LayerStack, DriftUnderASmallFieldFollowsTheSeriesLaw) {
    const double T = 600.0, c = 0.5, a_cm = 2.0 * units::angstrom_in_cm;
    runs::PredictionSettings settings = settings_at(T, 400);
    settings.field_V_per_cm = {1e5, 0.0, 0.0};
    settings.target_relative_error = 0.02;
    const runs::Prediction p =
        runs::run_prediction(materials::describe_layer_stack(two_layers(0.25, 0.30, 0.0, c)), settings);
    const double kT = units::thermal_energy_eV(T);
    const auto rate = [&](double barrier) { return 1e13 * std::exp(-barrier / kT); };
    const double planes = 10.0, sites = 640.0;
    const double d_walker = std::pow(planes * a_cm, 2) / (planes * (4.0 / rate(0.25) + 6.0 / rate(0.30)));
    const double sigma_xx =
        320.0 * units::elementary_charge_C * d_walker * (1.0 - c) / (sites * std::pow(a_cm, 3) * kT);
    ASSERT_TRUE(p.points[0].estimate.has_field);
    EXPECT_WITHIN_4_SIGMA(p.points[0].estimate.drift_sigma, sigma_xx, 0.03);
}
