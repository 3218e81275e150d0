// The interaction-trial selector of Simulation (see simulation.hpp and
// interaction_trial_bounds.hpp).
//
// With pair interactions the rate of hop i -> j is k = e_ij exp(+phi_i / 2kT) exp(-phi_j / 2kT).
// Each ion's bound exp(+phi_i / 2kT) W_i depends on its own field only, so a hop moves the
// bins of the ions whose field it changes (the interaction partners of its two ends) and
// nothing else: no sums over the neighbours' neighbours as in the site-rate bins. What the
// bound leaves out (an occupied target, the target's field) is paid for in rejected trials;
// choose_selector() measures that share on the starting state.
//
// A trial: one uniform picks the bin, the ion and (from what is left of it) the slot by
// Walker's alias method; a second is the gap to the next trial at the bound rate; a third,
// drawn only for an empty target, is the acceptance test. The waiting time is the sum of the
// gaps up to the accepted trial, -ln(product of the gap uniforms) / bound: exactly
// exponential with the total rate (thinning), one logarithm per event.
#include <cmath>
#include <limits>

#include "ionhop/engine/simulation.hpp"

namespace ionhop::engine {

namespace {
// Products of gap uniforms are folded into their logarithm before they can underflow.
constexpr double smallest_product = 1e-280;
}  // namespace

void Simulation::start_interaction_trials() {
    endpoint_class_rate_Hz_ = prepared_->endpoint_class_rates_Hz().data();
    patterns_ = &prepared_->site_patterns();
    trial_bounds_ = &prepared_->interaction_trial_bounds();
    trial_bins_ = LogWeightBins(table_.num_sites(), trial_bounds_->lowest_log_weight,
                                trial_bounds_->highest_log_weight);
    for (const std::uint32_t site : ion_site_) set_trial_weight(site);
    trial_bins_.prepare();
}

// An ion on a site without hops has no bound and is never drawn.
void Simulation::set_trial_weight(std::uint32_t site) {
    const double log_bound = trial_bounds_->log_bound_Hz[patterns_->pattern_of(site)];
    if (std::isfinite(log_bound)) trial_bins_.set(site, phi_eV_[site] * inverse_two_kT_ + log_bound);
}

double Simulation::interaction_trials_total_rate_Hz() const {
    double total = 0.0;
    for (const std::uint32_t from : ion_site_) {
        const std::uint32_t pattern = patterns_->pattern_of(from);
        const SitePatterns::Slot* slots = patterns_->slots(pattern);
        for (std::uint32_t k = 0; k < patterns_->degree(pattern); ++k) {
            const std::uint32_t to = SitePatterns::target(from, slots[k]);
            if (occupied_[to]) continue;
            total += endpoint_class_rate_Hz_[slots[k].rate_class] *
                     std::exp((phi_eV_[from] - phi_eV_[to]) * inverse_two_kT_);
        }
    }
    return total;
}

RunStatus Simulation::run_interaction_trials(double t_end_s, std::uint64_t max_events) {
    const InteractionTrialBounds& bounds = *trial_bounds_;
    const double inverse_two_kT = inverse_two_kT_;
    for (std::uint64_t done = 0; time_s_ < t_end_s; ++done) {
        if (done == max_events) return RunStatus::paused;
        if (trial_bins_.empty()) return RunStatus::frozen;
        trial_bins_.prepare();
        const double bound = trial_bins_.bound();
        double product = 1.0, log_product = 0.0;
        // A long run of rejections may mean that no ion can move: checked exactly (O(N))
        // after 64 + 8 N trials, then after twice as many, so the checks cost O(1) per trial.
        std::uint64_t trials = 0;
        std::uint64_t next_check = 64 + 8 * std::uint64_t{ion_site_.size()};
        std::uint32_t from = 0;
        const SitePatterns::Slot* hop = nullptr;
        for (;;) {
            if (++trials == next_check) {
                if (!(interaction_trials_total_rate_Hz() > 0.0)) return RunStatus::frozen;
                next_check *= 2;
            }
            const LogWeightBins::Pick pick = trial_bins_.pick(stream_.uniform_open01());
            from = pick.site;
            const std::uint32_t pattern = patterns_->pattern_of(from);
            const std::uint32_t degree = patterns_->degree(pattern);
            const double y = pick.fraction * degree;
            auto k = std::min(static_cast<std::uint32_t>(y), degree - 1);
            const std::size_t base = std::size_t{pattern} * bounds.stride;
            if (y - k >= bounds.alias_threshold[base + k]) k = bounds.alias_slot[base + k];
            hop = &patterns_->slots(pattern)[k];
            product *= stream_.uniform_open01();
            if (product < smallest_product) {
                log_product += std::log(product);
                product = 1.0;
            }
            const std::uint32_t to = SitePatterns::target(from, *hop);
            if (occupied_[to]) continue;
            const double log_acceptance = phi_eV_[from] * inverse_two_kT + bounds.log_bound_Hz[pattern] -
                                          pick.log_bound -
                                          (phi_eV_[to] - bounds.field_floor_eV[base + k]) * inverse_two_kT;
            if (stream_.uniform_open01() < std::exp(log_acceptance)) break;
        }
        const double wait_s = -(log_product + std::log(product)) / bound;
        if (time_s_ + wait_s >= t_end_s) {  // memoryless: discard the draw
            time_s_ = t_end_s;
            break;
        }
        time_s_ += wait_s;
        execute_interaction_trial_hop(from, *hop);
        ++events_;
    }
    return RunStatus::reached_time;
}

void Simulation::execute_interaction_trial_hop(std::uint32_t from, const SitePatterns::Slot& slot) {
    const std::uint32_t to = SitePatterns::target(from, slot);
    const std::uint32_t ion = move_ion(from, to);
    if (slot.shift != 0) shift_sum_A_[ion] += patterns_->shift_A(slot.shift);
    trial_bins_.remove(from);
    const std::uint32_t from_pairs = table_.pair_begin[from], from_pairs_end = table_.pair_begin[from + 1];
    const std::uint32_t to_pairs = table_.pair_begin[to], to_pairs_end = table_.pair_begin[to + 1];
    for (std::uint32_t k = from_pairs; k < from_pairs_end; ++k)
        phi_eV_[table_.pair_partner[k]] -= table_.pair_energy_eV[k];
    for (std::uint32_t k = to_pairs; k < to_pairs_end; ++k)
        phi_eV_[table_.pair_partner[k]] += table_.pair_energy_eV[k];
    set_trial_weight(to);
    for (std::uint32_t k = from_pairs; k < from_pairs_end; ++k) {
        const std::uint32_t p = table_.pair_partner[k];
        if (occupied_[p]) set_trial_weight(p);
    }
    for (std::uint32_t k = to_pairs; k < to_pairs_end; ++k) {
        const std::uint32_t p = table_.pair_partner[k];
        if (occupied_[p]) set_trial_weight(p);
    }
}

}  // namespace ionhop::engine
