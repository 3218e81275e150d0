#include "ionhop/engine/simulation.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"

namespace ionhop::engine {

namespace {

// exp() of more than this overflows a double: interactions that strong at this
// temperature cannot be represented by the factorised rates.

void check_initial_sites(const HopTable& table, const std::vector<std::uint32_t>& ion_sites) {
    if (ion_sites.empty()) throw Error("Simulation: no mobile ions (ion count is 0)");
    const std::size_t n = table.num_sites();
    std::vector<std::uint8_t> taken(n, 0);
    for (std::size_t i = 0; i < ion_sites.size(); ++i) {
        const std::uint32_t s = ion_sites[i];
        if (s >= n) {
            throw Error("Simulation: ion " + std::to_string(i) + " on site " + std::to_string(s) +
                        ", but the lattice has " + std::to_string(n) + " sites");
        }
        if (!table.site_mobile[s]) {
            throw Error("Simulation: ion " + std::to_string(i) + " on site " + std::to_string(s) +
                        ", which cannot hold a mobile ion");
        }
        if (taken[s]) {
            throw Error("Simulation: two ions on site " + std::to_string(s) +
                        " (site exclusion: at most one ion per site)");
        }
        taken[s] = 1;
    }
    if (!table.has_exclusions()) return;
    for (const std::uint32_t s : ion_sites) {
        for (std::uint32_t k = table.exclusion_begin[s]; k < table.exclusion_begin[s + 1]; ++k) {
            if (taken[table.exclusion_partner[k]]) {
                throw Error("Simulation: sites " + std::to_string(s) + " and " +
                            std::to_string(table.exclusion_partner[k]) +
                            " are both occupied but exclude each other");
            }
        }
    }
}

}  // namespace

Simulation::Simulation(const HopTable& table, const std::vector<std::uint32_t>& ion_sites,
                       RandomStream stream)
    : Simulation(std::make_shared<const PreparedTable>(table), ion_sites, stream) {}

Simulation::Simulation(std::shared_ptr<const PreparedTable> prepared,
                       const std::vector<std::uint32_t>& ion_sites, RandomStream stream)
    : prepared_(std::move(prepared)), table_(prepared_->table()), stream_(stream), tree_(1) {
    check_initial_sites(table_, ion_sites);
    const std::size_t n = table_.num_sites();
    inverse_two_kT_ = 1.0 / (2.0 * units::thermal_energy_eV(table_.temperature_K));

    occupied_.assign(n, 0);
    ion_at_.assign(n, -1);
    ion_site_ = ion_sites;
    displacement_A_.assign(ion_sites.size(), Eigen::Vector3d::Zero());
    for (std::size_t i = 0; i < ion_sites.size(); ++i) {
        occupied_[ion_sites[i]] = 1;
        ion_at_[ion_sites[i]] = static_cast<std::int32_t>(i);
    }

    if (table_.has_exclusions()) {
        blocked_by_.assign(n, 0);
        for (std::size_t s = 0; s < n; ++s) {
            for (std::uint32_t k = table_.exclusion_begin[s]; k < table_.exclusion_begin[s + 1]; ++k) {
                blocked_by_[s] += occupied_[table_.exclusion_partner[k]];
            }
        }
    }

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

    if (prepared_->uses_rate_classes()) {
        by_class_ = true;
        hop_reverse_ = prepared_->hop_reverse().data();
        hop_source_ = prepared_->hop_source().data();
        classes_ = RateClassLists(prepared_->class_rates_Hz(), prepared_->class_of_hop());
        for (std::uint32_t s = 0; s < n; ++s) {
            for (std::uint32_t h = table_.hop_begin[s]; h < table_.hop_begin[s + 1]; ++h) refresh_hop(h, s);
        }
    } else {
        tree_ = RateTree(n);
        std::vector<double> rates(n, 0.0);
        for (std::uint32_t s = 0; s < n; ++s) {
            if (occupied_[s]) rates[s] = site_total_rate(s);
        }
        tree_.assign(rates);
    }

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
    if (most_partners > 0) refresh_stamp_.assign(n, 0);

    class_count_.assign(table_.class_names.size(), 0);
    class_sites_.assign(table_.class_names.size(), 0);
    for (std::size_t s = 0; s < n; ++s) {
        ++class_sites_[table_.site_class[s]];
        class_count_[table_.site_class[s]] += occupied_[s];
    }
    reset_observables();
}

namespace {
template <typename T>
std::size_t bytes(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}
}  // namespace

std::size_t Simulation::memory_bytes() const {
    return bytes(occupied_) + bytes(ion_at_) + bytes(ion_site_) + bytes(displacement_A_) +
           bytes(blocked_by_) + bytes(phi_eV_) + bytes(boltzmann_half_) + bytes(inverse_boltzmann_half_) +
           tree_.memory_bytes() + classes_.memory_bytes() + bytes(changed_) + bytes(refresh_stamp_);
}

void Simulation::set_interaction_field(std::uint32_t site, double phi_eV) {
    phi_eV_[site] = phi_eV;
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
    while (time_s_ < t_end_s) {
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
    for (std::uint64_t i = 0; i < count; ++i) {
        const double total = total_rate_Hz();
        if (!(total > 0.0)) return RunStatus::frozen;
        time_s_ += -std::log(stream_.uniform_open01()) / total;
        perform_event(total);
    }
    return RunStatus::reached_time;
}

void Simulation::perform_event(double total) {
    double target = stream_.uniform_open01() * total;
    if (by_class_) {
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
    const std::int32_t ion = ion_at_[from];
    displacement_A_[ion] += table_.displacement_A(hop);
    ion_site_[ion] = to;
    ion_at_[to] = ion;
    ion_at_[from] = -1;
    occupied_[from] = 0;
    occupied_[to] = 1;
    move_class_count(from, to);

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
    if (by_class_) {
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

void Simulation::move_class_count(std::uint32_t from, std::uint32_t to) {
    const std::int32_t a = table_.site_class[from];
    const std::int32_t b = table_.site_class[to];
    if (a == b) return;
    for (const std::int32_t c : {a, b}) {
        class_occupancy_integral_[c] +=
            static_cast<double>(class_count_[c]) * (time_s_ - class_last_change_s_[c]);
        class_last_change_s_[c] = time_s_;
    }
    --class_count_[a];
    ++class_count_[b];
}

void Simulation::reset_observables() {
    std::fill(displacement_A_.begin(), displacement_A_.end(), Eigen::Vector3d::Zero());
    origin_s_ = time_s_;
    class_occupancy_integral_.assign(class_count_.size(), 0.0);
    class_last_change_s_.assign(class_count_.size(), time_s_);
}

std::vector<double> Simulation::mean_class_occupancy() const {
    std::vector<double> occupancy(class_count_.size(), 0.0);
    const double span = time_s_ - origin_s_;
    for (std::size_t c = 0; c < class_count_.size(); ++c) {
        if (class_sites_[c] == 0) continue;
        const double count = static_cast<double>(class_count_[c]);
        const double integral = class_occupancy_integral_[c] + count * (time_s_ - class_last_change_s_[c]);
        occupancy[c] = span > 0.0 ? integral / span : count;
        occupancy[c] /= static_cast<double>(class_sites_[c]);
    }
    return occupancy;
}

}  // namespace ionhop::engine
