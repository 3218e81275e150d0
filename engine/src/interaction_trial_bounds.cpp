#include "ionhop/engine/interaction_trial_bounds.hpp"

#include <algorithm>
#include <limits>

namespace ionhop::engine {

namespace {
constexpr std::size_t max_mask_table = std::size_t{1} << 16;  // entries of log_mask_bound_Hz
constexpr std::uint8_t unknown_slot = 0xFF;

// Fills slot_pair_energy_eV; false unless every site's pair partners are its hop targets,
// each once, with the same energy on each slot of a pattern.
bool partners_match_slots(const HopTable& table, const SitePatterns& patterns,
                          InteractionTrialBounds& bounds) {
    bounds.slot_pair_energy_eV.assign(patterns.num_patterns() * std::size_t{bounds.stride},
                                      std::numeric_limits<double>::quiet_NaN());
    for (std::uint32_t s = 0; s < table.num_sites(); ++s) {
        const std::uint32_t begin = table.hop_begin[s], degree = table.hop_begin[s + 1] - begin;
        if (table.pair_begin[s + 1] - table.pair_begin[s] != degree) return false;
        const std::size_t base = std::size_t{patterns.pattern_of(s)} * bounds.stride;
        std::uint32_t seen = 0;
        for (std::uint32_t e = table.pair_begin[s]; e < table.pair_begin[s + 1]; ++e) {
            std::uint32_t k = 0;
            while (k < degree && table.hop_target[begin + k] != table.pair_partner[e]) ++k;
            if (k == degree || (seen >> k & 1u)) return false;
            seen |= 1u << k;
            double& energy = bounds.slot_pair_energy_eV[base + k];
            if (std::isnan(energy)) energy = table.pair_energy_eV[e];
            if (energy != table.pair_energy_eV[e]) return false;
        }
    }
    return true;
}

}  // namespace

std::size_t InteractionTrialBounds::memory_bytes() const {
    return (field_floor_eV.capacity() + slot_pair_energy_eV.capacity() + slot_bound_Hz.capacity() +
            log_mask_bound_Hz.capacity()) *
               sizeof(double) +
           reverse_slot.capacity();
}

InteractionTrialBounds make_interaction_trial_bounds(const HopTable& table, const SitePatterns& patterns,
                                                     const std::vector<double>& endpoint_class_rates_Hz,
                                                     double inverse_two_kT) {
    InteractionTrialBounds bounds;
    const auto n = static_cast<std::uint32_t>(table.num_sites());
    const auto pattern_count = static_cast<std::uint32_t>(patterns.num_patterns());
    for (std::uint32_t p = 0; p < pattern_count; ++p)
        bounds.stride = std::max(bounds.stride, patterns.degree(p));
    if (bounds.stride > InteractionTrialBounds::max_slots) return {};
    const std::size_t slots = std::size_t{pattern_count} * bounds.stride;
    bounds.field_floor_eV.assign(slots, std::numeric_limits<double>::infinity());
    bounds.reverse_slot.assign(slots, unknown_slot);
    for (std::uint32_t s = 0; s < n; ++s) {
        const std::uint32_t pattern = patterns.pattern_of(s);
        for (std::uint32_t k = 0; k < patterns.degree(pattern); ++k) {
            const std::uint32_t h = table.hop_begin[s] + k;
            const std::uint32_t t = table.hop_target[h];
            // The field floor of a slot: the lowest over the pattern's sites.
            double floor_eV = 0.0;
            for (std::uint32_t e = table.pair_begin[t]; e < table.pair_begin[t + 1]; ++e) {
                const double v = table.pair_energy_eV[e];
                if (table.pair_partner[e] == s || v < 0.0) floor_eV += v;
            }
            const std::size_t slot = std::size_t{pattern} * bounds.stride + k;
            bounds.field_floor_eV[slot] = std::min(bounds.field_floor_eV[slot], floor_eV);
            const auto back = static_cast<std::uint8_t>(table.reverse_hop(s, h) - table.hop_begin[t]);
            if (bounds.reverse_slot[slot] == unknown_slot) bounds.reverse_slot[slot] = back;
            if (bounds.reverse_slot[slot] != back) return {};
        }
    }
    bounds.slot_bound_Hz.assign(slots, 0.0);
    for (std::uint32_t p = 0; p < pattern_count; ++p) {
        const SitePatterns::Slot* slot = patterns.slots(p);
        for (std::uint32_t k = 0; k < patterns.degree(p); ++k) {
            const std::size_t i = std::size_t{p} * bounds.stride + k;
            bounds.slot_bound_Hz[i] = endpoint_class_rates_Hz[slot[k].rate_class] *
                                      std::exp(-bounds.field_floor_eV[i] * inverse_two_kT);
        }
    }
    if (bounds.stride < 16 && (std::size_t{pattern_count} << bounds.stride) <= max_mask_table) {
        bounds.log_mask_bound_Hz.resize(std::size_t{pattern_count} << bounds.stride);
        for (std::uint32_t p = 0; p < pattern_count; ++p) {
            for (std::uint32_t mask = 0; mask < (1u << bounds.stride); ++mask) {
                bounds.log_mask_bound_Hz[(std::size_t{p} << bounds.stride) | mask] =
                    std::log(bounds.bound_Hz(p, mask));
            }
        }
    }
    bounds.partners_are_hop_targets = partners_match_slots(table, patterns, bounds);
    if (!bounds.partners_are_hop_targets) bounds.slot_pair_energy_eV.clear();
    // The lowest weight has the fewest empty targets: the cheapest slot alone.
    bounds.lowest_log_weight = std::numeric_limits<double>::infinity();
    bounds.highest_log_weight = -std::numeric_limits<double>::infinity();
    for (std::uint32_t s = 0; s < n; ++s) {
        const std::uint32_t pattern = patterns.pattern_of(s);
        const std::uint32_t degree = patterns.degree(pattern);
        if (degree == 0) continue;
        const double* rho = &bounds.slot_bound_Hz[std::size_t{pattern} * bounds.stride];
        const double cheapest = *std::min_element(rho, rho + degree);
        double attractive = 0.0, repulsive = 0.0;
        for (std::uint32_t e = table.pair_begin[s]; e < table.pair_begin[s + 1]; ++e) {
            (table.pair_energy_eV[e] < 0.0 ? attractive : repulsive) += table.pair_energy_eV[e];
        }
        const double all = std::log(bounds.bound_Hz(pattern, degree == 32 ? ~0u : (1u << degree) - 1));
        bounds.lowest_log_weight =
            std::min(bounds.lowest_log_weight, attractive * inverse_two_kT + std::log(cheapest));
        bounds.highest_log_weight = std::max(bounds.highest_log_weight, repulsive * inverse_two_kT + all);
    }
    if (!(bounds.lowest_log_weight <= bounds.highest_log_weight))
        bounds.lowest_log_weight = bounds.highest_log_weight = 0.0;
    return bounds;
}

}  // namespace ionhop::engine
