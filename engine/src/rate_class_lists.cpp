#include "ionhop/engine/rate_class_lists.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

RateClassLists::RateClassLists(std::vector<double> class_rates_Hz,
                               const std::vector<std::uint8_t>& class_of_hop)
    : class_rates_Hz_(std::move(class_rates_Hz)), class_of_hop_(class_of_hop.data()) {
    const std::size_t classes = class_rates_Hz_.size();
    if (classes == 0 || classes > 256) throw Error("RateClassLists: needs 1 to 256 rate classes");
    std::vector<std::uint32_t> size(classes, 0);
    for (const std::uint8_t k : class_of_hop) {
        if (k >= classes) throw Error("RateClassLists: a hop names an unknown rate class");
        ++size[k];
    }
    begin_.assign(classes, 0);
    for (std::size_t k = 1; k < classes; ++k) begin_[k] = begin_[k - 1] + size[k - 1];
    count_.assign(classes, 0);
    members_.assign(class_of_hop.size(), inactive);
    position_.assign(class_of_hop.size(), inactive);
}

double RateClassLists::total_Hz() const {
    double total = 0.0;
    for (std::size_t k = 0; k < count_.size(); ++k) total += count_[k] * class_rates_Hz_[k];
    return total;
}

std::uint32_t RateClassLists::select(double target) const {
    std::size_t chosen = count_.size();
    for (std::size_t k = 0; k < count_.size(); ++k) {
        if (count_[k] == 0) continue;
        chosen = k;
        const double weight = count_[k] * class_rates_Hz_[k];
        if (target < weight) break;
        target -= weight;  // rounding may overshoot the last class: clamped below
    }
    const auto index = std::min<double>(std::floor(target / class_rates_Hz_[chosen]), count_[chosen] - 1.0);
    return members_[begin_[chosen] + static_cast<std::uint32_t>(std::max(index, 0.0))];
}

std::size_t RateClassLists::memory_bytes() const {
    return (begin_.capacity() + count_.capacity() + members_.capacity() + position_.capacity()) *
               sizeof(std::uint32_t) +
           class_rates_Hz_.capacity() * sizeof(double);
}

void RateClassLists::save(StateArchive& archive, const std::string& prefix) const {
    archive.put(prefix + "count", count_);
    archive.put(prefix + "members", members_);
    archive.put(prefix + "position", position_);
}

void RateClassLists::restore(const StateArchive& archive, const std::string& prefix) {
    count_ = archive.get<std::uint32_t>(prefix + "count", count_.size());
    members_ = archive.get<std::uint32_t>(prefix + "members", members_.size());
    position_ = archive.get<std::uint32_t>(prefix + "position", position_.size());
    for (std::size_t k = 0; k < count_.size(); ++k) {
        const std::uint32_t end =
            k + 1 < begin_.size() ? begin_[k + 1] : static_cast<std::uint32_t>(members_.size());
        if (count_[k] > end - begin_[k])
            throw Error(archive.source() + ": rate-class lists do not fit the table");
        for (std::uint32_t slot = begin_[k]; slot < begin_[k] + count_[k]; ++slot) {
            const std::uint32_t hop = members_[slot];
            if (hop >= position_.size() || position_[hop] != slot || class_of_hop_[hop] != k)
                throw Error(archive.source() + ": rate-class lists do not fit the table");
        }
    }
}

}  // namespace ionhop::engine
