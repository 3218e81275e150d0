#include "occupancy_setup.hpp"

namespace ionhop::engine {

void fill_occupancy(const HopTable& table, const std::vector<std::uint32_t>& ion_sites,
                    std::vector<std::uint8_t>& occupied, std::vector<std::int32_t>& ion_at,
                    std::vector<std::uint32_t>& blocked_by) {
    const std::size_t n = table.num_sites();
    occupied.assign(n, 0);
    ion_at.assign(n, -1);
    for (std::size_t i = 0; i < ion_sites.size(); ++i) {
        occupied[ion_sites[i]] = 1;
        ion_at[ion_sites[i]] = static_cast<std::int32_t>(i);
    }
    blocked_by.clear();
    if (!table.has_exclusions()) return;
    blocked_by.assign(n, 0);
    for (std::size_t s = 0; s < n; ++s) {
        for (std::uint32_t k = table.exclusion_begin[s]; k < table.exclusion_begin[s + 1]; ++k) {
            blocked_by[s] += occupied[table.exclusion_partner[k]];
        }
    }
}

}  // namespace ionhop::engine
