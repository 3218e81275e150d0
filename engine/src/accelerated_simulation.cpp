#include "ionhop/engine/accelerated_simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/engine/placement.hpp"
#include "occupancy_setup.hpp"

namespace ionhop::engine {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr int bits_per_ion = 6;  // a basin has at most 64 sites

std::uint64_t arrangement_key(const std::uint8_t* local, std::size_t ions) {
    std::uint64_t key = 0;
    for (std::size_t m = 0; m < ions; ++m) key |= static_cast<std::uint64_t>(local[m]) << (bits_per_ion * m);
    return key;
}

}  // namespace

AcceleratedSimulation::AcceleratedSimulation(std::shared_ptr<const PreparedTable> prepared,
                                             std::shared_ptr<const BasinPartition> basins,
                                             const std::vector<std::uint32_t>& ion_sites, RandomStream stream,
                                             const AccelerationOptions& options)
    : prepared_(std::move(prepared)),
      table_(prepared_->table()),
      basins_(std::move(basins)),
      options_(options),
      stream_(stream),
      tree_(1) {
    options_.validate();
    if (table_.has_interactions()) {
        throw Error("acceleration: the table has pair interactions; run without acceleration");
    }
    if (!basins_ || basins_->basin_of_site.size() != table_.num_sites()) {
        throw Error("acceleration: the basin partition was not built for this table");
    }
    check_ion_sites(table_, ion_sites);
    const std::size_t n = table_.num_sites();
    ion_site_ = ion_sites;
    displacement_A_.assign(ion_sites.size(), Eigen::Vector3d::Zero());
    fill_occupancy(table_, ion_sites, occupied_, ion_at_, blocked_by_);
    tree_ = RateTree(n);
    std::vector<double> rates(n, 0.0);
    for (std::uint32_t s = 0; s < n; ++s) {
        if (occupied_[s]) rates[s] = site_rate(s);
    }
    tree_.assign(rates);
    basin_.resize(basins_->num_basins());
    class_occupancy_.reset(table_.site_class, table_.class_names.size(), occupied_, time_s_);
    if (!table_.site_bin.empty()) {
        bin_occupancy_.reset(table_.site_bin, static_cast<std::size_t>(table_.bin_count), occupied_, time_s_);
    }
}

bool AcceleratedSimulation::hop_allowed(std::uint32_t hop) const {
    const std::uint32_t to = table_.hop_target[hop];
    if (occupied_[to]) return false;
    return blocked_by_.empty() || blocked_by_[to] <= table_.hop_endpoints_exclude[hop];
}

double AcceleratedSimulation::site_rate(std::uint32_t site) const {
    double total = 0.0;
    for (std::uint32_t h = table_.hop_begin[site]; h < table_.hop_begin[site + 1]; ++h) {
        if (hop_allowed(h)) total += table_.hop_rate_Hz[h];
    }
    return total;
}

// A site's total rate depends on its own state and its hop targets'; every hop has a
// reverse, so the sites whose totals change with `site` are `site` and its hop targets.
void AcceleratedSimulation::refresh_around(std::uint32_t site) {
    const auto refresh = [this](std::uint32_t s) {
        const double rate = occupied_[s] ? site_rate(s) : 0.0;
        if (rate != tree_.leaf(s)) tree_.set(s, rate);
    };
    refresh(site);
    for (std::uint32_t h = table_.hop_begin[site]; h < table_.hop_begin[site + 1]; ++h)
        refresh(table_.hop_target[h]);
}

void AcceleratedSimulation::set_visible(std::uint32_t site, std::int32_t ion, bool occupied) {
    occupied_[site] = occupied ? 1 : 0;
    ion_at_[site] = occupied ? ion : -1;
    refresh_around(site);
    if (blocked_by_.empty()) return;
    for (std::uint32_t k = table_.exclusion_begin[site]; k < table_.exclusion_begin[site + 1]; ++k) {
        const std::uint32_t partner = table_.exclusion_partner[k];
        if (occupied) {
            ++blocked_by_[partner];
        } else {
            --blocked_by_[partner];
        }
        refresh_around(partner);
    }
}

