#pragma once
// Occupancy arrays of a new simulation, shared by the plain and the accelerated engine.
#include <cstdint>
#include <vector>

#include "ionhop/engine/hop_table.hpp"

namespace ionhop::engine {

// Fills occupied (0/1 per site), ion_at (ion index per site, -1 if empty) and, when the
// table has exclusion pairs, blocked_by (occupied exclusion partners per site; left empty
// otherwise). The sites must have passed check_ion_sites.
void fill_occupancy(const HopTable& table, const std::vector<std::uint32_t>& ion_sites,
                    std::vector<std::uint8_t>& occupied, std::vector<std::int32_t>& ion_at,
                    std::vector<std::uint32_t>& blocked_by);

}  // namespace ionhop::engine
