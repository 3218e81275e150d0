// `ionhop run config.toml`: a prediction described entirely by a config file
// (docs/config.md); the config is echoed into the outputs.
#include "commands/checkpoint_options.hpp"
#include "commands/commands.hpp"
#include "commands/prediction_report.hpp"
#include "commands/sweep_report.hpp"
#include "ionhop/runs/run_config.hpp"

namespace ionhop::apps {

void add_run_command(CLI::App& app, const std::string& command_line) {
    struct Options {
        std::string config;
        bool quiet = false;
        bool verbose = false;
        CheckpointOptions checkpoint;
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand(
        "run", "Run a prediction, or a sweep with [[sweep]], described by a config file (docs/config.md)");
    command->add_option("config", options->config, "Config file (TOML)")->required();
    command->add_flag("--quiet", options->quiet, "No progress on stderr");
    command->add_flag("--verbose", options->verbose, "Progress on stderr even when it is not a terminal");
    add_checkpoint_options(*command, options->checkpoint);
    command->footer(
        "Example config:\n  [lattice]\n  material = \"llzo\"\n  [content]\n  per_formula_unit = 6.5\n"
        "  [run]\n  temperatures_K = \"300:600:50\"\n  seed = 7\n  [output]\n  prefix = \"llzo-li6.5\"");
    command->callback([options, command_line] {
        runs::RunConfig config = runs::read_run_config(options->config);
        const auto checkpoint =
            open_checkpoint(config.output_prefix, config.text, config.origin, options->checkpoint,
                            config.sweep.empty() ? RanksThatRun::first : RanksThatRun::all, options->quiet);
        config.settings.checkpoint = checkpoint;
        ReportOptions report;
        report.output_prefix = config.output_prefix;
        report.command_line = command_line;
        report.config_text = config.text;
        report.quiet = options->quiet;
        report.verbose = options->verbose;
        report.stack = config.stack;
        if (config.sweep.empty()) {
            run_and_report(config.lattice, config.settings, report);
        } else {
            run_sweep_and_report(config, report);
        }
        discard_checkpoint(checkpoint);  // the outputs are written
    });
}

}  // namespace ionhop::apps
