// `ionhop predict`: conductivity, diffusion and Haven ratio of a material over a range of
// temperatures, and the Arrhenius fit; a table on stdout, CSV and JSON files with -o.
#include <cstdio>
#include <iostream>
#include <sstream>

#include "commands/checkpoint_options.hpp"
#include "commands/commands.hpp"
#include "commands/prediction_report.hpp"
#include "commands/run_options.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/materials/material_parameters.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "ionhop/materials/test_lattice_description.hpp"
#include "ionhop/outputs/run_record.hpp"
#include "ionhop/runs/prediction.hpp"
#include "ionhop/runs/value_list.hpp"

namespace ionhop::apps {
namespace {

struct PredictOptions : RunOptions {
    std::string lattice;
    std::optional<double> li;
    std::optional<double> concentration;
    std::optional<double> per_cell;
    std::optional<std::size_t> ions;
    std::optional<std::size_t> vacancies;
    std::string dopant;
    std::optional<double> dopant_x;
    std::vector<std::string> parameters;  // NAME=VALUE, material parameters
    std::optional<double> barrier_eV;     // test lattices only
    double attempt_frequency_Hz = 1e13;
    double hop_length_A = 2.0;
    CheckpointOptions checkpoint;
};

bool is_test_lattice(const std::string& name) {
    for (const auto& info : lattices::test_lattices()) {
        if (info.name == name) return true;
    }
    return false;
}

// A built-in material or lattice file, or a test lattice with the hop parameters given.
materials::LatticeDescription describe(const PredictOptions& options) {
    if (!is_test_lattice(options.lattice)) {
        if (options.barrier_eV) {
            throw ionhop::Error("--barrier is for test lattices; '" + options.lattice +
                                "' takes its barriers from its lattice file");
        }
        materials::LatticeDescription material = materials::load_lattice_description(options.lattice);
        for (const std::string& setting : options.parameters) {
            const auto equals = setting.find('=');
            if (equals == std::string::npos || equals == 0 || equals + 1 == setting.size()) {
                throw ionhop::Error("--param '" + setting + "': expected NAME=VALUE, e.g. halide_on_4d=0.75");
            }
            const std::vector<double> values = runs::parse_value_list(setting.substr(equals + 1), "--param");
            if (values.size() != 1) throw ionhop::Error("--param '" + setting + "': give one value");
            const double number = values.front();
            material =
                materials::with_material_parameter(std::move(material), setting.substr(0, equals), number);
        }
        return material;
    }
    if (!options.parameters.empty()) {
        throw ionhop::Error("--param sets a parameter of a material; test lattice '" + options.lattice +
                            "' has none");
    }
    if (!options.barrier_eV) {
        throw ionhop::Error("test lattice '" + options.lattice + "' needs --barrier (eV)");
    }
    lattices::TestLatticeOptions lattice;
    lattice.barrier_eV = *options.barrier_eV;
    lattice.attempt_frequency_Hz = options.attempt_frequency_Hz;
    lattice.hop_length_A = options.hop_length_A;
    return materials::describe_test_lattice(options.lattice, lattice);
}

// What a prediction's results depend on, as text: the lattice file of the material as
// built (parameters and test-lattice hops included) and the settings (threads, output and
// progress excluded).
std::string run_text(const materials::LatticeDescription& material, const runs::PredictionSettings& s) {
    std::ostringstream text;
    text.precision(17);
    text << "ionhop predict\nT_K =";
    for (const double t : s.temperatures_K) text << ' ' << t;
    text << "\nsupercell = " << s.repetitions.transpose() << "\n";
    const auto optional = [&text](const char* name, const auto& value) {
        if (value) text << name << " = " << *value << '\n';
    };
    optional("li", s.mobile_per_formula_unit);
    optional("concentration", s.site_fraction);
    optional("per_cell", s.mobile_per_cell);
    optional("ions", s.ion_count);
    optional("vacancies", s.vacancies);
    if (s.doping) text << "dopant = " << s.doping->dopant << " x = " << s.doping->per_formula_unit << '\n';
    text << "target_error = " << s.target_relative_error << "\nmax_replicas = " << s.max_replicas
         << "\nevents_per_ion = " << s.events_per_ion << "\nseed = " << s.seed
         << "\nacceleration = " << s.acceleration << "\n[lattice file]\n"
         << materials::format_lattice_text(material);
    return text.str();
}

void run(const PredictOptions& options, const std::string& command_line) {
    const materials::LatticeDescription material = describe(options);
    runs::PredictionSettings settings;
    settings.temperatures_K = runs::parse_temperature_list(options.temperatures);
    if (!options.supercell.empty()) {
        settings.repetitions = {options.supercell[0], options.supercell[1], options.supercell[2]};
        if (settings.repetitions.minCoeff() < 1) throw ionhop::Error("--supercell: repetitions must be >= 1");
    }
    settings.mobile_per_formula_unit = options.li;
    settings.site_fraction = options.concentration;
    settings.mobile_per_cell = options.per_cell;
    settings.ion_count = options.ions;
    settings.vacancies = options.vacancies;
    if (!options.dopant.empty()) {
        if (!options.dopant_x) throw ionhop::Error("--dopant " + options.dopant + " needs its content --x");
        settings.doping = runs::DopingRequest{options.dopant, *options.dopant_x};
    } else if (options.dopant_x) {
        throw ionhop::Error("--x is the content of a dopant; give the dopant with --dopant");
    }
    settings.target_relative_error = options.target_error;
    settings.max_replicas = options.max_replicas;
    settings.events_per_ion = options.events_per_ion;
    settings.threads = options.threads;
    settings.acceleration = !options.no_acceleration;
    settings.seed = options.seed;
    // Keyed by the lattice as built and every setting the results depend on.
    const auto checkpoint = open_checkpoint(options.output, run_text(material, settings), "ionhop predict",
                                            options.checkpoint, RanksThatRun::first, options.quiet);
    settings.checkpoint = checkpoint;
    ReportOptions report;
    report.output_prefix = options.output;
    report.command_line = command_line;
    report.quiet = options.quiet;
    report.verbose = options.verbose;
    run_and_report(material, settings, report);
    discard_checkpoint(checkpoint);  // the outputs are written
}

}  // namespace

void add_predict_command(CLI::App& app, const std::string& command_line) {
    auto options = std::make_shared<PredictOptions>();
    auto* command = app.add_subcommand(
        "predict",
        "Ionic conductivity, diffusion coefficients, Haven ratio and activation energy of a material");
    command
        ->add_option("lattice", options->lattice,
                     "Built-in material or test lattice (ionhop lattice list), or a lattice file")
        ->required();
    auto* li =
        command->add_option("--li", options->li, "Mobile ions per formula unit (default: the material's)");
    auto* concentration = command->add_option("--concentration", options->concentration,
                                              "Fraction of the mobile-ion sites occupied");
    auto* per_cell = command->add_option("--per-cell", options->per_cell, "Mobile ions per unit cell");
    auto* ions = command->add_option("--ions", options->ions, "Mobile ions in the whole supercell");
    auto* vacancies = command->add_option("--vacancies", options->vacancies,
                                          "Empty mobile-ion sites in the whole supercell (e.g. 1)");
    li->excludes(concentration, per_cell, ions, vacancies);
    concentration->excludes(per_cell, ions, vacancies);
    per_cell->excludes(ions, vacancies);
    ions->excludes(vacancies);
    command->add_option("--param", options->parameters,
                        "NAME=VALUE: a parameter of the material (ionhop lattice info lists them), e.g. "
                        "halide_on_4d=0.75 for argyrodite; repeatable");
    command->add_option("--dopant", options->dopant,
                        "A dopant of the material (ionhop lattice info lists them), e.g. Ta for LLZO");
    command->add_option("--x", options->dopant_x,
                        "Dopant content per formula unit; the content above is the undoped one");
    command->add_option("--barrier", options->barrier_eV,
                        "Test lattices: hop barrier E_KRA in eV (required)");
    command->add_option("--nu", options->attempt_frequency_Hz, "Test lattices: attempt frequency in Hz")
        ->capture_default_str();
    command->add_option("--hop-length", options->hop_length_A, "Test lattices: hop length in Angstrom")
        ->capture_default_str();
    add_run_options(*command, *options, "Write <output>.csv, .json, .h5 and the Arrhenius plot .svg");
    add_checkpoint_options(*command, options->checkpoint);
    command->footer(
        "Units: T in K, sigma in S/cm, D in cm^2/s, E_a in eV. Errors are standard errors over independent\n"
        "replicas; each temperature runs until sigma's relative error reaches --target-error.\n\n"
        "Examples:\n  ionhop predict llzo --T 300:600:50 --li 6.5 -o llzo\n"
        "  ionhop predict simple-cubic --barrier 0.3 --vacancies 1 --supercell 10 10 10");
    command->callback([options, command_line] { run(*options, command_line); });
}

}  // namespace ionhop::apps
