#include "ionhop/engine/prepared_table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"

namespace ionhop::engine {

namespace {

// The distinct hop rates, when the rates are static and few enough; empty otherwise.
std::map<double, std::uint8_t> rate_classes(const HopTable& table) {
    std::map<double, std::uint8_t> classes;
    if (table.has_interactions()) return {};
    for (const double rate : table.hop_rate_Hz) {
        if (classes.count(rate)) continue;
        if (classes.size() == PreparedTable::max_rate_classes) return {};
        classes.emplace(rate, static_cast<std::uint8_t>(classes.size()));
    }
    return classes;
}

// exp() of more than this overflows a double: interactions that strong at this temperature
// cannot be represented by the factorised rates exp(-phi / 2kT).
constexpr double max_exponent = 700.0;

}  // namespace

PreparedTable::PreparedTable(const HopTable& table) : table_(table) {
    table_.validate();
    for (std::uint32_t s = 0; s < table_.num_sites(); ++s) {
        max_out_degree_ = std::max(max_out_degree_, table_.hop_begin[s + 1] - table_.hop_begin[s]);
    }
    if (table_.has_interactions()) {
        const double inverse_two_kT = 1.0 / (2.0 * units::thermal_energy_eV(table_.temperature_K));
        for (std::size_t s = 0; s < table_.num_sites(); ++s) {
            double bound = 0.0;
            for (std::uint32_t k = table_.pair_begin[s]; k < table_.pair_begin[s + 1]; ++k) {
                bound += std::abs(table_.pair_energy_eV[k]);
            }
            if (bound * inverse_two_kT > max_exponent) {
                throw Error("Simulation: pair interactions of site " + std::to_string(s) + " sum to " +
                            std::to_string(bound) + " eV, too strong to represent at " +
                            std::to_string(table_.temperature_K) + " K");
            }
        }
        endpoint_rate_Hz_.resize(table_.num_hops());
        for (std::size_t h = 0; h < table_.num_hops(); ++h) {
            endpoint_rate_Hz_[h] =
                table_.hop_rate_Hz[h] * std::exp(table_.hop_endpoint_pair_energy_eV[h] * inverse_two_kT);
        }
        if (!table_.has_exclusions()) fold_endpoint_rates();
    }
    const auto classes = rate_classes(table_);
    if (classes.empty()) return;
    class_rates_Hz_.resize(classes.size());
    for (const auto& [rate, k] : classes) class_rates_Hz_[k] = rate;
    const std::size_t hops = table_.num_hops();
    class_of_hop_.resize(hops);
    hop_reverse_.resize(hops);
    hop_source_.resize(hops);
    // Consecutive hops usually share a rate: look the map up only when it changes.
    double last_rate = -1.0;
    std::uint8_t last_class = 0;
    for (std::uint32_t s = 0; s < table_.num_sites(); ++s) {
        for (std::uint32_t h = table_.hop_begin[s]; h < table_.hop_begin[s + 1]; ++h) {
            if (table_.hop_rate_Hz[h] != last_rate) {
                last_rate = table_.hop_rate_Hz[h];
                last_class = classes.at(last_rate);
            }
            class_of_hop_[h] = last_class;
            hop_source_[h] = s;
            hop_reverse_[h] = table_.reverse_hop(s, h);  // validate() has checked that one exists
        }
    }
    reverse_class_of_hop_.resize(hops);
    for (std::size_t h = 0; h < hops; ++h) reverse_class_of_hop_[h] = class_of_hop_[hop_reverse_[h]];
    if (!table_.has_exclusions()) build_site_patterns(class_of_hop_, reverse_class_of_hop_);
}

void PreparedTable::fold_endpoint_rates() {
    std::map<double, std::uint8_t> classes;
    const std::size_t hops = table_.num_hops();
    std::vector<std::uint8_t> class_of_hop(hops);
    for (std::size_t h = 0; h < hops; ++h) {
        const auto [entry, added] =
            classes.emplace(endpoint_rate_Hz_[h], static_cast<std::uint8_t>(classes.size()));
        if (added && classes.size() > max_endpoint_classes) return;
        class_of_hop[h] = entry->second;
    }
    std::vector<std::uint8_t> reverse_class_of_hop(hops);
    for (std::uint32_t s = 0; s < table_.num_sites(); ++s) {
        for (std::uint32_t h = table_.hop_begin[s]; h < table_.hop_begin[s + 1]; ++h) {
            reverse_class_of_hop[h] = class_of_hop[table_.reverse_hop(s, h)];
        }
    }
    endpoint_class_rates_Hz_.resize(classes.size());
    for (const auto& [rate, k] : classes) endpoint_class_rates_Hz_[k] = rate;
    build_site_patterns(class_of_hop, reverse_class_of_hop);
    trial_bounds_ =
        make_interaction_trial_bounds(table_, site_patterns_, endpoint_class_rates_Hz_,
                                      1.0 / (2.0 * units::thermal_energy_eV(table_.temperature_K)));
}

void PreparedTable::build_site_patterns(const std::vector<std::uint8_t>& class_of_hop,
                                        const std::vector<std::uint8_t>& reverse_class_of_hop) {
    HopShifts shifts = find_hop_shifts(table_);
    site_patterns_ = SitePatterns(table_, class_of_hop, reverse_class_of_hop, shifts);
    walked_position_A_ = std::move(shifts.walked_position_A);
}

std::size_t PreparedTable::memory_bytes() const {
    return (class_rates_Hz_.capacity() + endpoint_rate_Hz_.capacity() + endpoint_class_rates_Hz_.capacity()) *
               sizeof(double) +
           class_of_hop_.capacity() + reverse_class_of_hop_.capacity() +
           (hop_reverse_.capacity() + hop_source_.capacity()) * sizeof(std::uint32_t) +
           site_patterns_.memory_bytes() + trial_bounds_.memory_bytes() +
           walked_position_A_.capacity() * sizeof(Eigen::Vector3d);
}

}  // namespace ionhop::engine
