#pragma once
// Kinetic Monte Carlo with exact superbasin acceleration (issue 7).
//
// The ions in a basin (basins.hpp) are not simulated hop by hop: their arrangements form
// a small absorbing Markov chain (absorbing_chain.hpp), from which the time and the hop by
// which the basin is next left are drawn exactly; the ions are "hidden" meanwhile. The
// other ions run by BKL on a sum tree. Both parts interact only through hops between them,
// handled exactly by thinning:
// - the rates that involve a hidden basin are bounded: its sites look empty to the outside,
//   and its exits are counted whatever their target holds;
// - when such a hop is drawn, the basin it enters is first resolved (its arrangement at
//   that moment drawn given that it was not left before, Markov property), then the hop is
//   done if it is allowed, and otherwise nothing happens (a null event).
// A resolved basin is hidden again at once with its new ions. Between runs (at the end of
// run_until and run_events) every basin is resolved, so displacements and occupancies are
// those of the full process at that time. Time-averaged occupancies inside a stay come
// from a bridge sample of the basin's arrangement (unbiased). Static rates only (no pair
// interactions); site exclusion and exclusion pairs are exact.
//
// Cost per basin entry: enumerating its arrangements and an eigen decomposition of
// their generator (O(states^3)), once per basin type and entry arrangement (cached, up to
// max_cached_chains); per exit or resolution O(states^2).
#include <Eigen/Dense>
#include <cstdint>
#include <memory>
#include <queue>
#include <unordered_map>
#include <vector>

#include "ionhop/engine/absorbing_chain.hpp"
#include "ionhop/engine/basins.hpp"
#include "ionhop/engine/group_occupancy.hpp"
#include "ionhop/engine/prepared_table.hpp"
#include "ionhop/engine/random_stream.hpp"
#include "ionhop/engine/rate_tree.hpp"
#include "ionhop/engine/simulation.hpp"

namespace ionhop::engine {

struct AccelerationCounters {
    std::uint64_t basin_entries = 0;    // basins hidden (chains built)
    std::uint64_t basin_exits = 0;      // hops out of a hidden basin that were done
    std::uint64_t resolutions = 0;      // basins resolved by an outside hop or a run's end
    std::uint64_t null_events = 0;      // drawn hops found blocked once resolved
    std::uint64_t refused_entries = 0;  // basins left to plain KMC (too many ions or arrangements)
};

class AcceleratedSimulation {
public:
    static constexpr std::size_t max_cached_chains = 1 << 14;

    // `basins` from find_basins on the prepared table; the table must have no pair
    // interactions (ionhop::Error otherwise).
    AcceleratedSimulation(std::shared_ptr<const PreparedTable> prepared,
                          std::shared_ptr<const BasinPartition> basins,
                          const std::vector<std::uint32_t>& ion_sites, RandomStream stream,
                          const AccelerationOptions& options);

    RunStatus run_until(double t_end_s);
    // Runs until `count` hops have been done (hops inside hidden basins are not counted).
    RunStatus run_events(std::uint64_t count);

    double time_s() const { return time_s_; }
    std::uint64_t events() const { return events_; }
    double total_rate_Hz() const { return tree_.total(); }  // all ions visible between runs
    std::size_t num_ions() const { return ion_site_.size(); }
    const std::vector<std::uint32_t>& ion_sites() const { return ion_site_; }
    const std::vector<Eigen::Vector3d>& ion_displacements_A() const { return displacement_A_; }
    void reset_observables();
    std::vector<double> mean_class_occupancy() const { return class_occupancy_.mean(time_s_); }
    std::vector<double> mean_bin_occupancy() const { return bin_occupancy_.mean(time_s_); }
    const AccelerationCounters& counters() const { return counters_; }