void AcceleratedSimulation::move_ion(std::uint32_t hop, std::uint32_t from) {
    const std::uint32_t to = table_.hop_target[hop];
    const std::int32_t ion = ion_at_[from];
    displacement_A_[static_cast<std::size_t>(ion)] += table_.displacement_A(hop);
    ion_site_[static_cast<std::size_t>(ion)] = to;
    class_occupancy_.move(table_.site_class[from], table_.site_class[to], time_s_);
    if (!table_.site_bin.empty()) bin_occupancy_.move(table_.site_bin[from], table_.site_bin[to], time_s_);
    set_visible(from, -1, false);
    set_visible(to, ion, true);
    ++events_;
    null_streak_ = 0;
}

bool AcceleratedSimulation::enumerate_arrangements(std::uint32_t b,
                                                   std::vector<AbsorbingChain::Transition>& transitions,
                                                   std::vector<double>& exit_rate_Hz) {
    const BasinPartition& partition = *basins_;
    const Basin& basin = basin_[b];
    const std::size_t k = basin.ions.size();
    const std::uint32_t first = partition.basin_begin[b];
    std::vector<std::uint8_t>& arrangements = arrangements_;
    arrangements.clear();
    arrangement_index_.clear();
    transitions.clear();
    exit_rate_Hz.clear();
    for (const std::uint32_t s : basin.entry_site) arrangements.push_back(partition.local_index[s]);
    arrangement_index_.emplace(arrangement_key(arrangements.data(), k), 0);
    std::uint8_t current[64];
    for (std::size_t q = 0; q * k < arrangements.size(); ++q) {
        std::copy_n(arrangements.begin() + static_cast<std::ptrdiff_t>(q * k), k, current);
        std::uint64_t mask = 0;
        for (std::size_t m = 0; m < k; ++m) mask |= std::uint64_t{1} << current[m];
        double exit_rate = 0.0;
        for (std::size_t m = 0; m < k; ++m) {
            const std::uint32_t site = partition.basin_sites[first + current[m]];
            for (std::uint32_t h = table_.hop_begin[site]; h < table_.hop_begin[site + 1]; ++h) {
                const std::uint32_t target = table_.hop_target[h];
                if (partition.basin_of_site[target] != static_cast<std::int32_t>(b)) {
                    exit_rate += table_.hop_rate_Hz[h];  // bounded: the target is checked at the exit
                    continue;
                }
                const std::uint8_t local = partition.local_index[target];
                if ((mask >> local) & 1U) continue;
                if (!blocked_by_.empty()) {
                    // Exclusion partners of a basin site are in the basin (basins.hpp).
                    std::uint32_t blocking = 0;
                    for (std::uint32_t e = table_.exclusion_begin[target];
                         e < table_.exclusion_begin[target + 1]; ++e) {
                        blocking += (mask >> partition.local_index[table_.exclusion_partner[e]]) & 1U;
                    }
                    if (blocking > table_.hop_endpoints_exclude[h]) continue;
                }
                const std::uint8_t previous = current[m];
                current[m] = local;
                const auto [it, inserted] = arrangement_index_.emplace(
                    arrangement_key(current, k), static_cast<int>(arrangements.size() / k));
                if (inserted) {
                    if (static_cast<std::size_t>(it->second) >= options_.max_basin_states) return false;
                    arrangements.insert(arrangements.end(), current, current + k);
                }
                current[m] = previous;
                transitions.push_back({static_cast<int>(q), it->second, table_.hop_rate_Hz[h]});
            }
        }
        exit_rate_Hz.push_back(exit_rate);
    }
    return true;
}

void AcceleratedSimulation::try_hide(std::int32_t b) {
    if (b < 0) return;
    Basin& basin = basin_[static_cast<std::size_t>(b)];
    if (basin.hidden) return;
    const BasinPartition& partition = *basins_;
    basin.ions.clear();
    basin.entry_site.clear();
    for (std::uint32_t k = partition.basin_begin[b]; k < partition.basin_begin[b + 1]; ++k) {
        const std::uint32_t s = partition.basin_sites[k];
        if (!occupied_[s]) continue;
        basin.ions.push_back(static_cast<std::uint32_t>(ion_at_[s]));
        basin.entry_site.push_back(s);
    }
    if (basin.ions.empty()) return;
    if (basin.ions.size() > options_.max_basin_ions || basin.ions.size() == basin.refused_ions) {
        ++counters_.refused_entries;
        return;
    }
    std::uint8_t entry[64];
    for (std::size_t m = 0; m < basin.ions.size(); ++m) entry[m] = partition.local_index[basin.entry_site[m]];
    const ChainKey key{(static_cast<std::uint64_t>(partition.basin_type[b]) << 8) | basin.ions.size(),
                       arrangement_key(entry, basin.ions.size())};
    const auto cached = chains_.find(key);
    if (cached != chains_.end()) {
        basin.chain = cached->second;
    } else {
        if (!enumerate_arrangements(static_cast<std::uint32_t>(b), transitions_, exit_rate_Hz_)) {
            basin.refused_ions = basin.ions.size();
            ++counters_.refused_entries;
            return;
        }
        basin.chain = std::make_shared<const BasinChain>(
            BasinChain{arrangements_, AbsorbingChain(exit_rate_Hz_.size(), transitions_, exit_rate_Hz_)});
        if (chains_.size() < max_cached_chains) chains_.emplace(key, basin.chain);
    }
    for (const std::uint32_t s : basin.entry_site) set_visible(s, -1, false);
    basin.hidden = true;
    basin.entry_time_s = time_s_;
    ++counters_.basin_entries;
    schedule_exit(static_cast<std::uint32_t>(b));
}

