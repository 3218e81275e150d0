#include "ionhop/runs/distributed_sweep.hpp"

#include <memory>
#include <string>

#include "gathering_checkpoint.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/engine/memory_checkpoint.hpp"

namespace ionhop::runs {

std::optional<SweepResult> run_distributed_sweep(const RunConfig& config, const ProcessGroup& group,
                                                 const SweepProgress& progress, DistributionStats* stats) {
    if (group.size < 1 || group.rank < 0 || group.rank >= group.size || !group.gather_to_first) {
        throw Error("distributed sweep: malformed process group");
    }
    const auto share = std::make_shared<engine::MemoryCheckpoint>();
    RunConfig mine = config;
    mine.settings.checkpoint = std::make_shared<GatheringCheckpoint>(share, config.settings.checkpoint);
    const auto rank = static_cast<std::size_t>(group.rank);
    const auto size = static_cast<std::size_t>(group.size);
    (void)run_sweep(mine, {}, [rank, size](std::size_t index) { return index % size == rank; });

    const std::vector<std::vector<char>> all = group.gather_to_first(share->to_bytes());
    if (group.rank != 0) return std::nullopt;
    if (all.size() != size)
        throw Error("distributed sweep: gathered the replicas of a wrong number of processes");
    const auto gathered = std::make_shared<engine::MemoryCheckpoint>();
    DistributionStats counted;
    for (std::size_t r = 0; r < all.size(); ++r) {
        const std::size_t before = gathered->size();
        gathered->add_bytes(all[r], "replicas of rank " + std::to_string(r));
        counted.replicas_per_process.push_back(gathered->size() - before);
    }
    const std::size_t sent = gathered->size();
    RunConfig whole = config;
    whole.settings.checkpoint = gathered;
    SweepResult result = run_sweep(whole, progress);
    counted.replicas_run_again = gathered->size() - sent;
    if (stats != nullptr) *stats = std::move(counted);
    return result;
}

}  // namespace ionhop::runs
