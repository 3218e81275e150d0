#include "commands/checkpoint_options.hpp"

#include <cstdio>
#include <filesystem>

#include "commands/process_group.hpp"
#include "ionhop/core/error.hpp"

namespace ionhop::apps {

void add_checkpoint_options(CLI::App& command, CheckpointOptions& options) {
    command.add_flag("--resume", options.resume,
                     "Continue the killed run of this config from <output>.checkpoint; the results equal an "
                     "uninterrupted run's");
    command
        .add_option("--checkpoint-every", options.every_s,
                    "Seconds of wall time between snapshots of each running replica in <output>.checkpoint "
                    "(finished replicas are always kept); 0: no checkpoint")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
}

std::shared_ptr<outputs::CheckpointFolder> open_checkpoint(const std::string& output_prefix,
                                                           const std::string& run_text,
                                                           const std::string& origin,
                                                           const CheckpointOptions& options, bool quiet) {
    if (process_group().size > 1) {
        if (options.resume) throw Error("--resume is not available under MPI: resume with a single process");
        return nullptr;
    }
    if (output_prefix.empty() || options.every_s <= 0.0) {
        if (options.resume) {
            throw Error(origin +
                        ": --resume needs a checkpoint: write output files (an output prefix) and keep "
                        "--checkpoint-every above 0");
        }
        return nullptr;
    }
    const std::filesystem::path folder = output_prefix + ".checkpoint";
    if (options.resume) {
        auto checkpoint =
            outputs::CheckpointFolder::resume(folder, run_text, IONHOP_VERSION, options.every_s);
        if (!quiet) {
            std::fprintf(stderr, "ionhop: resuming from %s (%zu replicas saved)\n", folder.c_str(),
                         checkpoint->archives());
        }
        return checkpoint;
    }
    if (!quiet && std::filesystem::exists(folder / "manifest.h5")) {
        std::fprintf(
            stderr,
            "ionhop: starting afresh; the checkpoint of an earlier run in %s will be replaced (--resume "
            "continues it)\n",
            folder.c_str());
    }
    return outputs::CheckpointFolder::start(folder, run_text, IONHOP_VERSION, options.every_s);
}

}  // namespace ionhop::apps
