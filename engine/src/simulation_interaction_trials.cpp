// The interaction-trial selector of Simulation (see simulation.hpp and
// interaction_trial_bounds.hpp).
//
// With pair interactions the rate of hop i -> j is k = e_ij exp(+phi_i / 2kT) exp(-phi_j / 2kT).
// Each ion's bound exp(+phi_i / 2kT) W_i depends on its own field and on which of its
// targets are empty, so a hop moves the bins of the ions next to its two ends and of their
// interaction partners, and nothing else: no sums over the neighbours' neighbours as in the
// site-rate bins. What the bound leaves out, the target's field, is paid for in rejected
// trials; choose_selector() measures that share on the starting state.
//
// A trial takes two uniforms. The first picks the bin and the ion; what is left of it picks
// the slot among the ion's empty targets by its bound rate, and what is left then is the
// acceptance test (as the ion trials split theirs: each remainder is uniform and independent
// of what was decided). The second is the gap to the next trial at the bound rate: the
// waiting time is -ln(product of the gaps' uniforms) / bound, exactly exponential with the
// total rate (thinning), with one logarithm per event. With two uniforms per trial the
// coming trials' ions are known in advance, and their memory is fetched while this trial runs.
#include <cmath>
#include <limits>

#include "ionhop/engine/exp_bracket.hpp"
#include "ionhop/engine/simulation.hpp"

