#include "ionhop/engine/site_rate_bins.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

SiteRateBins::SiteRateBins(std::size_t sites) : entry_(sites), members_(bins) {}

// 2^(bin - 1022), built from its bits (the exponent field bin + 1, no mantissa).
double SiteRateBins::bin_bound(std::uint32_t bin) {
    return std::bit_cast<double>(static_cast<std::uint64_t>(bin + 1) << 52);
}

void SiteRateBins::move(std::uint32_t site, std::uint32_t bin) {
    if (entry_[site].bin != no_bin) remove(site);
    if (bin != no_bin) insert(site, bin);
}

void SiteRateBins::insert(std::uint32_t site, std::uint32_t bin) {
    auto& list = members_[bin];
    entry_[site].slot = static_cast<std::uint32_t>(list.size());
    entry_[site].bin = bin;
    list.push_back(site);
    lowest_ = std::min(lowest_, bin);
    highest_ = std::max(highest_, bin);
}

void SiteRateBins::remove(std::uint32_t site) {
    Entry& entry = entry_[site];
    auto& list = members_[entry.bin];
    const std::uint32_t last = list.back();
    list[entry.slot] = last;
    entry_[last].slot = entry.slot;
    list.pop_back();
    entry.bin = no_bin;
    if (!list.empty()) return;
    while (lowest_ <= highest_ && members_[lowest_].empty()) ++lowest_;
    while (highest_ >= lowest_ && highest_ > 0 && members_[highest_].empty()) --highest_;
    if (lowest_ > highest_) {
        lowest_ = bins;
        highest_ = 0;
    }
}

double SiteRateBins::bound_Hz() const {
    double bound = 0.0;
    for (std::uint32_t b = lowest_; b <= highest_; ++b) {
        bound += static_cast<double>(members_[b].size()) * bin_bound(b);
    }
    return bound;
}

double SiteRateBins::total_Hz() const {
    double total = 0.0;
    for (const Entry& entry : entry_) total += entry.rate_Hz;
    return total;
}

SiteRateBins::Draw SiteRateBins::select(RandomStream& stream) const {
    const double bound = bound_Hz();
    double gaps = 0.0;
    for (;;) {
        double u = stream.uniform_open01() * bound;
        std::uint32_t b = lowest_;
        for (; b < highest_; ++b) {
            const double weight = static_cast<double>(members_[b].size()) * bin_bound(b);
            if (u < weight) break;
            u -= weight;
        }
        // Rounding can only leave u at or above the last weight: highest_ is never empty.
        const auto& list = members_[b];
        const auto member = std::min(list.size() - 1, static_cast<std::size_t>(u / bin_bound(b)));
        const std::uint32_t site = list[member];
        const bool accepted = stream.uniform_open01() * bin_bound(b) < entry_[site].rate_Hz;
        gaps -= std::log(stream.uniform_open01());
        if (accepted) return {site, gaps / bound};
    }
}

std::size_t SiteRateBins::memory_bytes() const {
    std::size_t bytes = entry_.capacity() * sizeof(Entry) + members_.capacity() * sizeof(members_[0]);
    for (const auto& list : members_) bytes += list.capacity() * sizeof(std::uint32_t);
    return bytes;
}

void SiteRateBins::save(StateArchive& archive, const std::string& prefix) const {
    std::vector<std::uint32_t> sizes(bins);
    std::vector<std::uint32_t> members;
    std::vector<double> rates(entry_.size());
    for (std::size_t s = 0; s < entry_.size(); ++s) rates[s] = entry_[s].rate_Hz;
    members.reserve(entry_.size());
    for (std::uint32_t b = 0; b < bins; ++b) {
        sizes[b] = static_cast<std::uint32_t>(members_[b].size());
        for (const std::uint32_t site : members_[b]) members.push_back(site);
    }
    archive.put(prefix + "rate_Hz", std::move(rates));
    archive.put(prefix + "bin_sizes", std::move(sizes));
    archive.put(prefix + "members", std::move(members));
}

void SiteRateBins::restore(const StateArchive& archive, const std::string& prefix) {
    const auto& rates = archive.get<double>(prefix + "rate_Hz", entry_.size());
    const auto& sizes = archive.get<std::uint32_t>(prefix + "bin_sizes", bins);
    std::size_t nonzero = 0;
    for (const double rate : rates) {
        if (!(rate >= 0.0) || !std::isfinite(rate)) {
            throw Error(archive.source() + ": entry '" + prefix +
                        "rate_Hz' holds a negative or non-finite rate");
        }
        nonzero += rate > 0.0;
    }
    const auto& members = archive.get<std::uint32_t>(prefix + "members", nonzero);
    *this = SiteRateBins(entry_.size());
    for (std::size_t s = 0; s < entry_.size(); ++s) entry_[s].rate_Hz = rates[s];
    std::size_t next = 0;
    for (std::uint32_t b = 0; b < bins; ++b) {
        for (std::uint32_t k = 0; k < sizes[b]; ++k, ++next) {
            const std::uint32_t site = next < members.size() ? members[next] : no_bin;
            if (site >= entry_.size() || entry_[site].bin != no_bin || entry_[site].rate_Hz <= 0.0 ||
                bin_of_rate(entry_[site].rate_Hz) != b) {
                throw Error(archive.source() + ": entry '" + prefix +
                            "members' does not list each site with a rate once, in the bin of its rate");
            }
            insert(site, b);
        }
    }
    if (next != nonzero) {
        throw Error(archive.source() + ": entry '" + prefix +
                    "bin_sizes' does not add up to the sites with a rate");
    }
}

}  // namespace ionhop::engine
