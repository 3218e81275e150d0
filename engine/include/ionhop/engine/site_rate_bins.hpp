#pragma once
// Composition-rejection over per-site rates that change at every event (pair
// interactions): sites are grouped by the binary exponent of their rate, so every rate in
// bin b lies in [2^(b-1), 2^b) (in units of the smallest normal double). A bin is chosen
// with probability count_b 2^b / sum, a member uniformly, and accepted with probability
// rate / 2^b >= 1/2 (Slepoy, Thompson, Plimpton, J. Chem. Phys. 128, 205101 (2008)).
// Updating a rate is O(1) (a move between two lists only when its exponent changes), with
// no tree to walk and no running sum to drift: the bound is a sum of counts times powers
// of two. The waiting time comes from the same trials (thinning, see select()).
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "ionhop/engine/random_stream.hpp"
#include "ionhop/engine/state_archive.hpp"

namespace ionhop::engine {

class SiteRateBins {
public:
    struct Draw {
        std::uint32_t site;
        double waiting_time_s;
    };

    SiteRateBins() = default;
    explicit SiteRateBins(std::size_t sites);

    std::size_t size() const { return entry_.size(); }
    double rate(std::uint32_t site) const { return entry_[site].rate_Hz; }
    // rate >= 0 and finite (the caller guarantees it; it is on the hot path). Inline: a
    // hop sets ~100 rates, and a call per rate keeps their cache misses from overlapping.
    void set(std::uint32_t site, double rate_Hz) {
        Entry& entry = entry_[site];
        entry.rate_Hz = rate_Hz;
        const std::uint32_t bin = rate_Hz > 0.0 ? bin_of_rate(rate_Hz) : no_bin;
        if (bin != entry.bin) move(site, bin);
    }
    void prefetch(std::uint32_t site) const { __builtin_prefetch(&entry_[site], 1); }
    // Sum over bins of count * 2^b: the rate of the trials; 0 when every rate is 0.
    double bound_Hz() const;
    // Exact sum of the rates, O(N): for reports, not for the hot loop.
    double total_Hz() const;

    // Draws a site with probability rate / total and the waiting time to the event,
    // exponential with rate `total`: trials arrive at rate bound_Hz() and each is accepted
    // with probability total / bound, so the sum of the trials' exponential gaps is
    // exactly the event's waiting time (thinning of a Poisson process). Three uniforms per
    // trial: the bin and member, the acceptance, the gap. Requires bound_Hz() > 0.
    Draw select(RandomStream& stream) const;

    std::size_t memory_bytes() const;
    // Rates and the order of every bin's list (selection depends on it) under `prefix`.
    void save(StateArchive& archive, const std::string& prefix) const;
    void restore(const StateArchive& archive, const std::string& prefix);

private:
    static constexpr std::uint32_t no_bin = 0xFFFFFFFFu;
    static constexpr std::uint32_t bins = 2047;  // biased exponents of finite doubles

    // The biased exponent E of a positive double: its value lies in [2^(E-1023), 2^(E-1022))
    // (subnormals, E = 0, below 2^-1022).
    static std::uint32_t bin_of_rate(double rate_Hz) {
        return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(rate_Hz) >> 52);
    }
    static double bin_bound(std::uint32_t bin);
    void move(std::uint32_t site, std::uint32_t bin);
    void insert(std::uint32_t site, std::uint32_t bin);
    void remove(std::uint32_t site);

    // Per site, in one 16-byte entry (an update touches one cache line, not three).
    struct Entry {
        double rate_Hz = 0.0;
        std::uint32_t bin = no_bin;  // no_bin when the rate is 0
        std::uint32_t slot = 0;      // position in its bin's list
    };
    std::vector<Entry> entry_;
    std::vector<std::vector<std::uint32_t>> members_;
    std::uint32_t lowest_ = bins;  // bins in use lie in [lowest_, highest_]
    std::uint32_t highest_ = 0;
};

}  // namespace ionhop::engine
