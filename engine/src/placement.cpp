#include "ionhop/engine/placement.hpp"

#include <string>
#include <utility>

#include "exclusion_packing.hpp"
#include "ionhop/core/error.hpp"

namespace ionhop::engine {
namespace {

// Budget of the local search that packs dense contents (garnet near Li7.5).
constexpr std::size_t max_search_steps_per_site = 200;

}  // namespace

void check_ion_sites(const HopTable& table, const std::vector<std::uint32_t>& ion_sites) {
    if (ion_sites.empty()) throw Error("Simulation: no mobile ions (ion count is 0)");
    const std::size_t n = table.num_sites();
    std::vector<std::uint8_t> taken(n, 0);
    for (std::size_t i = 0; i < ion_sites.size(); ++i) {
        const std::uint32_t s = ion_sites[i];
        if (s >= n) {
            throw Error("Simulation: ion " + std::to_string(i) + " on site " + std::to_string(s) +
                        ", but the lattice has " + std::to_string(n) + " sites");
        }
        if (!table.site_mobile[s]) {
            throw Error("Simulation: ion " + std::to_string(i) + " on site " + std::to_string(s) +
                        ", which cannot hold a mobile ion");
        }
        if (taken[s]) {
            throw Error("Simulation: two ions on site " + std::to_string(s) +
                        " (site exclusion: at most one ion per site)");
        }
        taken[s] = 1;
    }
    if (!table.has_exclusions()) return;
    for (const std::uint32_t s : ion_sites) {
        for (std::uint32_t k = table.exclusion_begin[s]; k < table.exclusion_begin[s + 1]; ++k) {
            if (taken[table.exclusion_partner[k]]) {
                throw Error("Simulation: sites " + std::to_string(s) + " and " +
                            std::to_string(table.exclusion_partner[k]) +
                            " are both occupied but exclude each other");
            }
        }
    }
}

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
    ExclusionPacking packing(table);
    for (const std::uint32_t s : candidates) {
        if (packing.size() == count) break;
        if (packing.is_free(s)) packing.add(s);
    }
    if (packing.size() < count) {
        packing.grow_by_local_search(count, stream, max_search_steps_per_site * table.num_sites());
    }
    if (packing.size() < count) {
        throw Error("placement: only " + std::to_string(packing.size()) + " of " + std::to_string(count) +
                    " ions could be placed without occupying two sites that exclude each other (random "
                    "placement and local search); the content may exceed what the exclusion rules allow");
    }
    return packing.sites();
}

}  // namespace ionhop::engine
