#include "gathering_checkpoint.hpp"

#include <utility>

#include "ionhop/core/error.hpp"

namespace ionhop::runs {

GatheringCheckpoint::GatheringCheckpoint(std::shared_ptr<engine::MemoryCheckpoint> kept,
                                         std::shared_ptr<engine::ReplicaCheckpoint> shared)
    : kept_(std::move(kept)), shared_(std::move(shared)) {
    if (!kept_) throw Error("gathering checkpoint: no memory to keep the replicas in");
}

double GatheringCheckpoint::snapshot_interval_s() const {
    return shared_ ? shared_->snapshot_interval_s() : kept_->snapshot_interval_s();
}

std::optional<engine::StateArchive> GatheringCheckpoint::load(const std::string& name) {
    if (auto archive = kept_->load(name)) return archive;
    if (!shared_) return std::nullopt;
    auto archive = shared_->load(name);
    if (archive) kept_->save(name, *archive);  // the memory store skips snapshots of running replicas
    return archive;
}

void GatheringCheckpoint::save(const std::string& name, const engine::StateArchive& archive) {
    if (shared_) shared_->save(name, archive);
    kept_->save(name, archive);
}

void GatheringCheckpoint::remove(const std::string& name) {
    if (shared_) shared_->remove(name);
    kept_->remove(name);
}

}  // namespace ionhop::runs