namespace ionhop::engine {

namespace {
// Products of gap uniforms are folded into their logarithm before they can underflow.
constexpr double smallest_product = 1e-280;
}  // namespace

std::uint32_t Simulation::empty_target_mask(std::uint32_t site) const {
    const std::uint32_t pattern = patterns_->pattern_of(site);
    const SitePatterns::Slot* slots = patterns_->slots(pattern);
    std::uint32_t mask = 0;
    for (std::uint32_t k = 0; k < patterns_->degree(pattern); ++k) {
        if (!occupied_[SitePatterns::target(site, slots[k])]) mask |= 1u << k;
    }
    return mask;
}

std::vector<double> Simulation::trial_log_weights() const {
    std::vector<double> log_weight(table_.num_sites(), std::numeric_limits<double>::quiet_NaN());
    for (const std::uint32_t site : ion_site_) {
        if (trial_mask_[site] != 0) log_weight[site] = trial_log_weight(site);
    }
    return log_weight;
}

void Simulation::start_interaction_trials() {
    endpoint_class_rate_Hz_ = prepared_->endpoint_class_rates_Hz().data();
    patterns_ = &prepared_->site_patterns();
    trial_bounds_ = &prepared_->interaction_trial_bounds();
    const std::size_t n = table_.num_sites();
    trial_bins_ = LogWeightBins(n, trial_bounds_->lowest_log_weight, trial_bounds_->highest_log_weight);
    trial_mask_.resize(n);
    for (std::uint32_t site = 0; site < n; ++site) trial_mask_[site] = empty_target_mask(site);
    for (const std::uint32_t site : ion_site_) set_trial_weight(site);
    trial_bins_.prepare();
}

// An ion with no empty target has no bound and is never drawn: bins empty = frozen.
void Simulation::set_trial_weight(std::uint32_t site) {
    const std::uint32_t mask = trial_mask_[site];
    if (mask == 0) {
        trial_bins_.remove(site);
        return;
    }
    trial_bins_.set(site, trial_log_weight(site));
}

double Simulation::trial_log_weight(std::uint32_t site) const {
    return phi_eV_[site] * inverse_two_kT_ +
           trial_bounds_->log_bound_Hz(patterns_->pattern_of(site), trial_mask_[site]);
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
        std::uint64_t trials = 0;
        std::uint32_t from = 0;
        const SitePatterns::Slot* hop = nullptr;
        // Where the coming trials' ions sit in the bins: this trial's first uniform is the
        // next draw, the next trial's two draws later (the bins do not change in between).
        const auto place_ahead = [&](int draws) {
            return trial_bins_.locate(RandomStream::to_open01(stream_.peek_u64(draws)));
        };
        LogWeightBins::Place current = place_ahead(0);
        LogWeightBins::Place next = place_ahead(2);
        for (;;) {
            // Two trials ahead: fetch its list entry; one ahead: its ion's mask, field,
            // pattern and the fields of its targets.
            const LogWeightBins::Place after_next = place_ahead(4);
            trial_bins_.prefetch(after_next);
            const std::uint32_t next_site = trial_bins_.pick(next).site;
            __builtin_prefetch(&trial_mask_[next_site]);
            __builtin_prefetch(&phi_eV_[next_site]);
            {
                const std::uint32_t next_pattern = patterns_->pattern_of(next_site);
                const SitePatterns::Slot* next_slots = patterns_->slots(next_pattern);
                for (std::uint32_t k = 0; k < patterns_->degree(next_pattern); ++k)
                    __builtin_prefetch(&phi_eV_[SitePatterns::target(next_site, next_slots[k])]);
            }

            ++trials;
            stream_.next_u64();  // the uniform `current` was placed with
            const LogWeightBins::Pick pick = trial_bins_.pick(current);
            current = next;
            next = after_next;
            product *= stream_.uniform_open01();
            if (product < smallest_product) {
                log_product += std::log(product);
                product = 1.0;
            }
            from = pick.site;
            const std::uint32_t pattern = patterns_->pattern_of(from);
            const std::uint32_t mask = trial_mask_[from];
            const double* rho = &bounds.slot_bound_Hz[std::size_t{pattern} * bounds.stride];
            // The slot: walk the empty targets' bound rates to the uniform's remainder.
            const double bound_Hz = bounds.bound_Hz(pattern, mask);
            double remaining = pick.fraction * bound_Hz;
            std::uint32_t k = 0;
            for (std::uint32_t bits = mask; bits != 0; bits &= bits - 1) {
                k = static_cast<std::uint32_t>(__builtin_ctz(bits));
                if (remaining < rho[k] || (bits & (bits - 1)) == 0) break;
                remaining -= rho[k];
            }
            const double acceptance_uniform =
                std::min(std::max(remaining / rho[k], 0.0), 0x1.fffffffffffffp-1);
            hop = &patterns_->slots(pattern)[k];
            const std::uint32_t to = SitePatterns::target(from, *hop);
            const double log_acceptance =
                phi_eV_[from] * inverse_two_kT + bounds.log_bound_Hz(pattern, mask, bound_Hz) -
                pick.log_bound -
                (phi_eV_[to] - bounds.field_floor_eV[std::size_t{pattern} * bounds.stride + k]) *
                    inverse_two_kT;
            if (below_exp(acceptance_uniform, log_acceptance)) break;
        }
        trials_ += trials;
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
    const InteractionTrialBounds& bounds = *trial_bounds_;
    // Everything the updates below read, fetched at once so that the misses overlap (the
    // partners of both ends too, where they are not their hop targets).
    const auto prefetch_around = [&](std::uint32_t site) {
        const std::uint32_t pattern = patterns_->pattern_of(site);
        const SitePatterns::Slot* slots = patterns_->slots(pattern);
        for (std::uint32_t k = 0; k < patterns_->degree(pattern); ++k) {
            const std::uint32_t neighbour = SitePatterns::target(site, slots[k]);
            __builtin_prefetch(&trial_mask_[neighbour], 1);
            __builtin_prefetch(&phi_eV_[neighbour], 1);
            __builtin_prefetch(&occupied_[neighbour]);
            trial_bins_.prefetch_site(neighbour);
        }
    };
    prefetch_around(from);
    prefetch_around(to);
    if (!bounds.partners_are_hop_targets) {
        for (const std::uint32_t site : {from, to}) {
            for (std::uint32_t e = table_.pair_begin[site]; e < table_.pair_begin[site + 1]; ++e) {
                __builtin_prefetch(&phi_eV_[table_.pair_partner[e]], 1);
                trial_bins_.prefetch_site(table_.pair_partner[e]);
            }
        }
    }
    trial_bins_.remove(from);
    // The masks of the sites around both ends: `from` is now an empty target, `to` a full one.
    const std::uint32_t from_pattern = patterns_->pattern_of(from), to_pattern = patterns_->pattern_of(to);
    const SitePatterns::Slot* from_slots = patterns_->slots(from_pattern);
    const SitePatterns::Slot* to_slots = patterns_->slots(to_pattern);
    const std::uint32_t from_degree = patterns_->degree(from_pattern),
                        to_degree = patterns_->degree(to_pattern);
    const std::uint8_t* from_back = &bounds.reverse_slot[std::size_t{from_pattern} * bounds.stride];
    const std::uint8_t* to_back = &bounds.reverse_slot[std::size_t{to_pattern} * bounds.stride];
    for (std::uint32_t k = 0; k < from_degree; ++k)
        trial_mask_[SitePatterns::target(from, from_slots[k])] |= 1u << from_back[k];
    for (std::uint32_t k = 0; k < to_degree; ++k)
        trial_mask_[SitePatterns::target(to, to_slots[k])] &= ~(1u << to_back[k]);
    // The fields of both ends' interaction partners: read from the patterns where the
    // partners are the hop targets, else from the pair lists.
    const std::uint32_t from_pairs = table_.pair_begin[from], from_pairs_end = table_.pair_begin[from + 1];
    const std::uint32_t to_pairs = table_.pair_begin[to], to_pairs_end = table_.pair_begin[to + 1];
    if (bounds.partners_are_hop_targets) {
        const double* from_energy = &bounds.slot_pair_energy_eV[std::size_t{from_pattern} * bounds.stride];
        const double* to_energy = &bounds.slot_pair_energy_eV[std::size_t{to_pattern} * bounds.stride];
        for (std::uint32_t k = 0; k < from_degree; ++k)
            phi_eV_[SitePatterns::target(from, from_slots[k])] -= from_energy[k];
        for (std::uint32_t k = 0; k < to_degree; ++k)
            phi_eV_[SitePatterns::target(to, to_slots[k])] += to_energy[k];
    } else {
        for (std::uint32_t e = from_pairs; e < from_pairs_end; ++e)
            phi_eV_[table_.pair_partner[e]] -= table_.pair_energy_eV[e];
        for (std::uint32_t e = to_pairs; e < to_pairs_end; ++e)
            phi_eV_[table_.pair_partner[e]] += table_.pair_energy_eV[e];
    }
    // Re-bin every ion whose mask or field changed: the hop neighbours of both ends, then
    // the partners that are not also neighbours (with nearest-neighbour interactions, none).
    set_trial_weight(to);
    const bool partners_apart = !bounds.partners_are_hop_targets;
    const auto is_neighbour = [&](std::uint32_t site) {
        for (std::uint32_t k = 0; k < from_degree; ++k)
            if (SitePatterns::target(from, from_slots[k]) == site) return true;
        for (std::uint32_t k = 0; k < to_degree; ++k)
            if (SitePatterns::target(to, to_slots[k]) == site) return true;
        return false;
    };
    for (std::uint32_t k = 0; k < from_degree; ++k) {
        const std::uint32_t site = SitePatterns::target(from, from_slots[k]);
        if (occupied_[site]) set_trial_weight(site);
    }
    for (std::uint32_t k = 0; k < to_degree; ++k) {
        const std::uint32_t site = SitePatterns::target(to, to_slots[k]);
        if (occupied_[site] && site != to) set_trial_weight(site);
    }
    if (!partners_apart) return;
    for (std::uint32_t e = from_pairs; e < from_pairs_end; ++e) {
        const std::uint32_t p = table_.pair_partner[e];
        if (occupied_[p] && !is_neighbour(p)) set_trial_weight(p);
    }
    for (std::uint32_t e = to_pairs; e < to_pairs_end; ++e) {
        const std::uint32_t p = table_.pair_partner[e];
        if (occupied_[p] && p != to && !is_neighbour(p)) set_trial_weight(p);
    }
}

}  // namespace ionhop::engine