void AcceleratedSimulation::schedule_exit(std::uint32_t b) {
    Basin& basin = basin_[b];
    const double stay = basin.chain->chain.exit_time(0, stream_.uniform_open01());
    if (std::isfinite(stay)) exits_.push({basin.entry_time_s + stay, b, basin.version});
    // Stale entries stay in the queue until they reach the top; keep it from growing.
    if (exits_.size() > 4 * basin_.size() + 64) {
        std::vector<ScheduledExit> live;
        while (!exits_.empty()) {
            const ScheduledExit e = exits_.top();
            exits_.pop();
            if (basin_[e.basin].hidden && basin_[e.basin].version == e.version) live.push_back(e);
        }
        for (const auto& e : live) exits_.push(e);
    }
}

bool AcceleratedSimulation::next_exit(ScheduledExit& exit) {
    while (!exits_.empty()) {
        exit = exits_.top();
        const Basin& basin = basin_[exit.basin];
        if (basin.hidden && basin.version == exit.version) return true;
        exits_.pop();
    }
    return false;
}

void AcceleratedSimulation::reveal(std::uint32_t b, int state) {
    Basin& basin = basin_[b];
    const BasinPartition& partition = *basins_;
    const std::size_t k = basin.ions.size();
    const std::uint32_t first = partition.basin_begin[b];
    const auto site_of = [&](int q, std::size_t m) {
        return partition.basin_sites[first + basin.chain->arrangements[static_cast<std::size_t>(q) * k + m]];
    };
    const double stay = time_s_ - basin.entry_time_s;
    if (stay > 0.0) {
        // Occupancy over the stay: the ions were counted on their entry sites; count them
        // instead where a bridge sample at a uniform time of the stay puts them.
        const int middle = basin.chain->chain.bridge_state(0, state, stream_.uniform_open01() * stay, stay,
                                                           stream_.uniform_open01());
        for (std::size_t m = 0; m < k; ++m) {
            const std::uint32_t there = site_of(middle, m);
            class_occupancy_.shift(table_.site_class[basin.entry_site[m]], table_.site_class[there], stay);
            if (!table_.site_bin.empty()) {
                bin_occupancy_.shift(table_.site_bin[basin.entry_site[m]], table_.site_bin[there], stay);
            }
        }
    }
    basin.hidden = false;
    ++basin.version;
    for (std::size_t m = 0; m < k; ++m) {
        const std::uint32_t entry = basin.entry_site[m];
        const std::uint32_t now = site_of(state, m);
        const std::uint32_t ion = basin.ions[m];
        displacement_A_[ion] += partition.offset_A[now] - partition.offset_A[entry];
        ion_site_[ion] = now;
        class_occupancy_.move(table_.site_class[entry], table_.site_class[now], time_s_);
        if (!table_.site_bin.empty())
            bin_occupancy_.move(table_.site_bin[entry], table_.site_bin[now], time_s_);
        set_visible(now, static_cast<std::int32_t>(ion), true);
    }
}

void AcceleratedSimulation::resolve(std::uint32_t b) {
    Basin& basin = basin_[b];
    reveal(b, basin.chain->chain.state_at(0, time_s_ - basin.entry_time_s, stream_.uniform_open01()));
    ++counters_.resolutions;
}

void AcceleratedSimulation::resolve_all() {
    for (std::uint32_t b = 0; b < basin_.size(); ++b) {
        if (basin_[b].hidden) resolve(b);
    }
}

