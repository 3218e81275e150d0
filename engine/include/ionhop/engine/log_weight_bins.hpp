#pragma once
// Composition-rejection over sites by the logarithm of a weight bound: a site with
// log-weight x (natural log) sits in bin key = floor(x * bins_per_octave / ln 2), whose bound
// is U_key = 2^((key + 1) / bins_per_octave) >= e^x. A bin is drawn with probability
// count * U / sum, then a member uniformly; the caller accepts with e^x / U times whatever
// else its proposal bounds (Slepoy, Thompson, Plimpton, J. Chem. Phys. 128, 205101 (2008)).
//
// Keys come from the log-weight without an exponential, so moving a site between bins costs
// a multiply and a floor; four bins per octave leave e^x / U in [0.84, 1] (0.92 on
// average for log-uniform weights), against [0.5, 1] for bins of binary exponents.
// The cumulative bin weights are rebuilt once after the changes of an event (a few dozen
// bins), so every trial costs a binary search over them.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

#include "ionhop/engine/state_archive.hpp"

namespace ionhop::engine {

class LogWeightBins {
public:
    static constexpr int bins_per_octave = 4;

    struct Pick {
        std::uint32_t site;
        double log_bound;  // ln U of the site's bin
        double fraction;   // what is left of the uniform, uniform on [0, 1), for the caller
    };

    LogWeightBins() = default;
    // Sites 0..sites-1; every log-weight passed to set() lies in [lowest_log, highest_log].
    LogWeightBins(std::size_t sites, double lowest_log, double highest_log);

    static std::int32_t key_of(double log_weight) {
        return static_cast<std::int32_t>(std::floor(log_weight * (bins_per_octave / std::numbers::ln2)));
    }

    // Puts the site in the bin of `log_weight` (moving it if its bin differs).
    void set(std::uint32_t site, double log_weight) {
        const std::uint32_t bin = bin_of(log_weight);
        const std::uint32_t old = bin_[site];
        if (bin == old) return;
        if (old != no_bin) remove_from(site, old);
        insert(site, bin);
    }
    void remove(std::uint32_t site) {
        if (bin_[site] != no_bin) remove_from(site, bin_[site]);
    }
    // Fetches what set() and remove() of this site read first.
    void prefetch_site(std::uint32_t site) const {
        __builtin_prefetch(&bin_[site]);
        __builtin_prefetch(&slot_[site]);
    }
    bool empty() const { return members_total_ == 0; }

    // Sum over bins of count * U: the rate of the proposals. Valid after prepare().
    double bound() const { return cumulative_.empty() ? 0.0 : cumulative_.back(); }
    // Rebuilds the cumulative weights if anything moved since the last call.
    void prepare();
    struct Place {
        std::uint32_t bin;
        std::size_t member;
        double scaled;  // position in the bin in units of its bound, in [member, member + 1)
    };
    // u uniform on [0, 1); requires !empty() and prepare() after the last change.
    Place locate(double u) const {
        const double target = u * cumulative_.back();
        const auto k = static_cast<std::size_t>(std::min<std::ptrdiff_t>(
            std::upper_bound(cumulative_.begin(), cumulative_.end(), target) - cumulative_.begin(),
            static_cast<std::ptrdiff_t>(used_.size()) - 1));
        const std::uint32_t bin = used_[k];
        const double scaled = std::max(0.0, (target - (k == 0 ? 0.0 : cumulative_[k - 1])) / bound_[bin]);
        return {bin, std::min(members_[bin].size() - 1, static_cast<std::size_t>(scaled)), scaled};
    }
    Pick pick(const Place& place) const {
        return {members_[place.bin][place.member], log_bound_[place.bin],
                std::min(place.scaled - static_cast<double>(place.member), 0x1.fffffffffffffp-1)};
    }
    Pick pick(double u) const { return pick(locate(u)); }
    // Fetches the list entry pick(place) will read (the hot loop knows its coming uniforms).
    void prefetch(const Place& place) const { __builtin_prefetch(&members_[place.bin][place.member]); }

    std::size_t memory_bytes() const;
    // Bin of every site and the order of every bin's list (selection depends on it).
    void save(StateArchive& archive, const std::string& prefix) const;
    // ionhop::Error naming the entry if the archive does not list exactly the sites with a
    // finite log_weight[site] (NaN: not a member), each once, in the bin of its weight.
    void restore(const StateArchive& archive, const std::string& prefix,
                 const std::vector<double>& log_weight);

private:
    static constexpr std::uint32_t no_bin = 0xFFFFFFFFu;

    std::uint32_t bin_of(double log_weight) const {
        const std::int32_t key = std::clamp(key_of(log_weight), lowest_key_,
                                            lowest_key_ + static_cast<std::int32_t>(members_.size()) - 1);
        return static_cast<std::uint32_t>(key - lowest_key_);
    }
    void insert(std::uint32_t site, std::uint32_t bin) {
        auto& list = members_[bin];
        bin_[site] = bin;
        slot_[site] = static_cast<std::uint32_t>(list.size());
        list.push_back(site);
        ++members_total_;
        dirty_ = true;
    }
    void remove_from(std::uint32_t site, std::uint32_t bin) {
        auto& list = members_[bin];
        const std::uint32_t last = list.back();
        list[slot_[site]] = last;
        slot_[last] = slot_[site];
        list.pop_back();
        bin_[site] = no_bin;
        --members_total_;
        dirty_ = true;
    }

    std::int32_t lowest_key_ = 0;
    std::vector<std::uint32_t> bin_;   // per site: bin index, no_bin when not a member
    std::vector<std::uint32_t> slot_;  // per site: position in its bin's list
    std::vector<std::vector<std::uint32_t>> members_;
    std::vector<double> bound_;      // U of each bin
    std::vector<double> log_bound_;  // ln U of each bin
    std::size_t members_total_ = 0;
    bool dirty_ = true;
    std::vector<std::uint32_t> used_;  // non-empty bins, ascending, as of prepare()
    std::vector<double> cumulative_;   // their running sums of count * U
};

}  // namespace ionhop::engine
