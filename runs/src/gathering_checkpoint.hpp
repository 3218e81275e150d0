#pragma once
// The checkpoint of one process of a distributed sweep: its finished replicas kept in
// memory for the gather and, when the run has a checkpoint folder that every process
// shares, every save mirrored there too, so a killed sweep resumes from the files. Replica
// names do not depend on the rank, so it may resume with any number of processes.
#include <memory>

#include "ionhop/engine/memory_checkpoint.hpp"

namespace ionhop::runs {

class GatheringCheckpoint final : public engine::ReplicaCheckpoint {
public:
    // `shared` may be null (no checkpoint folder).
    GatheringCheckpoint(std::shared_ptr<engine::MemoryCheckpoint> kept,
                        std::shared_ptr<engine::ReplicaCheckpoint> shared);

    // The shared checkpoint's interval; never without one (memory keeps no snapshots).
    double snapshot_interval_s() const override;
    // The kept archive, else the shared one; a finished replica found there is kept too,
    // since the engine does not save again what it loaded.
    std::optional<engine::StateArchive> load(const std::string& name) override;
    void save(const std::string& name, const engine::StateArchive& archive) override;
    void remove(const std::string& name) override;

private:
    std::shared_ptr<engine::MemoryCheckpoint> kept_;
    std::shared_ptr<engine::ReplicaCheckpoint> shared_;
};

}  // namespace ionhop::runs
