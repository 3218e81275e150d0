#pragma once
// A sweep spread over a group of processes (MPI ranks across machines; this module knows
// no MPI, the group brings its own gather). Process r of R runs the points whose grid
// index % R == r and keeps their finished replicas in memory; the group gathers them on
// process 0, which then runs the whole sweep with every replica loaded from them (none
// is run again), so its result is the single-process result bit for bit: replicas depend
// only on (table, plan, replica index), and the rest of a prediction is computed from them.
// A checkpoint in the config (`settings.checkpoint`) must be one store that every process
// shares (a folder on a shared filesystem): each process saves its replicas there as it
// runs and loads what an earlier, killed run saved, so a sweep resumes with any number of
// processes. The final pass of process 0 runs from the gathered replicas alone.
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "ionhop/runs/sweep.hpp"

namespace ionhop::runs {

struct ProcessGroup {
    int rank = 0;
    int size = 1;
    // Called by every process at once with its bytes; returns on process 0 the bytes of
    // every process in rank order, and nothing elsewhere.
    std::function<std::vector<std::vector<char>>(const std::vector<char>& bytes)> gather_to_first;
    // Returns once every process has called it (null: a group that needs none, as one process).
    std::function<void()> barrier;
};

// What the distribution did, known on process 0: the finished replicas each process sent,
// and how many the final pass had to run again (0 unless a process lost some).
struct DistributionStats {
    std::vector<std::size_t> replicas_per_process;
    std::size_t replicas_run_again = 0;
};

// The sweep on process 0; nothing on the others. `progress` is called on process 0 only,
// as in run_sweep. Throws ionhop::Error as run_sweep does (every process checks the
// config before running anything, so bad input stops them all alike).
std::optional<SweepResult> run_distributed_sweep(const RunConfig& config, const ProcessGroup& group,
                                                 const SweepProgress& progress = {},
                                                 DistributionStats* stats = nullptr);

}  // namespace ionhop::runs
