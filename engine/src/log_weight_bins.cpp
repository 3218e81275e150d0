#include "ionhop/engine/log_weight_bins.hpp"

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

LogWeightBins::LogWeightBins(std::size_t sites, double lowest_log, double highest_log)
    : bin_(sites, no_bin), slot_(sites, 0) {
    if (!(lowest_log <= highest_log) || !std::isfinite(lowest_log) || !std::isfinite(highest_log)) {
        throw Error("LogWeightBins: the range of log-weights must be finite and ordered");
    }
    // One bin of margin on each side: a key computed at the edge of the range stays inside.
    lowest_key_ = key_of(lowest_log) - 1;
    const std::int32_t highest_key = key_of(highest_log) + 1;
    const auto count = static_cast<std::size_t>(highest_key - lowest_key_ + 1);
    members_.resize(count);
    bound_.resize(count);
    log_bound_.resize(count);
    for (std::size_t b = 0; b < count; ++b) {
        log_bound_[b] = (lowest_key_ + static_cast<double>(b) + 1.0) * (std::numbers::ln2 / bins_per_octave);
        bound_[b] = std::exp(log_bound_[b]);
    }
    used_.reserve(count);
    cumulative_.reserve(count);
}

void LogWeightBins::prepare() {
    if (!dirty_) return;
    dirty_ = false;
    used_.clear();
    cumulative_.clear();
    double sum = 0.0;
    for (std::uint32_t b = 0; b < members_.size(); ++b) {
        if (members_[b].empty()) continue;
        sum += static_cast<double>(members_[b].size()) * bound_[b];
        used_.push_back(b);
        cumulative_.push_back(sum);
    }
}

std::size_t LogWeightBins::memory_bytes() const {
    std::size_t bytes =
        (bin_.capacity() + slot_.capacity() + used_.capacity()) * sizeof(std::uint32_t) +
        (bound_.capacity() + log_bound_.capacity() + cumulative_.capacity()) * sizeof(double) +
        members_.capacity() * sizeof(members_[0]);
    for (const auto& list : members_) bytes += list.capacity() * sizeof(std::uint32_t);
    return bytes;
}

void LogWeightBins::save(StateArchive& archive, const std::string& prefix) const {
    std::vector<std::uint32_t> sizes(members_.size());
    std::vector<std::uint32_t> members;
    members.reserve(members_total_);
    for (std::size_t b = 0; b < members_.size(); ++b) {
        sizes[b] = static_cast<std::uint32_t>(members_[b].size());
        members.insert(members.end(), members_[b].begin(), members_[b].end());
    }
    archive.put(prefix + "bin_sizes", std::move(sizes));
    archive.put(prefix + "members", std::move(members));
}

void LogWeightBins::restore(const StateArchive& archive, const std::string& prefix,
                            const std::vector<double>& log_weight) {
    std::size_t expected = 0;
    for (const double x : log_weight) expected += std::isfinite(x);
    const auto& sizes = archive.get<std::uint32_t>(prefix + "bin_sizes", members_.size());
    const auto& members = archive.get<std::uint32_t>(prefix + "members", expected);
    for (auto& list : members_) list.clear();
    std::fill(bin_.begin(), bin_.end(), no_bin);
    members_total_ = 0;
    std::size_t next = 0;
    for (std::uint32_t b = 0; b < members_.size(); ++b) {
        for (std::uint32_t k = 0; k < sizes[b]; ++k, ++next) {
            const std::uint32_t site = next < members.size() ? members[next] : no_bin;
            if (site >= bin_.size() || bin_[site] != no_bin || !std::isfinite(log_weight[site]) ||
                bin_of(log_weight[site]) != b) {
                throw Error(archive.source() + ": entry '" + prefix +
                            "members' does not list each ion's site once, in the bin of its weight");
            }
            insert(site, b);
        }
    }
    if (next != expected) {
        throw Error(archive.source() + ": entry '" + prefix + "bin_sizes' does not add up to the ions");
    }
    dirty_ = true;
    prepare();
}

}  // namespace ionhop::engine
