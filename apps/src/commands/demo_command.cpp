// `ionhop demo`: the lattice-gas transport table on a simple-cubic lattice, next to the
// exact results it must reproduce (../shared ORACLES.md): D_sigma = D0 (1 - c) for site
// exclusion (Kutner 1981), and H_R -> f_v = 0.65311 for one vacancy (Compaan & Haven 1956).
#include <cmath>
#include <cstdio>
#include <iostream>

#include "commands/commands.hpp"
#include "ionhop/core/units.hpp"
#include "ionhop/engine/transport.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/models/compile.hpp"

namespace ionhop::apps {

namespace {

struct DemoOptions {
    double temperature_K = 300.0;
    double barrier_eV = 0.25;
    int size = 12;
    int threads = 0;
    std::uint64_t seed = 2026;
};

void run_demo(const DemoOptions& options) {
    lattices::TestLatticeOptions lattice_options;
    lattice_options.hop_length_A = 2.0;
    lattice_options.barrier_eV = options.barrier_eV;
    lattice_options.attempt_frequency_Hz = 1e13;
    const auto unit = lattices::build_test_lattice("simple-cubic", lattice_options);
    models::Conditions conditions;
    conditions.temperature_K = options.temperature_K;
    const Eigen::Vector3i reps = Eigen::Vector3i::Constant(options.size);
    const auto table = models::compile_hop_table(unit, reps, models::RateModel{}, conditions);
    const std::size_t sites = table.num_sites();
    const double a_cm = lattice_options.hop_length_A * units::angstrom_in_cm;
    const double rate =
        1e13 * std::exp(-options.barrier_eV / units::thermal_energy_eV(options.temperature_K));
    const double d0 = rate * a_cm * a_cm;  // z G a^2 / (2 d) with z = 6, d = 3

    std::printf(
        "ionhop demo: site-exclusion lattice gas on simple cubic %dx%dx%d (%zu sites), a = %.2f A,\n"
        "E_KRA = %.3f eV, nu = 1e13 Hz, T = %.1f K; D0 = G a^2 = %.4e cm^2/s\n\n",
        options.size, options.size, options.size, sites, lattice_options.hop_length_A, options.barrier_eV,
        options.temperature_K, d0);
    std::printf("%-8s %8s %12s %12s %12s %10s %10s %13s %12s %10s\n", "c", "ions", "D* cm2/s", "+-",
                "D_sig cm2/s", "+-", "exact", "H_R", "sigma S/cm", "+-");

    const std::vector<std::size_t> ion_counts = {sites / 10, sites / 2, 9 * sites / 10, sites - 1};
    for (const std::size_t ions : ion_counts) {
        engine::TransportPlan plan;
        plan.ion_count = ions;
        plan.equilibration_events = 20 * sites;
        plan.production_events = 400 * sites;
        plan.blocks = 100;
        plan.min_replicas = 16;
        plan.max_replicas = 16;
        plan.threads = options.threads;
        plan.seed = options.seed;
        const auto est = engine::estimate_transport(table, plan);
        const double c = static_cast<double>(ions) / static_cast<double>(sites);
        char haven[32];
        std::snprintf(haven, sizeof haven, "%.3f+-%.3f", est.haven_ratio.value,
                      est.haven_ratio.standard_error);
        std::printf("%-8.4f %8zu %12.4e %12.2e %12.4e %10.2e %10.4e %13s %12.4e %10.2e\n", c, ions,
                    est.tracer_D.value, est.tracer_D.standard_error, est.collective_D.value,
                    est.collective_D.standard_error, d0 * (1.0 - c), haven, est.sigma.value,
                    est.sigma.standard_error);
    }
    std::printf(
        "\nexact: D_sigma = D0 (1 - c) (Kutner 1981); for one vacancy H_R = f_v = 0.65311\n"
        "(Compaan & Haven 1956). Errors are standard errors over 16 replicas.\n");
}

}  // namespace

void add_demo_command(CLI::App& app) {
    auto options = std::make_shared<DemoOptions>();
    auto* command =
        app.add_subcommand("demo", "Lattice-gas transport on simple cubic, compared with exact results");
    command->add_option("--temperature", options->temperature_K, "Temperature (K)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    command->add_option("--barrier", options->barrier_eV, "Hop barrier E_KRA (eV)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    command->add_option("--size", options->size, "Supercell edge (sites)")
        ->capture_default_str()
        ->check(CLI::Range(4, 256));
    command->add_option("--threads", options->threads, "Worker threads (0 = all cores)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    command->add_option("--seed", options->seed, "Random seed")->capture_default_str();
    command->callback([options] { run_demo(*options); });
}

}  // namespace ionhop::apps
