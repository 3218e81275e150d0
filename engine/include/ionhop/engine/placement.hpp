#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ionhop/engine/hop_table.hpp"
#include "ionhop/engine/random_stream.hpp"

namespace ionhop::engine {

// Places `count` ions uniformly at random on mobile sites, one per site, never on two
// sites that exclude each other (random sequential placement). Throws ionhop::Error when
// count is 0, exceeds the mobile sites, or cannot be placed under the exclusion pairs.
std::vector<std::uint32_t> place_ions_randomly(const HopTable& table, std::size_t count,
                                               RandomStream& stream);

// Checks initial ion sites: at least one ion, each on a distinct mobile site of the table,
// no two on sites that exclude each other; ionhop::Error naming the ion or site otherwise.
void check_ion_sites(const HopTable& table, const std::vector<std::uint32_t>& ion_sites);

}  // namespace ionhop::engine
