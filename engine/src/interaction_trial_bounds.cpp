#include "ionhop/engine/interaction_trial_bounds.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ionhop::engine {

namespace {

// Walker's alias table over `weights` (Vose's construction, Vose, IEEE Trans. Softw. Eng.
// 17, 972 (1991)): slot k is kept with probability threshold[k], else alias[k] is taken.
void build_alias(const double* weights, std::uint32_t count, double* threshold, std::uint32_t* alias) {
    double total = 0.0;
    for (std::uint32_t k = 0; k < count; ++k) total += weights[k];
    std::vector<double> scaled(count);
    std::vector<std::uint32_t> small, large;
    for (std::uint32_t k = 0; k < count; ++k) {
        scaled[k] = weights[k] * count / total;
        (scaled[k] < 1.0 ? small : large).push_back(k);
        alias[k] = k;
        threshold[k] = 1.0;
    }
    while (!small.empty() && !large.empty()) {
        const std::uint32_t s = small.back(), l = large.back();
        small.pop_back();
        threshold[s] = scaled[s];
        alias[s] = l;
        scaled[l] -= 1.0 - scaled[s];
        if (scaled[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
    // What is left holds probability 1 up to rounding: kept always.
    for (const std::uint32_t k : small) threshold[k] = 1.0;
    for (const std::uint32_t k : large) threshold[k] = 1.0;
}

}  // namespace

std::size_t InteractionTrialBounds::memory_bytes() const {
    return (field_floor_eV.capacity() + alias_threshold.capacity() + log_bound_Hz.capacity()) *
               sizeof(double) +
           alias_slot.capacity() * sizeof(std::uint32_t);
}

InteractionTrialBounds make_interaction_trial_bounds(const HopTable& table, const SitePatterns& patterns,
                                                     const std::vector<double>& endpoint_class_rates_Hz,
                                                     double inverse_two_kT) {
    InteractionTrialBounds bounds;
    const auto n = static_cast<std::uint32_t>(table.num_sites());
    const std::size_t pattern_count = patterns.num_patterns();
    for (std::size_t p = 0; p < pattern_count; ++p)
        bounds.stride = std::max(bounds.stride, patterns.degree(static_cast<std::uint32_t>(p)));
    const std::size_t slots = pattern_count * bounds.stride;
    bounds.field_floor_eV.assign(slots, std::numeric_limits<double>::infinity());
    // The field floor of a slot: the lowest over the pattern's sites.
    for (std::uint32_t s = 0; s < n; ++s) {
        const std::uint32_t pattern = patterns.pattern_of(s);
        for (std::uint32_t k = 0; k < patterns.degree(pattern); ++k) {
            const std::uint32_t t = table.hop_target[table.hop_begin[s] + k];
            double floor_eV = 0.0;
            for (std::uint32_t e = table.pair_begin[t]; e < table.pair_begin[t + 1]; ++e) {
                const double v = table.pair_energy_eV[e];
                if (table.pair_partner[e] == s || v < 0.0) floor_eV += v;
            }
            double& slot_floor = bounds.field_floor_eV[std::size_t{pattern} * bounds.stride + k];
            slot_floor = std::min(slot_floor, floor_eV);
        }
    }
    bounds.alias_threshold.assign(slots, 1.0);
    bounds.alias_slot.assign(slots, 0);
    bounds.log_bound_Hz.resize(pattern_count);
    std::vector<double> rho(bounds.stride);
    for (std::uint32_t p = 0; p < pattern_count; ++p) {
        const SitePatterns::Slot* slot = patterns.slots(p);
        const std::size_t base = std::size_t{p} * bounds.stride;
        double total = 0.0;
        for (std::uint32_t k = 0; k < patterns.degree(p); ++k) {
            rho[k] = endpoint_class_rates_Hz[slot[k].rate_class] *
                     std::exp(-bounds.field_floor_eV[base + k] * inverse_two_kT);
            total += rho[k];
        }
        bounds.log_bound_Hz[p] = total > 0.0 ? std::log(total) : -std::numeric_limits<double>::infinity();
        if (patterns.degree(p) > 0)
            build_alias(rho.data(), patterns.degree(p), &bounds.alias_threshold[base],
                        &bounds.alias_slot[base]);
    }
    bounds.lowest_log_weight = std::numeric_limits<double>::infinity();
    bounds.highest_log_weight = -std::numeric_limits<double>::infinity();
    for (std::uint32_t s = 0; s < n; ++s) {
        const double log_bound = bounds.log_bound_Hz[patterns.pattern_of(s)];
        if (!std::isfinite(log_bound)) continue;
        double attractive = 0.0, repulsive = 0.0;
        for (std::uint32_t e = table.pair_begin[s]; e < table.pair_begin[s + 1]; ++e) {
            (table.pair_energy_eV[e] < 0.0 ? attractive : repulsive) += table.pair_energy_eV[e];
        }
        bounds.lowest_log_weight =
            std::min(bounds.lowest_log_weight, attractive * inverse_two_kT + log_bound);
        bounds.highest_log_weight =
            std::max(bounds.highest_log_weight, repulsive * inverse_two_kT + log_bound);
    }
    if (bounds.lowest_log_weight > bounds.highest_log_weight)
        bounds.lowest_log_weight = bounds.highest_log_weight = 0.0;
    return bounds;
}

}  // namespace ionhop::engine
