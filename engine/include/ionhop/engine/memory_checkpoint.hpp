#pragma once
// A checkpoint held in memory (replica_checkpoint.hpp): what one process of a distributed
// sweep collects of its finished replicas to send to the others, and what receives them.
// Snapshots of running replicas are not kept (a process that dies loses its share anyway).
#include <map>
#include <mutex>
#include <string>

#include "ionhop/engine/replica_checkpoint.hpp"

namespace ionhop::engine {

class MemoryCheckpoint final : public ReplicaCheckpoint {
public:
    double snapshot_interval_s() const override;  // never: snapshots are not kept
    std::optional<StateArchive> load(const std::string& name) override;
    void save(const std::string& name, const StateArchive& archive) override;
    void remove(const std::string& name) override;

    // Every archive as one block of bytes, and the archives of such a block added to these
    // (ionhop::Error naming `source` for malformed bytes).
    std::vector<char> to_bytes() const;
    void add_bytes(const std::vector<char>& bytes, const std::string& source);
    std::size_t size() const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, StateArchive> archives_;
};

}  // namespace ionhop::engine
