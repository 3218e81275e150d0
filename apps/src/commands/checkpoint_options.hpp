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

// Who runs a command's replicas under MPI: the first rank alone (one prediction), or every
// rank (the points of a sweep).
enum class RanksThatRun { first, all };

// The folder of a run that writes files (`output_prefix` not empty), or null: no output
// files, --checkpoint-every 0, or an MPI rank that runs nothing. Under MPI with
// RanksThatRun::all the ranks share one folder: the first replaces an earlier checkpoint at
// once, the others join it after a barrier (it must be on a filesystem they share), or all
// of them open it with --resume. ionhop::Error for --resume without a checkpoint to resume
// or of another config. `origin` names the input in errors.
std::shared_ptr<outputs::CheckpointFolder> open_checkpoint(const std::string& output_prefix,
                                                           const std::string& run_text,
                                                           const std::string& origin,
                                                           const CheckpointOptions& options,
                                                           RanksThatRun ranks, bool quiet);

// Removes the folder once the outputs are written, on the first process only: it writes
// the outputs, after the others have saved their replicas.
void discard_checkpoint(const std::shared_ptr<outputs::CheckpointFolder>& checkpoint);

}  // namespace ionhop::apps
