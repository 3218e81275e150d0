#include "ionhop/engine/placement.hpp"

#include <string>
#include <utility>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

std::vector<std::uint32_t> place_ions_randomly(const HopTable& table, std::size_t count,
                                               RandomStream& stream) {
    if (count == 0) throw Error("placement: no mobile ions requested (ion count is 0)");
    std::vector<std::uint32_t> candidates;
    for (std::uint32_t s = 0; s < table.num_sites(); ++s) {
        if (table.site_mobile[s]) candidates.push_back(s);
    }
    if (count > candidates.size()) {
        throw Error("placement: " + std::to_string(count) + " ions do not fit on " +
                    std::to_string(candidates.size()) + " mobile sites (at most one ion per site)");
    }
    // Fisher-Yates: the first k entries are a uniform random k-subset in random order.
    const std::size_t shuffled = table.has_exclusions() ? candidates.size() : count;
    for (std::size_t i = 0; i < shuffled; ++i) {
        const std::size_t j = i + stream.uniform_index(candidates.size() - i);
        std::swap(candidates[i], candidates[j]);
    }
    if (!table.has_exclusions()) {
        candidates.resize(count);
        return candidates;
    }
    std::vector<std::uint8_t> blocked(table.num_sites(), 0);
    std::vector<std::uint32_t> sites;
    sites.reserve(count);
    for (const std::uint32_t s : candidates) {
        if (sites.size() == count) break;
        if (blocked[s]) continue;
        sites.push_back(s);
        blocked[s] = 1;
        for (std::uint32_t k = table.exclusion_begin[s]; k < table.exclusion_begin[s + 1]; ++k) {
            blocked[table.exclusion_partner[k]] = 1;
        }
    }
    if (sites.size() < count) {
        throw Error("placement: only " + std::to_string(sites.size()) + " of " + std::to_string(count) +
                    " ions could be placed without occupying two sites that exclude each other");
    }
    return sites;
}

}  // namespace ionhop::engine
