#pragma once
// Composition-rejection over per-site rates that change at every event (pair
// interactions): sites are grouped by the binary exponent of their rate, so every rate in
// bin b lies in [2^(b-1023), 2^(b-1022)). A bin is chosen with probability count_b 2^b /
// sum, a member uniformly, and accepted with probability rate / bound >= 1/2 (Slepoy,
// Thompson, Plimpton, J. Chem. Phys. 128, 205101 (2008)). Updating a rate is O(1) (a move
// between two lists only when its exponent changes), with no tree to walk and no running
// sum to drift: the bound is a sum of counts times powers of two. The waiting time comes
// from the same trials (thinning, see select()).
//
// `Record` is the caller's per-site data, stored in the same entry as the site's rate and
// bin, so that updating a site reads one entry (measured: no faster than two arrays on the
// benchmark machine, and no slower; padding entries to 64 bytes was slower).
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ionhop/core/error.hpp"
#include "ionhop/engine/random_stream.hpp"
#include "ionhop/engine/state_archive.hpp"

namespace ionhop::engine {

template <typename Record>
class SiteRateBins {
public:
    struct Draw {
        std::uint32_t site;
        double waiting_time_s;
    };

    SiteRateBins() = default;
    explicit SiteRateBins(std::size_t sites) : entry_(sites), members_(bins) {}

    std::size_t size() const { return entry_.size(); }
    double rate(std::uint32_t site) const { return entry_[site].rate_Hz; }
    Record& record(std::uint32_t site) { return entry_[site].record; }
    const Record& record(std::uint32_t site) const { return entry_[site].record; }
    void prefetch(std::uint32_t site) const { __builtin_prefetch(&entry_[site], 1); }

    // rate >= 0 and finite (the caller guarantees it; it is on the hot path).
    void set(std::uint32_t site, double rate_Hz) {
        Entry& entry = entry_[site];
        entry.rate_Hz = rate_Hz;
        const std::uint32_t bin = rate_Hz > 0.0 ? bin_of_rate(rate_Hz) : no_bin;
        if (bin == entry.bin) return;
        if (entry.bin != no_bin) remove(site);
        if (bin != no_bin) insert(site, bin);
    }

    // True when every rate is 0 (nothing to draw); O(1).
    bool empty() const { return lowest_ > highest_; }
    // Sum over bins of count * bound: the rate of the trials; 0 when every rate is 0.
    double bound_Hz() const {
        double bound = 0.0;
        for (std::uint32_t b = lowest_; b <= highest_; ++b) {
            bound += static_cast<double>(members_[b].size()) * bin_bound(b);
        }
        return bound;
    }
    // Exact sum of the rates, O(N): for reports, not for the hot loop.
    double total_Hz() const {
        double total = 0.0;
        for (const Entry& entry : entry_) total += entry.rate_Hz;
        return total;
    }

    // Draws a site with probability rate / total and the waiting time to the event,
    // exponential with rate `total`: trials arrive at rate bound_Hz() and each is accepted
    // with probability total / bound, so the sum of the trials' exponential gaps is
    // exactly the event's waiting time (thinning of a Poisson process). Three uniforms per
    // trial: the bin and member, the acceptance, the gap. Requires !empty().
    Draw select(RandomStream& stream) const {
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

    std::size_t memory_bytes() const {
        std::size_t bytes = entry_.capacity() * sizeof(Entry) + members_.capacity() * sizeof(members_[0]);
        for (const auto& list : members_) bytes += list.capacity() * sizeof(std::uint32_t);
        return bytes;
    }

    // Rates and the order of every bin's list (selection depends on it) under `prefix`;
    // the records are the caller's to save.
    void save(StateArchive& archive, const std::string& prefix) const {
        std::vector<double> rates(entry_.size());
        for (std::size_t s = 0; s < entry_.size(); ++s) rates[s] = entry_[s].rate_Hz;
        std::vector<std::uint32_t> sizes(bins);
        std::vector<std::uint32_t> members;
        members.reserve(entry_.size());
        for (std::uint32_t b = 0; b < bins; ++b) {
            sizes[b] = static_cast<std::uint32_t>(members_[b].size());
            for (const std::uint32_t site : members_[b]) members.push_back(site);
        }
        archive.put(prefix + "rate_Hz", std::move(rates));
        archive.put(prefix + "bin_sizes", std::move(sizes));
        archive.put(prefix + "members", std::move(members));
    }
    // Rebuilds rates and lists (records untouched); ionhop::Error naming the entry if the
    // archive does not describe consistent bins of this many sites.
    void restore(const StateArchive& archive, const std::string& prefix) {
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
        for (auto& list : members_) list.clear();
        lowest_ = bins;
        highest_ = 0;
        for (std::size_t s = 0; s < entry_.size(); ++s) {
            entry_[s].rate_Hz = rates[s];
            entry_[s].bin = no_bin;
        }
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

private:
    static constexpr std::uint32_t no_bin = 0xFFFFFFFFu;
    static constexpr std::uint32_t bins = 2047;  // biased exponents of finite doubles

    struct Fields {
        double rate_Hz = 0.0;
        std::uint32_t bin = no_bin;  // no_bin when the rate is 0
        std::uint32_t slot = 0;      // position in its bin's list
        Record record{};
    };
    struct Entry : Fields {};

    // The biased exponent E of a positive double: its value lies in [2^(E-1023), 2^(E-1022))
    // (subnormals, E = 0, below 2^-1022).
    static std::uint32_t bin_of_rate(double rate_Hz) {
        return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(rate_Hz) >> 52);
    }
    // 2^(bin - 1022), built from its bits (the exponent field bin + 1, no mantissa).
    static double bin_bound(std::uint32_t bin) {
        return std::bit_cast<double>(static_cast<std::uint64_t>(bin + 1) << 52);
    }

    void insert(std::uint32_t site, std::uint32_t bin) {
        auto& list = members_[bin];
        entry_[site].slot = static_cast<std::uint32_t>(list.size());
        entry_[site].bin = bin;
        list.push_back(site);
        lowest_ = std::min(lowest_, bin);
        highest_ = std::max(highest_, bin);
    }

    void remove(std::uint32_t site) {
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

    std::vector<Entry> entry_;
    std::vector<std::vector<std::uint32_t>> members_;
    std::uint32_t lowest_ = bins;  // bins in use lie in [lowest_, highest_]
    std::uint32_t highest_ = 0;
};

}  // namespace ionhop::engine
