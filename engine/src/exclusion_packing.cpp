#include "exclusion_packing.hpp"

#include <limits>

namespace ionhop::engine {
namespace {

constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();

}  // namespace

ExclusionPacking::ExclusionPacking(const HopTable& table)
    : table_(table), position_(table.num_sites(), npos), tightness_(table.num_sites(), 0) {}

bool ExclusionPacking::is_free(std::uint32_t site) const {
    return table_.site_mobile[site] && position_[site] == npos && tightness_[site] == 0;
}

void ExclusionPacking::add(std::uint32_t site) {
    position_[site] = static_cast<std::uint32_t>(sites_.size());
    sites_.push_back(site);
    for (std::uint32_t k = table_.exclusion_begin[site]; k < table_.exclusion_begin[site + 1]; ++k) {
        ++tightness_[table_.exclusion_partner[k]];
    }
}

void ExclusionPacking::remove(std::uint32_t site) {
    const std::uint32_t index = position_[site];
    sites_[index] = sites_.back();
    position_[sites_[index]] = index;
    sites_.pop_back();
    position_[site] = npos;
    for (std::uint32_t k = table_.exclusion_begin[site]; k < table_.exclusion_begin[site + 1]; ++k) {
        --tightness_[table_.exclusion_partner[k]];
    }
}

bool ExclusionPacking::exclude_each_other(std::uint32_t a, std::uint32_t b) const {
    for (std::uint32_t k = table_.exclusion_begin[a]; k < table_.exclusion_begin[a + 1]; ++k) {
        if (table_.exclusion_partner[k] == b) return true;
    }
    return false;
}

// After an ion left `site`, its partners may have become free.
void ExclusionPacking::fill_around(std::uint32_t site, std::size_t target) {
    for (std::uint32_t k = table_.exclusion_begin[site]; k < table_.exclusion_begin[site + 1]; ++k) {
        const std::uint32_t partner = table_.exclusion_partner[k];
        if (size() < target && is_free(partner)) add(partner);
    }
}

void ExclusionPacking::grow_by_local_search(std::size_t target, RandomStream& stream, std::size_t max_steps) {
    for (std::size_t step = 0; step < max_steps && size() < target && !sites_.empty(); ++step) {
        const std::uint32_t x = sites_[stream.uniform_index(sites_.size())];
        // Empty partners blocked by x alone: x could give way to them.
        candidates_.clear();
        for (std::uint32_t k = table_.exclusion_begin[x]; k < table_.exclusion_begin[x + 1]; ++k) {
            const std::uint32_t u = table_.exclusion_partner[k];
            if (table_.site_mobile[u] && position_[u] == npos && tightness_[u] == 1) candidates_.push_back(u);
        }
        if (candidates_.empty()) continue;
        bool swapped = false;
        for (std::size_t i = 0; i < candidates_.size() && !swapped; ++i) {
            for (std::size_t j = i + 1; j < candidates_.size() && !swapped; ++j) {
                if (!exclude_each_other(candidates_[i], candidates_[j])) {  // (1,2)-swap: one more ion
                    const std::uint32_t u = candidates_[i], v = candidates_[j];
                    remove(x);
                    add(u);
                    add(v);
                    swapped = true;
                }
            }
        }
        if (!swapped) {  // (1,1)-move: x moves to a partner, which may free room elsewhere
            remove(x);
            add(candidates_[stream.uniform_index(candidates_.size())]);
            fill_around(x, target);
        }
    }
}

}  // namespace ionhop::engine
