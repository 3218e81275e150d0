#include "ionhop/engine/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"
#include "ionhop/engine/placement.hpp"
#include "occupancy_setup.hpp"

namespace ionhop::engine {

const char* selector_name(Selector selector) {
    switch (selector) {
        case Selector::ion_trials:
            return "ion trials";
        case Selector::rate_class_lists:
            return "rate-class lists";
        case Selector::sum_tree:
            return "sum tree";
        case Selector::site_bins:
            return "site-rate bins";
        case Selector::interaction_trials:
            return "interaction trials";
    }
    return "unknown";
}

Simulation::Simulation(const HopTable& table, const std::vector<std::uint32_t>& ion_sites,
                       RandomStream stream, std::optional<Selector> forced)
    : Simulation(std::make_shared<const PreparedTable>(table), ion_sites, stream, forced) {}

Simulation::Simulation(std::shared_ptr<const PreparedTable> prepared,
                       const std::vector<std::uint32_t>& ion_sites, RandomStream stream,
                       std::optional<Selector> forced)
    : prepared_(std::move(prepared)), table_(prepared_->table()), stream_(stream), tree_(1) {
    check_ion_sites(table_, ion_sites);
    const std::size_t n = table_.num_sites();
    inverse_two_kT_ = 1.0 / (2.0 * units::thermal_energy_eV(table_.temperature_K));

    ion_site_ = ion_sites;
    shift_sum_A_.assign(ion_sites.size(), Eigen::Vector3d::Zero());
    fill_occupancy(table_, ion_sites, occupied_, ion_at_, blocked_by_);

    if (table_.has_interactions()) {
        endpoint_rate_Hz_ = prepared_->endpoint_rate_Hz().data();
        phi_eV_.assign(n, 0.0);
        boltzmann_half_.assign(n, 1.0);
        inverse_boltzmann_half_.assign(n, 1.0);
        for (std::size_t s = 0; s < n; ++s) {
            double phi = 0.0;
            for (std::uint32_t k = table_.pair_begin[s]; k < table_.pair_begin[s + 1]; ++k) {
                phi += table_.pair_energy_eV[k] * occupied_[table_.pair_partner[k]];
            }
            set_interaction_field(static_cast<std::uint32_t>(s), phi);
        }
    }

    choose_selector(forced);

    // Scratch for the sites touched by one hop: both endpoints and their partners.
    std::size_t most_partners = 0;
    for (std::size_t s = 0; s < n; ++s) {
        std::size_t partners = 0;
        if (table_.has_interactions()) partners += table_.pair_begin[s + 1] - table_.pair_begin[s];
        if (table_.has_exclusions()) partners += table_.exclusion_begin[s + 1] - table_.exclusion_begin[s];
        most_partners = std::max(most_partners, partners);
    }
    changed_.reserve(2 * (most_partners + 1));
    // With only the two ends of a hop changing, a site seen twice is cheaper to redo (it
    // finds its rate unchanged) than to stamp every site; with partners, stamp.
    if (most_partners > 0 && selector_ == Selector::sum_tree) refresh_stamp_.assign(n, 0);

    class_occupancy_.reset(table_.site_class, table_.class_names.size(), occupied_, time_s_);
    if (!table_.site_bin.empty()) {
        bin_occupancy_.reset(table_.site_bin, static_cast<std::size_t>(table_.bin_count), occupied_, time_s_);
    }
    reset_observables();
}

// Ion trials pay 1 / acceptance draws per event; below this acceptance the class lists
// (which touch more memory per event but never redraw) are faster.
constexpr double min_trial_acceptance = 0.25;
// An interaction trial costs ~0.1 us and a site-rate-bins event ~1.5-4 us on the benchmark
// machine (bench/README.md): below this acceptance the bins are faster.
constexpr double min_interaction_trial_acceptance = 0.05;

void Simulation::choose_selector(std::optional<Selector> forced) {
    const std::size_t n = table_.num_sites();
    const bool static_rates = prepared_->uses_rate_classes();
    const bool site_bins_serve = !prepared_->endpoint_class_rates_Hz().empty();
    Selector choice = static_rates      ? Selector::rate_class_lists
                      : site_bins_serve ? Selector::site_bins
                                        : Selector::sum_tree;
    if (static_rates && !table_.has_exclusions()) {
        class_rates_Hz_ = prepared_->class_rates_Hz();
        patterns_ = &prepared_->site_patterns();
        max_out_degree_ = prepared_->max_out_degree();
        max_class_rate_Hz_ = *std::max_element(class_rates_Hz_.begin(), class_rates_Hz_.end());
        allowed_per_class_.assign(class_rates_Hz_.size(), 0);
        const auto& class_of_hop = prepared_->class_of_hop();
        for (const std::uint32_t s : ion_site_) {
            for (std::uint32_t h = table_.hop_begin[s]; h < table_.hop_begin[s + 1]; ++h) {
                if (!occupied_[table_.hop_target[h]]) ++allowed_per_class_[class_of_hop[h]];
            }
        }
        const double attempts = static_cast<double>(ion_site_.size()) * max_out_degree_ * max_class_rate_Hz_;
        double total = 0.0;
        for (std::size_t k = 0; k < class_rates_Hz_.size(); ++k)
            total += allowed_per_class_[k] * class_rates_Hz_[k];
        if (total >= min_trial_acceptance * attempts) choice = Selector::ion_trials;
    }
    const bool interaction_trials_serve = !prepared_->interaction_trial_bounds().empty();
    if (interaction_trials_serve && (!forced || *forced == Selector::interaction_trials)) {
        // Measured on the start: the fraction of the trials' bound rate that real hops take.
        start_interaction_trials();
        const double bound = trial_bins_.bound();
        const bool pays =
            bound > 0.0 && interaction_trials_total_rate_Hz() >= min_interaction_trial_acceptance * bound;
        if (pays || forced) {
            choice = Selector::interaction_trials;
        } else {
            trial_bins_ = LogWeightBins();
            trial_mask_ = std::vector<std::uint32_t>();
        }
    }
    if (forced) {
        const bool serves =
            *forced == Selector::sum_tree || (*forced == Selector::site_bins && site_bins_serve) ||
            (*forced == Selector::interaction_trials && interaction_trials_serve) ||
            (static_rates && (*forced == Selector::rate_class_lists ||
                              (*forced == Selector::ion_trials && !allowed_per_class_.empty())));
        if (!serves) {
            throw Error(
                std::string("Simulation: the ") + selector_name(*forced) +
                " selector cannot serve this table (ion trials need static rates and no exclusion "
                "pairs; rate-class lists need static rates; site-rate bins and interaction trials need "
                "pair interactions and no exclusion pairs)");
        }
        choice = *forced;
    }
    selector_ = choice;
    if (selector_ == Selector::interaction_trials) {  // trials read the field, not its exponentials
        boltzmann_half_ = std::vector<double>();
        inverse_boltzmann_half_ = std::vector<double>();
    }
    if (selector_ == Selector::ion_trials || selector_ == Selector::site_bins ||
        selector_ == Selector::interaction_trials) {
        site_position_A_ = prepared_->site_position_A().data();
    }
    if (selector_ == Selector::ion_trials) {
        ion_at_ = std::vector<std::int32_t>();
    } else {
        allowed_per_class_.clear();
    }
    if (selector_ == Selector::rate_class_lists) {
        hop_reverse_ = prepared_->hop_reverse().data();
        hop_source_ = prepared_->hop_source().data();
        classes_ = RateClassLists(prepared_->class_rates_Hz(), prepared_->class_of_hop());
        for (std::uint32_t s = 0; s < n; ++s) {
            for (std::uint32_t h = table_.hop_begin[s]; h < table_.hop_begin[s + 1]; ++h) refresh_hop(h, s);
        }
    } else if (selector_ == Selector::sum_tree) {
        tree_ = RateTree(n);
        std::vector<double> rates(n, 0.0);
        for (std::uint32_t s = 0; s < n; ++s) {
            if (occupied_[s]) rates[s] = site_total_rate(s);
        }
        tree_.assign(rates);
    } else if (selector_ == Selector::site_bins) {
        endpoint_class_rate_Hz_ = prepared_->endpoint_class_rates_Hz().data();
        patterns_ = &prepared_->site_patterns();
        site_bins_ = SiteRateBins<SiteFlow>(n);
        recompute_interval_ = std::max<std::uint64_t>(std::uint64_t{1} << 20, 16 * std::uint64_t{n});
        next_recompute_ = recompute_interval_;
        recompute_site_bins();
    }
}

double Simulation::total_rate_Hz() const {
    switch (selector_) {
        case Selector::ion_trials: {
            double total = 0.0;
            for (std::size_t k = 0; k < class_rates_Hz_.size(); ++k) {
                total += static_cast<double>(allowed_per_class_[k]) * class_rates_Hz_[k];
            }
            return total;
        }
        case Selector::rate_class_lists:
            return classes_.total_Hz();
        case Selector::sum_tree:
            return tree_.total();
        case Selector::site_bins:
            return site_bins_.total_Hz();
        case Selector::interaction_trials:
            return interaction_trials_total_rate_Hz();
    }
    return 0.0;
}

// One uniform number gives the ion, the hop slot and the acceptance test: scaled by the
// ion count its integer part is the ion and its fraction (independent, uniform) is
// scaled again for the slot and then for the test. Multiplications only: a 64-bit
// division per trial cost more than the rest of the trial.
template <typename PatternId>
void Simulation::perform_ion_trial_event(const PatternId* pattern_of) {
    const auto ions = static_cast<double>(ion_site_.size());
    const auto slots = static_cast<double>(max_out_degree_);
    std::uint32_t ion = 0;
    std::uint32_t from = 0;
    const SitePatterns::Slot* hop = nullptr;
    std::int32_t from_class = 0;
    for (;;) {
        const double x = stream_.uniform_open01() * ions;
        ion = static_cast<std::uint32_t>(x);
        // Software pipeline over the coming draws (each the next trial's ion, or a waiting
        // time): while this trial waits for memory, fetch for the draw three on its ion's
        // site, for the draw two on the pattern and occupancy at that site (fetched one
        // trial ago), and for the next draw its neighbours' occupancy.
        const auto ion_ahead = [&](int ahead) {
            return static_cast<std::uint32_t>(RandomStream::to_open01(stream_.peek_u64(ahead)) * ions);
        };
        __builtin_prefetch(&ion_site_[ion_ahead(2)]);
        const std::uint32_t site_in_two = ion_site_[ion_ahead(1)];
        __builtin_prefetch(&pattern_of[site_in_two]);
        __builtin_prefetch(&occupied_[site_in_two]);
        const std::uint32_t next_ion = ion_ahead(0);
        const std::uint32_t next_site = ion_site_[next_ion];
        const std::uint32_t next_pattern = pattern_of[next_site];
        const SitePatterns::Slot* next_slots = patterns_->slots(next_pattern);
        for (std::uint32_t k = 0; k < patterns_->degree(next_pattern); ++k) {
            __builtin_prefetch(&occupied_[SitePatterns::target(next_site, next_slots[k])]);
        }
        const double y = (x - ion) * slots;
        const auto slot = static_cast<std::uint32_t>(y);
        from = ion_site_[ion];
        const std::uint32_t pattern = pattern_of[from];
        if (slot >= patterns_->degree(pattern)) continue;
        hop = &patterns_->slots(pattern)[slot];
        if (occupied_[SitePatterns::target(from, *hop)]) continue;
        if ((y - slot) * max_class_rate_Hz_ >= class_rates_Hz_[hop->rate_class]) continue;
        from_class = patterns_->site_class(pattern);
        break;
    }
    const std::uint32_t to = SitePatterns::target(from, *hop);
    count_allowed_hop_changes(pattern_of, from, to);
    if (hop->shift != 0) shift_sum_A_[ion] += patterns_->shift_A(hop->shift);
    ion_site_[ion] = to;
    occupied_[from] = 0;
    occupied_[to] = 1;
    class_occupancy_.move(from_class, patterns_->site_class(pattern_of[to]), time_s_);
    if (!table_.site_bin.empty()) bin_occupancy_.move(table_.site_bin[from], table_.site_bin[to], time_s_);
    ++events_;
}

// Before an ion hops from `from` to `to` (occupancy not yet changed): the hops whose
// state changes are those with an end at `from` or `to`. A hop i -> j is allowed when i
// is occupied and j empty; sites other than the two ends keep their occupancy, so one
// pass with the old occupancy gives every change, without branching on it.
template <typename PatternId>
void Simulation::count_allowed_hop_changes(const PatternId* pattern_of, std::uint32_t from,
                                           std::uint32_t to) {
    std::int64_t* allowed = allowed_per_class_.data();
    const std::uint32_t from_pattern = pattern_of[from];
    const SitePatterns::Slot* slot = patterns_->slots(from_pattern);
    for (const SitePatterns::Slot* end = slot + patterns_->degree(from_pattern); slot != end; ++slot) {
        const std::uint32_t other = SitePatterns::target(from, *slot);
        if (other == to) {  // from -> to stops being allowed, to -> from starts
            --allowed[slot->rate_class];
            ++allowed[slot->reverse_rate_class];
            continue;
        }
        const std::int64_t neighbour = occupied_[other];
        allowed[slot->rate_class] -= 1 - neighbour;      // from -> other was allowed if other empty
        allowed[slot->reverse_rate_class] += neighbour;  // other -> from is allowed if other occupied
    }
    const std::uint32_t to_pattern = pattern_of[to];
    slot = patterns_->slots(to_pattern);
    for (const SitePatterns::Slot* end = slot + patterns_->degree(to_pattern); slot != end; ++slot) {
        const std::uint32_t other = SitePatterns::target(to, *slot);
        if (other == from) continue;  // counted above
        const std::int64_t neighbour = occupied_[other];
        allowed[slot->rate_class] += 1 - neighbour;      // to -> other is allowed if other empty
        allowed[slot->reverse_rate_class] -= neighbour;  // other -> to was allowed if other occupied
    }
}

namespace {
template <typename T>
std::size_t bytes(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}
}  // namespace

std::size_t Simulation::memory_bytes() const {
    return bytes(occupied_) + bytes(ion_at_) + bytes(ion_site_) + bytes(shift_sum_A_) + bytes(origin_site_) +
           bytes(blocked_by_) + bytes(phi_eV_) + bytes(boltzmann_half_) + bytes(inverse_boltzmann_half_) +
           tree_.memory_bytes() + classes_.memory_bytes() + bytes(changed_) + bytes(refresh_stamp_) +
           bytes(allowed_per_class_) + bytes(class_rates_Hz_) + site_bins_.memory_bytes() +
           trial_bins_.memory_bytes() + bytes(trial_mask_);
}

void Simulation::set_interaction_field(std::uint32_t site, double phi_eV) {
    phi_eV_[site] = phi_eV;
    if (boltzmann_half_.empty()) return;  // interaction trials read the field only
    boltzmann_half_[site] = std::exp(-phi_eV * inverse_two_kT_);
    inverse_boltzmann_half_[site] = 1.0 / boltzmann_half_[site];
}

double Simulation::hop_rate(std::uint32_t hop, std::uint32_t from) const {
    const std::uint32_t to = table_.hop_target[hop];
    if (occupied_[to]) return 0.0;
    if (!blocked_by_.empty() && blocked_by_[to] > table_.hop_endpoints_exclude[hop]) return 0.0;
    if (phi_eV_.empty()) return table_.hop_rate_Hz[hop];
    return endpoint_rate_Hz_[hop] * boltzmann_half_[to] * inverse_boltzmann_half_[from];
}

double Simulation::site_total_rate(std::uint32_t site) const {
    double total = 0.0;
    for (std::uint32_t h = table_.hop_begin[site]; h < table_.hop_begin[site + 1]; ++h) {
        total += hop_rate(h, site);
    }
    return total;
}

RunStatus Simulation::run_until(double t_end_s) {
    return run_until(t_end_s, std::numeric_limits<std::uint64_t>::max());
}

RunStatus Simulation::run_until(double t_end_s, std::uint64_t max_events) {
    if (selector_ == Selector::site_bins) return run_site_bins(t_end_s, max_events);
    if (selector_ == Selector::interaction_trials) return run_interaction_trials(t_end_s, max_events);
    for (std::uint64_t done = 0; time_s_ < t_end_s; ++done) {
        if (done == max_events) return RunStatus::paused;
        const double total = total_rate_Hz();
        if (!(total > 0.0)) return RunStatus::frozen;
        const double dt = -std::log(stream_.uniform_open01()) / total;
        if (time_s_ + dt >= t_end_s) {
            time_s_ = t_end_s;
            break;
        }
        time_s_ += dt;
        perform_event(total);
    }
    return RunStatus::reached_time;
}

RunStatus Simulation::run_events(std::uint64_t count) {
    if (selector_ == Selector::site_bins || selector_ == Selector::interaction_trials) {
        const double forever = std::numeric_limits<double>::infinity();
        const RunStatus status = selector_ == Selector::site_bins ? run_site_bins(forever, count)
                                                                  : run_interaction_trials(forever, count);
        return status == RunStatus::paused ? RunStatus::reached_time : status;
    }
    for (std::uint64_t i = 0; i < count; ++i) {
        const double total = total_rate_Hz();
        if (!(total > 0.0)) return RunStatus::frozen;
        time_s_ += -std::log(stream_.uniform_open01()) / total;
        perform_event(total);
    }
    return RunStatus::reached_time;
}

void Simulation::perform_event(double total) {
    if (selector_ == Selector::ion_trials) {
        switch (patterns_->id_bytes()) {
            case 1:
                perform_ion_trial_event(patterns_->pattern_ids<std::uint8_t>());
                return;
            case 2:
                perform_ion_trial_event(patterns_->pattern_ids<std::uint16_t>());
                return;
            default:
                perform_ion_trial_event(patterns_->pattern_ids<std::uint32_t>());
                return;
        }
    }
    double target = stream_.uniform_open01() * total;
    if (selector_ == Selector::rate_class_lists) {
        const std::uint32_t hop = classes_.select(target);
        execute_hop(hop, hop_source_[hop]);
        ++events_;
        return;
    }
    const auto from = static_cast<std::uint32_t>(tree_.select(target));
    // Pick the hop inside the site with the same arithmetic that summed its total.
    std::uint32_t chosen = table_.hop_begin[from + 1];
    double cumulative = 0.0;
    for (std::uint32_t h = table_.hop_begin[from]; h < table_.hop_begin[from + 1]; ++h) {
        const double rate = hop_rate(h, from);
        if (rate <= 0.0) continue;
        chosen = h;  // the last allowed hop is the fallback if rounding leaves target above
        cumulative += rate;
        if (target < cumulative) break;
    }
    execute_hop(chosen, from);
    ++events_;
}

void Simulation::execute_hop(std::uint32_t hop, std::uint32_t from) {
    const std::uint32_t to = table_.hop_target[hop];
    shift_sum_A_[move_ion(from, to)] += table_.displacement_A(hop);

    changed_.clear();
    changed_.push_back(from);
    changed_.push_back(to);
    if (!phi_eV_.empty()) {
        for (std::uint32_t k = table_.pair_begin[from]; k < table_.pair_begin[from + 1]; ++k) {
            const std::uint32_t p = table_.pair_partner[k];
            set_interaction_field(p, phi_eV_[p] - table_.pair_energy_eV[k]);
            changed_.push_back(p);
        }
        for (std::uint32_t k = table_.pair_begin[to]; k < table_.pair_begin[to + 1]; ++k) {
            const std::uint32_t p = table_.pair_partner[k];
            set_interaction_field(p, phi_eV_[p] + table_.pair_energy_eV[k]);
            changed_.push_back(p);
        }
    }
    if (!blocked_by_.empty()) {
        for (std::uint32_t k = table_.exclusion_begin[from]; k < table_.exclusion_begin[from + 1]; ++k) {
            --blocked_by_[table_.exclusion_partner[k]];
            changed_.push_back(table_.exclusion_partner[k]);
        }
        for (std::uint32_t k = table_.exclusion_begin[to]; k < table_.exclusion_begin[to + 1]; ++k) {
            ++blocked_by_[table_.exclusion_partner[k]];
            changed_.push_back(table_.exclusion_partner[k]);
        }
    }
    refresh_marked_sites();
}

void Simulation::mark_changed(std::uint32_t site) {
    if (!refresh_stamp_.empty()) {
        if (refresh_stamp_[site] == stamp_) return;
        refresh_stamp_[site] = stamp_;
    }
    const double rate = occupied_[site] ? site_total_rate(site) : 0.0;
    if (rate != tree_.leaf(site)) tree_.set(site, rate);
}

void Simulation::refresh_hop(std::uint32_t hop, std::uint32_t from) {
    set_hop_allowed(hop, occupied_[from] && hop_rate(hop, from) > 0.0);
}

// Inlined: called 24 times per event in the class-list path.
[[gnu::always_inline]] inline void Simulation::set_hop_allowed(std::uint32_t hop, bool allowed) {
    if (allowed == classes_.active(hop)) return;
    if (allowed) {
        classes_.activate(hop);
    } else {
        classes_.deactivate(hop);
    }
}

void Simulation::refresh_marked_sites() {
    if (selector_ == Selector::rate_class_lists) {
        // A hop's state depends only on its two ends: redo the hops out of and into
        // every changed site.
        // Static rates are > 0 (validated), so only occupancy and exclusion matter; the
        // reverse hop's arrays are not touched unless its state flips (memory-bound loop).
        const bool exclusions = !blocked_by_.empty();
        for (const std::uint32_t site : changed_) {
            const bool site_occupied = occupied_[site] != 0;
            for (std::uint32_t h = table_.hop_begin[site]; h < table_.hop_begin[site + 1]; ++h) {
                const std::uint32_t other = table_.hop_target[h];
                const bool other_occupied = occupied_[other] != 0;
                const std::uint32_t back = hop_reverse_[h];
                set_hop_allowed(h,
                                site_occupied && !other_occupied &&
                                    (!exclusions || blocked_by_[other] <= table_.hop_endpoints_exclude[h]));
                set_hop_allowed(back,
                                other_occupied && !site_occupied &&
                                    (!exclusions || blocked_by_[site] <= table_.hop_endpoints_exclude[back]));
            }
        }
        return;
    }
    if (!refresh_stamp_.empty() && ++stamp_ == 0) {  // wrapped around: forget old stamps
        std::fill(refresh_stamp_.begin(), refresh_stamp_.end(), 0);
        stamp_ = 1;
    }
    // A site's rates depend on its own state and on the state of its hop targets; every
    // hop has a reverse, so the sites hopping into a changed site are its hop targets.
    for (const std::uint32_t site : changed_) {
        mark_changed(site);
        for (std::uint32_t h = table_.hop_begin[site]; h < table_.hop_begin[site + 1]; ++h) {
            mark_changed(table_.hop_target[h]);
        }
    }
}

std::uint32_t Simulation::move_ion(std::uint32_t from, std::uint32_t to) {
    const auto ion = static_cast<std::uint32_t>(ion_at_[from]);
    ion_site_[ion] = to;
    ion_at_[to] = ion;
    ion_at_[from] = -1;
    occupied_[from] = 0;
    occupied_[to] = 1;
    move_group_counts(from, to);
    return ion;
}

void Simulation::move_group_counts(std::uint32_t from, std::uint32_t to) {
    class_occupancy_.move(table_.site_class[from], table_.site_class[to], time_s_);
    if (!table_.site_bin.empty()) bin_occupancy_.move(table_.site_bin[from], table_.site_bin[to], time_s_);
}

StateArchive Simulation::save_state() const {
    StateArchive archive;
    archive.put_text("engine", "plain");
    archive.put_count("selector", static_cast<std::uint64_t>(selector_));
    save_ions(archive, occupied_, ion_at_, ion_site_, shift_sum_A_, blocked_by_);
    archive.put("ion_origin_site", origin_site_);
    archive.put("phi_eV", phi_eV_);
    archive.put("allowed_per_class", allowed_per_class_);
    if (selector_ == Selector::sum_tree) archive.put("tree_leaves", tree_.leaves());
    if (selector_ == Selector::rate_class_lists) classes_.save(archive, "classes.");
    if (selector_ == Selector::site_bins) {
        std::vector<double> sums(site_bins_.size());
        std::vector<std::uint32_t> available(site_bins_.size());
        for (std::uint32_t s = 0; s < site_bins_.size(); ++s) {
            sums[s] = site_bins_.record(s).sum_Hz;
            available[s] = site_bins_.record(s).available;
        }
        archive.put("site_sum_Hz", std::move(sums));
        archive.put("available_targets", std::move(available));
        site_bins_.save(archive, "site_bins.");
    }
    if (selector_ == Selector::interaction_trials) trial_bins_.save(archive, "trial_bins.");
    archive.put_real("time_s", time_s_);
    archive.put_count("events", events_);
    archive.put_real("origin_s", origin_s_);
    archive.put("stream", stream_.state());
    class_occupancy_.save(archive, "class_occupancy.");
    bin_occupancy_.save(archive, "bin_occupancy.");
    return archive;
}

void Simulation::restore_state(const StateArchive& archive) {
    const std::string& source = archive.source();
    if (!archive.contains("engine") || archive.text("engine") != "plain") {
        throw Error(source +
                    ": saved by the accelerated engine, not the plain one (another table or version?)");
    }
    if (archive.count("selector") != static_cast<std::uint64_t>(selector_)) {
        throw Error(source +
                    ": saved with another event selector than this run chose (another table or version?)");
    }
    const std::size_t n = table_.num_sites();
    restore_ions(archive, {occupied_, ion_at_, ion_site_, shift_sum_A_, blocked_by_});
    origin_site_ = archive.get<std::uint32_t>("ion_origin_site", origin_site_.size());
    for (const std::uint32_t site : origin_site_) {
        if (site >= n) throw Error(source + ": entry 'ion_origin_site' names a site out of range");
    }
    const auto& phi = archive.get<double>("phi_eV", phi_eV_.size());
    // The Boltzmann factors are functions of the field, recomputed bit for bit.
    for (std::size_t s = 0; s < phi.size(); ++s) set_interaction_field(static_cast<std::uint32_t>(s), phi[s]);
    allowed_per_class_ = archive.get<std::int64_t>("allowed_per_class", allowed_per_class_.size());
    if (selector_ == Selector::sum_tree) tree_.assign(archive.get<double>("tree_leaves", n));
    if (selector_ == Selector::rate_class_lists) classes_.restore(archive, "classes.");
    if (selector_ == Selector::site_bins) {
        const auto& sums = archive.get<double>("site_sum_Hz", n);
        const auto& available = archive.get<std::uint32_t>("available_targets", n);
        for (std::uint32_t s = 0; s < n; ++s) {
            SiteFlow& flow = site_bins_.record(s);
            flow.sum_Hz = sums[s];
            flow.available = available[s];
            flow.source = occupied_[s] ? inverse_boltzmann_half_[s] : 0.0;
            flow.target = occupied_[s] ? 0.0 : boltzmann_half_[s];
        }
        site_bins_.restore(archive, "site_bins.");
    }
    if (selector_ == Selector::interaction_trials) {
        for (std::uint32_t site = 0; site < n; ++site) trial_mask_[site] = empty_target_mask(site);
        trial_bins_.restore(archive, "trial_bins.", trial_log_weights());
    }
    time_s_ = archive.real("time_s");
    events_ = archive.count("events");
    if (selector_ == Selector::site_bins)
        next_recompute_ = (events_ / recompute_interval_ + 1) * recompute_interval_;
    origin_s_ = archive.real("origin_s");
    stream_ = RandomStream::from_state(archive.get<std::uint64_t>("stream"));
    class_occupancy_.restore(archive, "class_occupancy.");
    bin_occupancy_.restore(archive, "bin_occupancy.");
    std::fill(refresh_stamp_.begin(), refresh_stamp_.end(), 0);
    stamp_ = 0;
}

void Simulation::reset_observables() {
    std::fill(shift_sum_A_.begin(), shift_sum_A_.end(), Eigen::Vector3d::Zero());
    if (site_position_A_ != nullptr) origin_site_ = ion_site_;
    origin_s_ = time_s_;
    class_occupancy_.restart(time_s_);
    bin_occupancy_.restart(time_s_);
}

std::vector<Eigen::Vector3d> Simulation::ion_displacements_A() const {
    std::vector<Eigen::Vector3d> displacement = shift_sum_A_;
    if (site_position_A_ == nullptr) return displacement;
    for (std::size_t i = 0; i < displacement.size(); ++i) {
        displacement[i] += site_position_A_[ion_site_[i]] - site_position_A_[origin_site_[i]];
    }
    return displacement;
}

std::vector<double> Simulation::mean_class_occupancy() const { return class_occupancy_.mean(time_s_); }

std::vector<double> Simulation::mean_bin_occupancy() const { return bin_occupancy_.mean(time_s_); }

}  // namespace ionhop::engine