    // The state between runs, when every basin is resolved (ions, occupancy, rates, basin
    // versions and refusals, time, counters, random stream, occupancy averages); restored
    // into an AcceleratedSimulation of the same table and partition, the next run follows
    // the saved one's path. The chain cache is not saved: a chain rebuilt from the same
    // basin and entry is the same. ionhop::Error when a basin is hidden (inside a run) or
    // the archive does not fit.
    StateArchive save_state() const;
    void restore_state(const StateArchive& archive);

private:
    // The chain of a basin entered with given ions on given sites: state q puts ion m on
    // local site arrangements[q * ions + m]; state 0 is the entry. Shared by every entry
    // into a basin of the same type with the same local sites occupied.
    struct BasinChain {
        std::vector<std::uint8_t> arrangements;
        AbsorbingChain chain;
    };
    struct ChainKey {
        std::uint64_t type_and_ions;
        std::uint64_t entry;
        bool operator==(const ChainKey& other) const {
            return type_and_ions == other.type_and_ions && entry == other.entry;
        }
    };
    struct ChainKeyHash {
        std::size_t operator()(const ChainKey& key) const {
            return std::hash<std::uint64_t>()(key.type_and_ions * 0x9E3779B97F4A7C15ULL ^ key.entry);
        }
    };
    struct Basin {
        bool hidden = false;
        std::uint32_t version = 0;
        std::vector<std::uint32_t> ions;        // ion indices, in site order at entry
        std::vector<std::uint32_t> entry_site;  // site of each ion at entry
        std::shared_ptr<const BasinChain> chain;
        double entry_time_s = 0.0;
        // Ion count at which the arrangements exceeded the cap: not enumerated again for
        // that count (conservative: plain KMC is exact too).
        std::size_t refused_ions = 0;
    };
    struct ScheduledExit {
        double time_s;
        std::uint32_t basin;
        std::uint32_t version;
        bool operator>(const ScheduledExit& other) const { return time_s > other.time_s; }
    };

    enum class Step { event, past_end, confined, frozen };
    Step step(double t_end_s);
    bool hop_allowed(std::uint32_t hop) const;
    double site_rate(std::uint32_t site) const;
    void refresh_around(std::uint32_t site);
    void set_visible(std::uint32_t site, std::int32_t ion, bool occupied);
    void visible_event(double total_rate_Hz);
    void basin_exit(std::uint32_t basin);
    void move_ion(std::uint32_t hop, std::uint32_t from);
    void try_hide(std::int32_t basin);
    bool enumerate_arrangements(std::uint32_t basin, std::vector<AbsorbingChain::Transition>& transitions,
                                std::vector<double>& exit_rate_Hz);
    void resolve(std::uint32_t basin);            // at time_s_, given no exit
    void reveal(std::uint32_t basin, int state);  // ions made visible in `state`
    void resolve_all();
    bool next_exit(ScheduledExit& exit);
    bool frozen_after_null_streak();
    void hide_all();
    void schedule_exit(std::uint32_t basin);

    std::shared_ptr<const PreparedTable> prepared_;
    const HopTable& table_;
    std::shared_ptr<const BasinPartition> basins_;
    AccelerationOptions options_;
    RandomStream stream_;

    std::vector<std::uint8_t> occupied_;  // visible ions only
    std::vector<std::int32_t> ion_at_;
    std::vector<std::uint32_t> ion_site_;
    std::vector<Eigen::Vector3d> displacement_A_;
    std::vector<std::uint32_t> blocked_by_;  // occupied exclusion partners (visible ions)
    RateTree tree_;
    std::vector<Basin> basin_;
    std::priority_queue<ScheduledExit, std::vector<ScheduledExit>, std::greater<>> exits_;
    std::unordered_map<std::uint64_t, int> arrangement_index_;  // scratch for enumeration
    std::vector<std::uint8_t> arrangements_;
    std::vector<AbsorbingChain::Transition> transitions_;
    std::vector<double> exit_rate_Hz_;
    std::unordered_map<ChainKey, std::shared_ptr<const BasinChain>, ChainKeyHash> chains_;

    double time_s_ = 0.0;
    std::uint64_t events_ = 0;
    std::uint64_t null_streak_ = 0;  // null events since the last hop
    GroupOccupancy class_occupancy_;
    GroupOccupancy bin_occupancy_;
    AccelerationCounters counters_;
};

}  // namespace ionhop::engine
