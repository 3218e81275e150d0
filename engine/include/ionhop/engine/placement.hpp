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

}  // namespace ionhop::engine