void AcceleratedSimulation::visible_event(double total_rate_Hz) {
    double target = stream_.uniform_open01() * total_rate_Hz;
    const auto from = static_cast<std::uint32_t>(tree_.select(target));
    std::uint32_t chosen = table_.hop_begin[from + 1];
    double cumulative = 0.0;
    for (std::uint32_t h = table_.hop_begin[from]; h < table_.hop_begin[from + 1]; ++h) {
        if (!hop_allowed(h)) continue;
        chosen = h;
        cumulative += table_.hop_rate_Hz[h];
        if (target < cumulative) break;
    }
    const std::uint32_t to = table_.hop_target[chosen];
    const std::int32_t entered = basins_->basin_of_site[to];
    if (entered >= 0 && basin_[static_cast<std::size_t>(entered)].hidden) {
        resolve(static_cast<std::uint32_t>(entered));
    }
    if (hop_allowed(chosen)) {
        move_ion(chosen, from);
        try_hide(basins_->basin_of_site[from]);
    } else {
        ++counters_.null_events;
        ++null_streak_;
    }
    try_hide(entered);
}

void AcceleratedSimulation::basin_exit(std::uint32_t b) {
    Basin& basin = basin_[b];
    const BasinPartition& partition = *basins_;
    const std::size_t k = basin.ions.size();
    const std::uint32_t first = partition.basin_begin[b];
    const int state =
        basin.chain->chain.exit_state(0, time_s_ - basin.entry_time_s, stream_.uniform_open01());
    // The exit hop, in proportion to its rate among the exits of that arrangement.
    double total = 0.0;
    for (std::size_t m = 0; m < k; ++m) {
        const std::uint32_t site =
            partition.basin_sites[first + basin.chain->arrangements[static_cast<std::size_t>(state) * k + m]];
        for (std::uint32_t h = table_.hop_begin[site]; h < table_.hop_begin[site + 1]; ++h) {
            if (partition.basin_of_site[table_.hop_target[h]] != static_cast<std::int32_t>(b))
                total += table_.hop_rate_Hz[h];
        }
    }
    double target = stream_.uniform_open01() * total;
    std::uint32_t chosen = 0;
    std::uint32_t from = 0;
    bool found = false;
    for (std::size_t m = 0; m < k && !found; ++m) {
        const std::uint32_t site =
            partition.basin_sites[first + basin.chain->arrangements[static_cast<std::size_t>(state) * k + m]];
        for (std::uint32_t h = table_.hop_begin[site]; h < table_.hop_begin[site + 1]; ++h) {
            if (partition.basin_of_site[table_.hop_target[h]] == static_cast<std::int32_t>(b)) continue;
            chosen = h;  // the last exit is the fallback if rounding leaves target above
            from = site;
            target -= table_.hop_rate_Hz[h];
            if (target < 0.0) {
                found = true;
                break;
            }
        }
    }
    const std::uint32_t to = table_.hop_target[chosen];
    const std::int32_t entered = partition.basin_of_site[to];
    if (entered >= 0 && basin_[static_cast<std::size_t>(entered)].hidden)
        resolve(static_cast<std::uint32_t>(entered));
    reveal(b, state);
    if (hop_allowed(chosen)) {
        move_ion(chosen, from);
        ++counters_.basin_exits;
    } else {
        ++counters_.null_events;
        ++null_streak_;
    }
    try_hide(static_cast<std::int32_t>(b));
    try_hide(entered);
}

void AcceleratedSimulation::hide_all() {
    for (std::uint32_t b = 0; b < basin_.size(); ++b) try_hide(static_cast<std::int32_t>(b));
}

// Bounded exits of full basins into full surroundings are all refused: a state in which
// no ion can move would spin on null events. After a long streak of them, resolve every
// basin: with all ions visible, the tree holds the plain process's exact total rate.
bool AcceleratedSimulation::frozen_after_null_streak() {
    if (null_streak_ < 1000 + 10 * basin_.size()) return false;
    null_streak_ = 0;
    resolve_all();
    if (!(tree_.total() > 0.0)) return true;
    hide_all();
    return false;
}

