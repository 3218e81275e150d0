#pragma once
// --resume and --checkpoint-every of the commands that write files (ionhop run, sweep,
// predict): the checkpoint folder <prefix>.checkpoint beside the outputs, keyed by a text
// of everything the results depend on (the config; docs/reliability.md).
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "ionhop/outputs/checkpoint_store.hpp"

namespace ionhop::apps {

struct CheckpointOptions {
    bool resume = false;
    double every_s = 60.0;
};

void add_checkpoint_options(CLI::App& command, CheckpointOptions& options);

// The folder of a run that writes files (`output_prefix` not empty), or null: no output
// files, --checkpoint-every 0, or MPI ranks (which keep their replicas in memory).
// ionhop::Error for --resume without a checkpoint to resume or of another config.
// `origin` names the input in errors.
std::shared_ptr<outputs::CheckpointFolder> open_checkpoint(const std::string& output_prefix,
                                                           const std::string& run_text,
                                                           const std::string& origin,
                                                           const CheckpointOptions& options, bool quiet);

}  // namespace ionhop::apps
