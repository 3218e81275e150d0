// `ionhop run config.toml`: a prediction described entirely by a config file
// (docs/config.md); the config is echoed into the outputs.
#include <cstdio>
#include <filesystem>

#include "commands/commands.hpp"
#include "commands/prediction_report.hpp"
#include "commands/process_group.hpp"
#include "commands/sweep_report.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/outputs/checkpoint_store.hpp"
#include "ionhop/runs/run_config.hpp"

namespace ionhop::apps {

namespace {

// The checkpoint folder of a run that writes files: <prefix>.checkpoint, keyed by the
// config text (what the results depend on; threads and progress options do not count).
std::shared_ptr<outputs::CheckpointFolder> open_checkpoint(const runs::RunConfig& config, bool resume,
                                                           double interval_s, bool quiet) {
    if (process_group().size > 1) {
        // Ranks keep their replicas in memory until rank 0 gathers them.
        if (resume) throw Error("--resume is not available under MPI: resume with a single process");
        return nullptr;
    }
    if (config.output_prefix.empty() || interval_s <= 0.0) {
        if (resume) {
            throw Error(config.origin +
                        ": --resume needs a checkpoint: give [output] prefix in the config and "
                        "a --checkpoint-every above 0");
        }
        return nullptr;
    }
    const std::filesystem::path folder = config.output_prefix + ".checkpoint";
    if (resume) {
        auto checkpoint = outputs::CheckpointFolder::resume(folder, config.text, IONHOP_VERSION, interval_s);
        if (!quiet) {
            std::fprintf(stderr, "ionhop: resuming from %s (%zu replicas saved)\n", folder.c_str(),
                         checkpoint->archives());
        }
        return checkpoint;
    }
    if (!quiet && std::filesystem::exists(folder / "manifest.h5")) {
        std::fprintf(stderr,
                     "ionhop: starting afresh; removed the checkpoint of an earlier run in %s (--resume "
                     "continues one)\n",
                     folder.c_str());
    }
    return outputs::CheckpointFolder::start(folder, config.text, IONHOP_VERSION, interval_s);
}

}  // namespace

void add_run_command(CLI::App& app, const std::string& command_line) {
    struct Options {
        std::string config;
        bool quiet = false;
        bool verbose = false;
        bool resume = false;
        double checkpoint_every_s = 60.0;
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand(
        "run", "Run a prediction, or a sweep with [[sweep]], described by a config file (docs/config.md)");
    command->add_option("config", options->config, "Config file (TOML)")->required();
    command->add_flag("--quiet", options->quiet, "No progress on stderr");
    command->add_flag("--verbose", options->verbose, "Progress on stderr even when it is not a terminal");
    command->add_flag(
        "--resume", options->resume,
        "Continue the run of this config that was killed, from <prefix>.checkpoint; the results "
        "equal an uninterrupted run's");
    command
        ->add_option("--checkpoint-every", options->checkpoint_every_s,
                     "Seconds of wall time between snapshots of each running replica in <prefix>.checkpoint "
                     "(finished replicas are always kept); 0: no checkpoint")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    command->footer(
        "Example config:\n  [lattice]\n  material = \"llzo\"\n  [content]\n  per_formula_unit = 6.5\n"
        "  [run]\n  temperatures_K = \"300:600:50\"\n  seed = 7\n  [output]\n  prefix = \"llzo-li6.5\"");
    command->callback([options, command_line] {
        runs::RunConfig config = runs::read_run_config(options->config);
        const auto checkpoint =
            open_checkpoint(config, options->resume, options->checkpoint_every_s, options->quiet);
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
        if (checkpoint) checkpoint->discard();  // the outputs are written
    });
}

}  // namespace ionhop::apps
