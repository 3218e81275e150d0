// The site-rate-bins selector of Simulation (see simulation.hpp and site_rate_bins.hpp).
//
// With pair interactions the rate of a hop i -> j factorises as
//   k = endpoint_rate(i -> j) * source_i * target_j,
//   source_i = [i occupied] exp(+phi_i / 2kT),  target_j = [j empty] exp(-phi_j / 2kT),
// so the total out of site i is source_i * S_i with S_i = sum_j endpoint_rate(i -> j) target_j.
// A hop changes the factors of its two ends and of their interaction partners (about 14
// sites on a cubic lattice with nearest-neighbour repulsion); a change of target_p adds
// endpoint_rate(i -> p) * change to the S_i of p's neighbours. That is one multiply-add per
// hop into a changed site, where the sum tree re-summed every hop of ~50 sites and walked
// the tree for each. Increments round differently from a fresh sum, so every
// recompute_interval_ events all sums are redone from scratch (O(N), well under 1 %); a
// site with no empty target has a sum of exactly 0 (counted, not summed), so an ion that
// cannot move is never drawn.
#include <algorithm>
#include <cmath>

#include "ionhop/engine/simulation.hpp"

namespace ionhop::engine {

void Simulation::recompute_site_bins() {
    const std::size_t n = table_.num_sites();
    for (std::size_t s = 0; s < n; ++s) {
        site_bins_.record(s).source = occupied_[s] ? inverse_boltzmann_half_[s] : 0.0;
        site_bins_.record(s).target = occupied_[s] ? 0.0 : boltzmann_half_[s];
    }
    for (std::uint32_t s = 0; s < n; ++s) {
        const std::uint32_t pattern = patterns_->pattern_of(s);
        const SitePatterns::Slot* slots = patterns_->slots(pattern);
        double sum = 0.0;
        std::uint32_t available = 0;
        for (std::uint32_t k = 0; k < patterns_->degree(pattern); ++k) {
            const double target = site_bins_.record(SitePatterns::target(s, slots[k])).target;
            sum += endpoint_class_rate_Hz_[slots[k].rate_class] * target;
            available += target > 0.0;
        }
        site_bins_.record(s).sum_Hz = sum;
        site_bins_.record(s).available = available;
        update_site_rate(s);
    }
}

RunStatus Simulation::run_site_bins(double t_end_s, std::uint64_t max_events) {
    for (std::uint64_t done = 0; time_s_ < t_end_s; ++done) {
        if (done == max_events) return RunStatus::paused;
        if (site_bins_.empty()) return RunStatus::frozen;
        const auto draw = site_bins_.select(stream_);
        if (time_s_ + draw.waiting_time_s >= t_end_s) {  // memoryless: discard the draw
            time_s_ = t_end_s;
            break;
        }
        time_s_ += draw.waiting_time_s;
        perform_site_bins_event(draw.site);
    }
    return RunStatus::reached_time;
}

// The hop out of `from` with probability rate / (site total), from a fresh sum of the
// site's hops (the drawn site has an empty target: its count says so).
void Simulation::perform_site_bins_event(std::uint32_t from) {
    const std::uint32_t pattern = patterns_->pattern_of(from);
    const SitePatterns::Slot* slots = patterns_->slots(pattern);
    const std::uint32_t degree = patterns_->degree(pattern);
    const auto rate_of = [&](const SitePatterns::Slot& slot) {
        return endpoint_class_rate_Hz_[slot.rate_class] *
               site_bins_.record(SitePatterns::target(from, slot)).target;
    };
    double sum = 0.0;
    for (std::uint32_t k = 0; k < degree; ++k) sum += rate_of(slots[k]);
    double remaining = stream_.uniform_open01() * sum;
    std::uint32_t chosen = 0;
    for (std::uint32_t k = 0; k < degree; ++k) {
        const double rate = rate_of(slots[k]);
        if (rate <= 0.0) continue;
        chosen = k;  // the last allowed hop if rounding leaves `remaining` above the sum
        if (remaining < rate) break;
        remaining -= rate;
    }
    execute_site_bins_hop(from, SitePatterns::target(from, slots[chosen]), slots[chosen].shift);
    if (++events_ == next_recompute_) {
        recompute_site_bins();
        next_recompute_ += recompute_interval_;
    }
}

void Simulation::execute_site_bins_hop(std::uint32_t from, std::uint32_t to, std::uint32_t shift) {
    const std::uint32_t ion = move_ion(from, to);
    if (shift != 0) shift_sum_A_[ion] += patterns_->shift_A(shift);

    const std::uint32_t from_pairs = table_.pair_begin[from], from_pairs_end = table_.pair_begin[from + 1];
    const std::uint32_t to_pairs = table_.pair_begin[to], to_pairs_end = table_.pair_begin[to + 1];
    for (std::uint32_t k = from_pairs; k < from_pairs_end; ++k) {
        const std::uint32_t p = table_.pair_partner[k];
        set_interaction_field(p, phi_eV_[p] - table_.pair_energy_eV[k]);
    }
    for (std::uint32_t k = to_pairs; k < to_pairs_end; ++k) {
        const std::uint32_t p = table_.pair_partner[k];
        set_interaction_field(p, phi_eV_[p] + table_.pair_energy_eV[k]);
    }
    // Every site whose rate may change is a hop target of these: fetch them all before
    // the updates, so their cache misses overlap instead of queueing one by one.
    const auto prefetch_around = [&](std::uint32_t site) {
        const std::uint32_t pattern = patterns_->pattern_of(site);
        const SitePatterns::Slot* slots = patterns_->slots(pattern);
        for (std::uint32_t k = 0; k < patterns_->degree(pattern); ++k) {
            const std::uint32_t neighbour = SitePatterns::target(site, slots[k]);
            site_bins_.prefetch(neighbour);
        }
    };
    prefetch_around(from);
    prefetch_around(to);
    for (std::uint32_t k = from_pairs; k < from_pairs_end; ++k) prefetch_around(table_.pair_partner[k]);
    for (std::uint32_t k = to_pairs; k < to_pairs_end; ++k) prefetch_around(table_.pair_partner[k]);
    // Fields first, so every site whose sum changes is rated with its new source factor.
    update_site_factors(from);
    update_site_factors(to);
    for (std::uint32_t k = from_pairs; k < from_pairs_end; ++k) update_site_factors(table_.pair_partner[k]);
    for (std::uint32_t k = to_pairs; k < to_pairs_end; ++k) update_site_factors(table_.pair_partner[k]);
}

// Every hop has a reverse, so the sites hopping into `site` are its hop targets, and the
// rate of their hop into it is the slot's reverse rate class.
void Simulation::update_site_factors(std::uint32_t site) {
    SiteFlow& flow = site_bins_.record(site);
    const bool occupied = occupied_[site] != 0;
    const double source = occupied ? inverse_boltzmann_half_[site] : 0.0;
    const double target = occupied ? 0.0 : boltzmann_half_[site];
    if (source != flow.source) {
        flow.source = source;
        update_site_rate(site);
    }
    if (target == flow.target) return;
    const double change = target - flow.target;
    const std::int32_t opened =
        static_cast<std::int32_t>(flow.target == 0.0) - static_cast<std::int32_t>(target == 0.0);
    flow.target = target;
    const std::uint32_t pattern = patterns_->pattern_of(site);
    const SitePatterns::Slot* slots = patterns_->slots(pattern);
    for (std::uint32_t k = 0; k < patterns_->degree(pattern); ++k) {
        const std::uint32_t neighbour = SitePatterns::target(site, slots[k]);
        SiteFlow& other = site_bins_.record(neighbour);
        other.available = static_cast<std::uint32_t>(static_cast<std::int32_t>(other.available) + opened);
        other.sum_Hz = other.available > 0
                           ? other.sum_Hz + endpoint_class_rate_Hz_[slots[k].reverse_rate_class] * change
                           : 0.0;
        update_site_rate(neighbour);
    }
}

void Simulation::update_site_rate(std::uint32_t site) {
    const SiteFlow& flow = site_bins_.record(site);
    site_bins_.set(site, flow.source * std::max(flow.sum_Hz, 0.0));
}

}  // namespace ionhop::engine
