#pragma once
// What the interaction-trial selector (simulation.hpp) needs of a table with pair
// interactions, computed once per table from its site patterns.
//
// The rate of hop i -> j is k = e_ij exp(+phi_i / 2kT) exp(-phi_j / 2kT), e_ij the endpoint
// rate (PreparedTable::endpoint_class_rates_Hz), phi the interaction field. While i is
// occupied, phi_j is never below the slot's field floor F: the pair energy with i plus every
// attractive pair of j. So k <= exp(+phi_i / 2kT) rho with rho = e_ij exp(-F / 2kT), a bound
// that depends on the source alone. A trial draws an ion by exp(phi_i / 2kT) W_i, W_i the
// sum of rho over its slots whose target is empty (a bit mask per site, kept as ions move),
// the slot by rho / W_i, and accepts with k / (exp(phi_i / 2kT) rho) = exp(-(phi_j - F) / 2kT).
#include <cmath>
#include <cstdint>
#include <vector>

#include "ionhop/engine/hop_table.hpp"
#include "ionhop/engine/site_patterns.hpp"

namespace ionhop::engine {

struct InteractionTrialBounds {
    static constexpr std::uint32_t max_slots = 32;  // bits of a site's mask of empty targets

    std::uint32_t stride = 0;  // slots per pattern, as in SitePatterns
    // Per pattern slot (pattern * stride + slot):
    std::vector<double> field_floor_eV;  // F above
    std::vector<double> slot_bound_Hz;   // rho above
    // Slot of the target's pattern that hops back: the same for every site of a pattern
    // (make_interaction_trial_bounds checks it), so masks are kept without the hop table.
    std::vector<std::uint8_t> reverse_slot;
    // ln W for every pattern and mask, when patterns * 2^stride is small (a table of
    // (pattern << stride) | mask); empty otherwise, and computed on the fly.
    std::vector<double> log_mask_bound_Hz;
    // Every site's interaction partners are exactly its hop targets, each once, with a pair
    // energy that is the same for every site of a pattern (nearest-neighbour interactions):
    // a hop then changes no field beyond the sites whose masks it changes, and the fields
    // are updated from the patterns (slot_pair_energy_eV) without reading the pair lists.
    bool partners_are_hop_targets = false;
    std::vector<double> slot_pair_energy_eV;  // per pattern slot, when partners_are_hop_targets
    // ln of exp(phi_s / 2kT) W over every site and every field and mask it can have.
    double lowest_log_weight = 0.0;
    double highest_log_weight = 0.0;

    bool empty() const { return slot_bound_Hz.empty(); }
    std::size_t memory_bytes() const;
    // ln W of a pattern's slots in `mask` (-infinity for an empty mask).
    double log_bound_Hz(std::uint32_t pattern, std::uint32_t mask) const {
        return log_mask_bound_Hz.empty() ? std::log(bound_Hz(pattern, mask)) : from_table(pattern, mask);
    }
    // The same when bound_Hz(pattern, mask) is known already.
    double log_bound_Hz(std::uint32_t pattern, std::uint32_t mask, double known_bound_Hz) const {
        return log_mask_bound_Hz.empty() ? std::log(known_bound_Hz) : from_table(pattern, mask);
    }
    double bound_Hz(std::uint32_t pattern, std::uint32_t mask) const {
        const double* rho = &slot_bound_Hz[std::size_t{pattern} * stride];
        double total = 0.0;
        for (; mask != 0; mask &= mask - 1) total += rho[__builtin_ctz(mask)];
        return total;
    }

private:
    double from_table(std::uint32_t pattern, std::uint32_t mask) const {
        return log_mask_bound_Hz[(std::size_t{pattern} << stride) | mask];
    }
};

// endpoint_class_rates_Hz indexes the patterns' rate classes; inverse_two_kT in 1/eV. Empty
// bounds (the selector does not serve the table) when a site has more than max_slots hops
// or the slots back differ between sites of one pattern.
InteractionTrialBounds make_interaction_trial_bounds(const HopTable& table, const SitePatterns& patterns,
                                                     const std::vector<double>& endpoint_class_rates_Hz,
                                                     double inverse_two_kT);

}  // namespace ionhop::engine
