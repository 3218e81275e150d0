#pragma once
// What the interaction-trial selector (simulation.hpp) needs of a table with pair
// interactions, computed once per table from its site patterns.
//
// The rate of hop i -> j is k = e_ij exp(+phi_i / 2kT) exp(-phi_j / 2kT), e_ij the endpoint
// rate (PreparedTable::endpoint_class_rates_Hz), phi the interaction field. While i is
// occupied, phi_j is never below the slot's field floor F: the pair energy with i plus every
// attractive pair of j. So k <= exp(+phi_i / 2kT) rho with rho = e_ij exp(-F / 2kT), a bound
// that depends on the source alone; a trial draws the source by exp(phi_i / 2kT) W
// (W = sum of its slots' rho), the slot by rho / W (Walker's alias method), and accepts
// with k / (exp(phi_i / 2kT) rho) = exp(-(phi_j - F) / 2kT) if j is empty.
#include <cstdint>
#include <vector>

#include "ionhop/engine/hop_table.hpp"
#include "ionhop/engine/site_patterns.hpp"

namespace ionhop::engine {

struct InteractionTrialBounds {
    std::uint32_t stride = 0;  // slots per pattern, as in SitePatterns
    // Per pattern slot (pattern * stride + slot):
    std::vector<double> field_floor_eV;   // F above
    std::vector<double> alias_threshold;  // keep the slot if the alias fraction is below
    std::vector<std::uint32_t> alias_slot;
    // Per pattern: ln W (W in Hz).
    std::vector<double> log_bound_Hz;
    // ln of exp(phi_s / 2kT) W over every site and every field it can have.
    double lowest_log_weight = 0.0;
    double highest_log_weight = 0.0;

    bool empty() const { return log_bound_Hz.empty(); }
    std::size_t memory_bytes() const;
};

// endpoint_class_rates_Hz indexes the patterns' rate classes; inverse_two_kT in 1/eV.
InteractionTrialBounds make_interaction_trial_bounds(const HopTable& table, const SitePatterns& patterns,
                                                     const std::vector<double>& endpoint_class_rates_Hz,
                                                     double inverse_two_kT);

}  // namespace ionhop::engine
