#pragma once
// Checkpoints of a run in a folder (engine/replica_checkpoint.hpp): one HDF5 file per
// archive, filled under a temporary name and renamed when complete, so a kill at any
// moment leaves the previous file or the new one, never half of one; and manifest.h5,
// which names the run (its config, fingerprinted) and the ionhop version that wrote it.
// A resumed run must match both, and a file that cannot be read is an error naming it:
// a checkpoint is never half used or silently ignored.
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ionhop/engine/replica_checkpoint.hpp"

namespace ionhop::outputs {

class CheckpointFolder final : public engine::ReplicaCheckpoint {
public:
    // `run`: everything the results depend on (the config text); `version`: the program's.
    // start: begins a new checkpoint; one left in `folder` by an earlier run is replaced at
    // the first save (a run stopped by bad input before that leaves it untouched) and never
    // read. ionhop::Error at once if `folder` exists and is not a checkpoint folder.
    static std::shared_ptr<CheckpointFolder> start(const std::filesystem::path& folder,
                                                   const std::string& run, const std::string& version,
                                                   double snapshot_interval_s);
    // resume: `folder` must hold the checkpoint of the same run and version.
    static std::shared_ptr<CheckpointFolder> resume(const std::filesystem::path& folder,
                                                    const std::string& run, const std::string& version,
                                                    double snapshot_interval_s);
    // join: the folder another process of the same run (an MPI rank) has just created with
    // start + create_now; as resume, but a missing folder means it is not shared, and the
    // error says so, naming `process`.
    static std::shared_ptr<CheckpointFolder> join(const std::filesystem::path& folder, const std::string& run,
                                                  const std::string& version, double snapshot_interval_s,
                                                  const std::string& process);
    // Replaces an earlier checkpoint now rather than at the first save (for a folder that
    // other processes join); nothing after a resume.
    void create_now();

    double snapshot_interval_s() const override { return interval_s_; }
    std::optional<engine::StateArchive> load(const std::string& name) override;
    void save(const std::string& name, const engine::StateArchive& archive) override;
    void remove(const std::string& name) override;

    const std::filesystem::path& folder() const { return folder_; }
    // Archives saved in this folder (finished and running replicas), for reports.
    std::size_t archives() const;
    // Removes the folder once the run's outputs are written.
    void discard();

private:
    CheckpointFolder(std::filesystem::path folder, double interval_s);
    std::filesystem::path file_of(const std::string& name) const;
    void begin_if_pending();  // with the mutex held
    static std::shared_ptr<CheckpointFolder> open_existing(const std::filesystem::path& folder,
                                                           const std::string& run, const std::string& version,
                                                           double snapshot_interval_s,
                                                           const std::string& when_missing);

    std::filesystem::path folder_;
    double interval_s_;
    std::optional<engine::StateArchive> pending_manifest_;  // start() until the first save
    mutable std::mutex mutex_;
};

// An archive as an HDF5 file (one dataset per entry) and back; ionhop::Error naming `path`
// when it cannot be written or read.
void write_archive(const std::filesystem::path& path, const engine::StateArchive& archive);
engine::StateArchive read_archive(const std::filesystem::path& path);

}  // namespace ionhop::outputs
