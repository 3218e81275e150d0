#pragma once
// Occupancy arrays of a new simulation, and their checkpoint form, shared by the plain and
// the accelerated engine.
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "ionhop/engine/hop_table.hpp"
#include "ionhop/engine/state_archive.hpp"

namespace ionhop::engine {

// Fills occupied (0/1 per site), ion_at (ion index per site, -1 if empty) and, when the
// table has exclusion pairs, blocked_by (occupied exclusion partners per site; left empty
// otherwise). The sites must have passed check_ion_sites.
void fill_occupancy(const HopTable& table, const std::vector<std::uint32_t>& ion_sites,
                    std::vector<std::uint8_t>& occupied, std::vector<std::int32_t>& ion_at,
                    std::vector<std::uint32_t>& blocked_by);

// The ions in a checkpoint archive: occupancy, ion per site (empty when the engine keeps
// none), ion sites, displacements and blocking counts. Restoring keeps every array's
// length and checks that ions and sites agree (ionhop::Error naming the archive), since
// the hot loops index with them unchecked.
struct IonArrays {
    std::vector<std::uint8_t>& occupied;
    std::vector<std::int32_t>& ion_at;
    std::vector<std::uint32_t>& ion_site;
    std::vector<Eigen::Vector3d>& displacement_A;
    std::vector<std::uint32_t>& blocked_by;
};
void save_ions(StateArchive& archive, const std::vector<std::uint8_t>& occupied,
               const std::vector<std::int32_t>& ion_at, const std::vector<std::uint32_t>& ion_site,
               const std::vector<Eigen::Vector3d>& displacement_A,
               const std::vector<std::uint32_t>& blocked_by);
void restore_ions(const StateArchive& archive, const IonArrays& ions);

}  // namespace ionhop::engine