// One event before t_end_s, or why there is none.
AcceleratedSimulation::Step AcceleratedSimulation::step(double t_end_s) {
    if (frozen_after_null_streak()) return Step::frozen;
    const double total = tree_.total();
    ScheduledExit exit{infinity, 0, 0};
    const bool has_exit = next_exit(exit);
    if (!(total > 0.0) && !has_exit) {
        const bool any_hidden =
            std::any_of(basin_.begin(), basin_.end(), [](const Basin& b) { return b.hidden; });
        return any_hidden ? Step::confined : Step::frozen;
    }
    const double t_visible = total > 0.0 ? time_s_ - std::log(stream_.uniform_open01()) / total : infinity;
    if (std::min(t_visible, exit.time_s) >= t_end_s) return Step::past_end;
    if (t_visible < exit.time_s) {
        time_s_ = t_visible;
        visible_event(total);
    } else {
        time_s_ = exit.time_s;
        exits_.pop();
        basin_exit(exit.basin);
    }
    return Step::event;
}

RunStatus AcceleratedSimulation::run_until(double t_end_s) {
    hide_all();
    while (time_s_ < t_end_s) {
        const Step result = step(t_end_s);
        if (result == Step::frozen) {
            resolve_all();
            return RunStatus::frozen;
        }
        // Confined: ions move only inside basins they never leave; run out the clock.
        if (result != Step::event) break;
    }
    time_s_ = std::max(time_s_, t_end_s);
    resolve_all();
    return RunStatus::reached_time;
}

RunStatus AcceleratedSimulation::run_events(std::uint64_t count) {
    hide_all();
    const std::uint64_t goal = events_ + count;
    while (events_ < goal) {
        if (step(infinity) != Step::event) {  // no hop will ever be done
            resolve_all();
            return RunStatus::frozen;
        }
    }
    resolve_all();
    return RunStatus::reached_time;
}

StateArchive AcceleratedSimulation::save_state() const {
    std::vector<std::uint32_t> versions;
    std::vector<std::uint64_t> refused;
    for (const Basin& basin : basin_) {
        if (basin.hidden)
            throw Error("acceleration: the state is saved between runs only (a basin is hidden)");
        versions.push_back(basin.version);
        refused.push_back(basin.refused_ions);
    }
    StateArchive archive;
    archive.put_text("engine", "accelerated");
    save_ions(archive, occupied_, ion_at_, ion_site_, displacement_A_, blocked_by_);
    archive.put("tree_leaves", tree_.leaves());
    archive.put("basin_version", std::move(versions));
    archive.put("basin_refused_ions", std::move(refused));
    archive.put_real("time_s", time_s_);
    archive.put_count("events", events_);
    archive.put_count("null_streak", null_streak_);
    archive.put("counters", std::vector<std::uint64_t>{counters_.basin_entries, counters_.basin_exits,
                                                       counters_.resolutions, counters_.null_events,
                                                       counters_.refused_entries});
    archive.put("stream", stream_.state());
    class_occupancy_.save(archive, "class_occupancy.");
    bin_occupancy_.save(archive, "bin_occupancy.");
    return archive;
}

void AcceleratedSimulation::restore_state(const StateArchive& archive) {
    const std::string& source = archive.source();
    if (!archive.contains("engine") || archive.text("engine") != "accelerated") {
        throw Error(source +
                    ": saved by the plain engine, not the accelerated one (another table or version?)");
    }
    const std::size_t n = table_.num_sites();
    restore_ions(archive, {occupied_, ion_at_, ion_site_, displacement_A_, blocked_by_});
    tree_.assign(archive.get<double>("tree_leaves", n));
    const auto& versions = archive.get<std::uint32_t>("basin_version", basin_.size());
    const auto& refused = archive.get<std::uint64_t>("basin_refused_ions", basin_.size());
    for (std::size_t b = 0; b < basin_.size(); ++b) {
        basin_[b] = Basin{};
        basin_[b].version = versions[b];
        basin_[b].refused_ions = static_cast<std::size_t>(refused[b]);
    }
    exits_ = {};  // every entry of a resolved basin is stale
    time_s_ = archive.real("time_s");
    events_ = archive.count("events");
    null_streak_ = archive.count("null_streak");
    const auto& counters = archive.get<std::uint64_t>("counters", 5);
    counters_ = {counters[0], counters[1], counters[2], counters[3], counters[4]};
    stream_ = RandomStream::from_state(archive.get<std::uint64_t>("stream"));
    class_occupancy_.restore(archive, "class_occupancy.");
    bin_occupancy_.restore(archive, "bin_occupancy.");
}

void AcceleratedSimulation::reset_observables() {
    resolve_all();
    std::fill(displacement_A_.begin(), displacement_A_.end(), Eigen::Vector3d::Zero());
    class_occupancy_.restart(time_s_);
    bin_occupancy_.restart(time_s_);
}

}  // namespace ionhop::engine
