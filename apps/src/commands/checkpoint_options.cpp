#include "commands/checkpoint_options.hpp"

#include <cstdio>
#include <filesystem>
#include <string>

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
                                                           const CheckpointOptions& options,
                                                           RanksThatRun ranks, bool quiet) {
    const runs::ProcessGroup& group = process_group();
    const bool shared_by_ranks = group.size > 1 && ranks == RanksThatRun::all;
    if (group.size > 1 && !shared_by_ranks && !is_first_process()) return nullptr;  // this rank runs nothing
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
        if (!quiet && is_first_process()) {
            std::fprintf(stderr, "ionhop: resuming from %s (%zu replicas saved)\n", folder.c_str(),
                         checkpoint->archives());
        }
        return checkpoint;
    }
    if (!quiet && is_first_process() && std::filesystem::exists(folder / "manifest.h5")) {
        std::fprintf(
            stderr,
            "ionhop: starting afresh; the checkpoint of an earlier run in %s will be replaced (--resume "
            "continues it)\n",
            folder.c_str());
    }
    if (!shared_by_ranks)
        return outputs::CheckpointFolder::start(folder, run_text, IONHOP_VERSION, options.every_s);

    // One folder for all ranks: the first makes it before any rank saves into it.
    std::shared_ptr<outputs::CheckpointFolder> checkpoint;
    if (is_first_process()) {
        checkpoint = outputs::CheckpointFolder::start(folder, run_text, IONHOP_VERSION, options.every_s);
        checkpoint->create_now();
    }
    if (!group.barrier) throw Error("MPI: the process group has no barrier");
    group.barrier();
    if (is_first_process()) return checkpoint;
    return outputs::CheckpointFolder::join(folder, run_text, IONHOP_VERSION, options.every_s,
                                           "MPI rank " + std::to_string(group.rank));
}

void discard_checkpoint(const std::shared_ptr<outputs::CheckpointFolder>& checkpoint) {
    if (checkpoint && is_first_process()) checkpoint->discard();
}

}  // namespace ionhop::apps
