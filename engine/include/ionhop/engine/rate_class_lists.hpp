#pragma once
// Event selection when hop rates take few distinct values (site exclusion, a few hop
// classes, no interactions): the allowed hops of each rate class sit in a list, a class
// is chosen with probability count_k * rate_k / total and a member uniformly inside it
// (composition method; Slepoy, Thompson, Plimpton, J. Chem. Phys. 128, 205101 (2008),
// here without rejection since all members of a class share one rate). O(classes) per
// selection, O(1) per activation; totals are counts times rates, so nothing drifts.
#include <cstdint>
#include <string>
#include <vector>

#include "ionhop/engine/state_archive.hpp"

namespace ionhop::engine {

class RateClassLists {
public:
    static constexpr std::uint32_t inactive = 0xFFFFFFFFu;

    RateClassLists() = default;
    // class_of_hop[h] indexes class_rates_Hz; every hop starts inactive. class_of_hop is
    // shared between replicas and must outlive this object.
    RateClassLists(std::vector<double> class_rates_Hz, const std::vector<std::uint8_t>& class_of_hop);

    bool active(std::uint32_t hop) const { return position_[hop] != inactive; }
    void activate(std::uint32_t hop) {
        const std::uint8_t k = class_of_hop_[hop];
        const std::uint32_t slot = begin_[k] + count_[k]++;
        members_[slot] = hop;
        position_[hop] = slot;
    }
    void deactivate(std::uint32_t hop) {
        const std::uint8_t k = class_of_hop_[hop];
        const std::uint32_t slot = position_[hop];
        const std::uint32_t last = members_[begin_[k] + --count_[k]];
        members_[slot] = last;
        position_[last] = slot;
        position_[hop] = inactive;
    }

    double total_Hz() const;
    // Active hop for 0 <= target < total_Hz(): the class by cumulative weight, then the
    // member floor(remainder / rate) of that class.
    std::uint32_t select(double target) const;
    std::size_t memory_bytes() const;

    // The lists in their order (selection depends on it) under `prefix`; restore needs
    // lists built for the same hops (ionhop::Error otherwise).
    void save(StateArchive& archive, const std::string& prefix) const;
    void restore(const StateArchive& archive, const std::string& prefix);

private:
    std::vector<double> class_rates_Hz_;
    const std::uint8_t* class_of_hop_ = nullptr;  // shared, not owned
    std::vector<std::uint32_t> begin_;            // first slot of each class in members_
    std::vector<std::uint32_t> count_;            // active members of each class
    std::vector<std::uint32_t> members_;
    std::vector<std::uint32_t> position_;  // slot of each hop, or inactive
};

}  // namespace ionhop::engine
