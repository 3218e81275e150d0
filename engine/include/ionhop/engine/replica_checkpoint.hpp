#pragma once
// Where a run keeps what it must not lose when it is killed: each finished replica, and
// the state of each running one (engine, random stream, accumulated observables) written
// every few seconds of wall time. A resumed run loads finished replicas instead of running
// them and continues running ones from their last state; replicas depend only on (table,
// plan, replica index), so the result is the same as an uninterrupted run's, bit for bit.
//
// The store is a map from names to archives; its implementation decides where they live
// (outputs/checkpoint_store.hpp: HDF5 files in a folder, written atomically). It is called
// from several replica threads at once and must be thread-safe.
#include <cstdint>
#include <optional>
#include <string>

#include "ionhop/engine/hop_table.hpp"
#include "ionhop/engine/state_archive.hpp"

namespace ionhop::engine {

class ReplicaCheckpoint {
public:
    virtual ~ReplicaCheckpoint() = default;
    // Wall time between two snapshots of one running replica (s).
    virtual double snapshot_interval_s() const = 0;
    // The archive saved under `name`, or nothing if none was; ionhop::Error if it exists
    // but cannot be read.
    virtual std::optional<StateArchive> load(const std::string& name) = 0;
    // Replaces the archive under `name` all at once (a kill leaves the old one or the new).
    virtual void save(const std::string& name, const StateArchive& archive) = 0;
    virtual void remove(const std::string& name) = 0;
};

// A 64-bit fingerprint of everything in the table that the dynamics read (sites, hops,
// rates, interactions, exclusions, temperature, field, volume): replicas of another table
// never match a checkpoint.
std::uint64_t table_fingerprint(const HopTable& table);
// The same for a text (a config file, a command line).
std::uint64_t text_fingerprint(const std::string& text);

// Version of the layout of checkpoint archives; an archive of another version is refused.
// 2: each MSD window also holds the net displacement at its end (the collective lag fit).
inline constexpr std::uint64_t checkpoint_format_version = 2;

}  // namespace ionhop::engine
