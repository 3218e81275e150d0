#pragma once
// What a replica's checkpoint archives hold besides the engine state: who wrote them (the
// table, the plan and the replica index they belong to) and the finished result.
#include <cstdint>
#include <string>

#include "ionhop/engine/state_archive.hpp"
#include "ionhop/engine/transport.hpp"

namespace ionhop::engine {

// The replica's identity: table fingerprint, the fingerprint of the plan's fields that a
// replica's path depends on (not threads, replica counts or the target error), replica.
struct ReplicaIdentity {
    std::uint64_t table = 0;
    std::uint64_t plan = 0;
    std::uint64_t replica = 0;

    // Checkpoint names: "<table><plan>-r<replica>" with ".done" or ".running".
    std::string finished_name() const;
    std::string running_name() const;
    void put(StateArchive& archive) const;
    // ionhop::Error unless the archive was written by this replica in this format.
    void check(const StateArchive& archive) const;
};

std::uint64_t plan_fingerprint(const TransportPlan& plan);

void put_msd(StateArchive& archive, const std::string& prefix, const std::vector<MsdSample>& msd);
std::vector<MsdSample> get_msd(const StateArchive& archive, const std::string& prefix);

StateArchive result_archive(const ReplicaResult& result);
ReplicaResult result_from_archive(const StateArchive& archive);

}  // namespace ionhop::engine
