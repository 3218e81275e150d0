#pragma once
// Kinetic Monte Carlo (BKL / n-fold way; Bortz, Kalos, Lebowitz, J. Comput. Phys. 17, 10
// (1975)) of ions hopping on a HopTable with site exclusion, exclusion pairs and pair
// interactions. Every event is a hop; the site-rate bins reach it through rejected trials,
// whose waiting times add up to the exact exponential one (thinning).
//
// Rate of hop h: from -> to, with `to` empty and no exclusion partner of `to` occupied
// (other than the hopping ion itself):
//   k_h = hop_rate_Hz[h] * exp(-(phi(to) - V(from, to) - phi(from)) / (2 kT)),
// phi(s) = sum of pair energies of s with the occupied sites. The static part already
// holds E_KRA, site energies and the field, so detailed balance holds exactly.
//
// Hot loop: flat arrays, no allocation per event; after a hop only the rates that can
// change are redone. Four selectors, all exact (same distribution of paths):
// - ion trials: static rates, no exclusion pairs, and most (ion, hop) pairs allowed (a
//   lattice gas well below full): draw an ion and one of its hop slots uniformly, accept
//   with probability rate / max rate if the target is empty, else draw again
//   (composition-rejection, Slepoy, Thompson, Plimpton, J. Chem. Phys. 128, 205101
//   (2008)). The total rate is kept exactly as counts of allowed hops per rate class, so
//   time advances as in BKL; only the state (occupancy, ions) is touched per event.
// - rate-class lists: static rates with at most 64 distinct values: the allowed hops of
//   each class in a list (O(1), see rate_class_lists.hpp);
// - site-rate bins: pair interactions without exclusion pairs: per-site rate totals kept
//   up to date by local increments, sites grouped by the binary exponent of their rate and
//   drawn by composition-rejection (site_rate_bins.hpp); O(1) per update and per draw.
// - interaction trials: pair interactions without exclusion pairs, when most of the bound
//   below is taken up by real hops: an ion is drawn with weight exp(+phi_i / 2kT) W_i (a
//   bound on its total rate from its own field and its empty targets), a hop slot to an
//   empty target by its bound rate, and the trial is accepted with probability
//   exp(-(phi_j - F) / 2kT) (interaction_trial_bounds.hpp). A hop moves only the bins of
//   the ions around its ends (about 6 with nearest-neighbour repulsion at half filling) and
//   takes no exponential: bins are keyed by log-weight (log_weight_bins.hpp). The waiting
//   time is the sum of the trials' gaps at the bound rate (thinning), exactly exponential.
// - sum tree: otherwise (pair interactions with exclusion pairs), per-site rate totals in
//   an 8-ary tree (O(log N)).
#include <Eigen/Dense>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "ionhop/engine/group_occupancy.hpp"
#include "ionhop/engine/hop_table.hpp"
#include "ionhop/engine/log_weight_bins.hpp"
#include "ionhop/engine/prepared_table.hpp"
#include "ionhop/engine/random_stream.hpp"
#include "ionhop/engine/rate_class_lists.hpp"
#include "ionhop/engine/rate_tree.hpp"
#include "ionhop/engine/site_rate_bins.hpp"
#include "ionhop/engine/state_archive.hpp"

namespace ionhop::engine {

enum class RunStatus { reached_time, frozen, paused };

enum class Selector { ion_trials, rate_class_lists, sum_tree, site_bins, interaction_trials };
const char* selector_name(Selector selector);

class Simulation {
public:
    // ion_sites: the initial site of each ion (distinct, mobile, no exclusion conflict).
    // Replicas of one table should share one PreparedTable (built once); the HopTable
    // overload prepares its own.
    // `forced` picks a selector instead of the fastest applicable one (tests compare them);
    // ionhop::Error if it cannot serve the table.
    Simulation(std::shared_ptr<const PreparedTable> prepared, const std::vector<std::uint32_t>& ion_sites,
               RandomStream stream, std::optional<Selector> forced = std::nullopt);
    Simulation(const HopTable& table, const std::vector<std::uint32_t>& ion_sites, RandomStream stream,
               std::optional<Selector> forced = std::nullopt);

    // Runs events until the simulated time reaches t_end_s. Returns `frozen` (state and
    // time unchanged) if no hop is possible. Exact: the waiting time is memoryless, so the
    // draw that would pass t_end is discarded.
    RunStatus run_until(double t_end_s);
    // The same, but returns `paused` once `max_events` events are done in this call; a
    // paused run continued by run_until(t_end_s) follows the same path as an uninterrupted
    // one (nothing is drawn and discarded at a pause), so checkpoints can be taken there.
    RunStatus run_until(double t_end_s, std::uint64_t max_events);
    // Runs exactly `count` events (fewer if frozen); returns the status.
    RunStatus run_events(std::uint64_t count);

    double time_s() const { return time_s_; }
    std::uint64_t events() const { return events_; }
    double total_rate_Hz() const;
    Selector selector() const { return selector_; }
    // Interaction trials drawn so far, accepted or not (0 for the other selectors): with
    // events() the acceptance the benchmarks report. Not part of the saved state.
    std::uint64_t interaction_trials() const { return trials_; }
    std::size_t num_ions() const { return ion_site_.size(); }
    const std::vector<std::uint32_t>& ion_sites() const { return ion_site_; }
    bool occupied(std::size_t site) const { return occupied_[site] != 0; }
    std::size_t memory_bytes() const;  // heap memory of the state, not counting shared tables

    // Unwrapped displacement of each ion since the last reset (Angstrom), computed on call.
    std::vector<Eigen::Vector3d> ion_displacements_A() const;
    // Sets the time origin for displacements, time and occupancy averages to now.
    void reset_observables();
    // Time-averaged fraction of occupied sites of each class since the last reset.
    std::vector<double> mean_class_occupancy() const;
    // The same per profile bin of the table (empty when the table has none).
    std::vector<double> mean_bin_occupancy() const;

    // The whole state: occupancy, ions, displacements, interaction fields, the selector's
    // lists or tree, time, event count, random stream and occupancy averages. Restored into
    // a Simulation of the same table (any initial ions), it continues exactly as the saved
    // one would have. restore_state throws ionhop::Error naming what does not fit.
    StateArchive save_state() const;
    void restore_state(const StateArchive& archive);

private:
    double hop_rate(std::uint32_t hop, std::uint32_t from) const;
    double site_total_rate(std::uint32_t site) const;
    void perform_event(double total_rate_Hz);
    void execute_hop(std::uint32_t hop, std::uint32_t from);
    void mark_changed(std::uint32_t site);
    void refresh_marked_sites();
    void refresh_hop(std::uint32_t hop, std::uint32_t from);
    void set_hop_allowed(std::uint32_t hop, bool allowed);
    void set_interaction_field(std::uint32_t site, double phi_eV);
    // Moves the ion on `from` to the empty `to`: occupancy, ion arrays, group counts.
    // Returns the ion; its displacement is the caller's to add.
    std::uint32_t move_ion(std::uint32_t from, std::uint32_t to);
    void move_group_counts(std::uint32_t from, std::uint32_t to);
    void choose_selector(std::optional<Selector> forced);
    template <typename PatternId>
    void perform_ion_trial_event(const PatternId* pattern_of);
    template <typename PatternId>
    void count_allowed_hop_changes(const PatternId* pattern_of, std::uint32_t from, std::uint32_t to);
    // Site-rate bins (simulation_site_bins.cpp).
    RunStatus run_site_bins(double t_end_s, std::uint64_t max_events);
    void perform_site_bins_event(std::uint32_t from);
    void execute_site_bins_hop(std::uint32_t from, std::uint32_t to, std::uint32_t shift);
    void update_site_factors(std::uint32_t site);
    void update_site_rate(std::uint32_t site);
    void recompute_site_bins();
    // Interaction trials (simulation_interaction_trials.cpp).
    void start_interaction_trials();
    RunStatus run_interaction_trials(double t_end_s, std::uint64_t max_events);
    void execute_interaction_trial_hop(std::uint32_t from, const SitePatterns::Slot& slot);
    void set_trial_weight(std::uint32_t site);
    double trial_log_weight(std::uint32_t site) const;  // ln of its bound; its mask not empty
    std::uint32_t empty_target_mask(std::uint32_t site) const;
    std::vector<double> trial_log_weights() const;  // per site, NaN where no ion can hop
    double interaction_trials_total_rate_Hz() const;

    std::shared_ptr<const PreparedTable> prepared_;
    const HopTable& table_;
    RandomStream stream_;
    double inverse_two_kT_ = 0.0;  // 1 / (2 kT), 1/eV

    std::vector<std::uint8_t> occupied_;
    std::vector<std::int32_t> ion_at_;  // ion index on a site, -1 if empty
    std::vector<std::uint32_t> ion_site_;
    // Displacements (hop_shifts.hpp): with site positions (the selectors that read site
    // patterns), an ion's displacement is position(site) - position(origin site) + the
    // sum of the shifts of its hops, written only for hops across the box; without, the
    // sum of its hops' displacements.
    std::vector<Eigen::Vector3d> shift_sum_A_;
    std::vector<std::uint32_t> origin_site_;            // site of each ion at the reset
    const Eigen::Vector3d* site_position_A_ = nullptr;  // shared; null without positions
    std::vector<std::uint32_t> blocked_by_;             // occupied exclusion partners per site
    std::vector<double> phi_eV_;                        // interaction field per site
    std::vector<double> boltzmann_half_;                // exp(-phi / 2kT)
    std::vector<double> inverse_boltzmann_half_;        // exp(+phi / 2kT)
    const double* endpoint_rate_Hz_ = nullptr;          // shared, see PreparedTable

    Selector selector_ = Selector::sum_tree;
    RateClassLists classes_;
    const std::uint32_t* hop_reverse_ = nullptr;  // class mode, shared: reverse of each hop
    const std::uint32_t* hop_source_ = nullptr;   // class mode, shared: site each hop leaves
    RateTree tree_;
    // Site-rate bins: what an update of one site's rate reads, kept with its bin entry.
    struct SiteFlow {
        double sum_Hz = 0.0;          // sum over hops out: endpoint rate * target factor of the target
        double source = 0.0;          // exp(+phi / 2kT) if occupied, else 0
        double target = 0.0;          // exp(-phi / 2kT) if empty, else 0
        std::uint32_t available = 0;  // empty targets: with none, sum_Hz is exactly 0
    };
    SiteRateBins<SiteFlow> site_bins_;
    const double* endpoint_class_rate_Hz_ = nullptr;  // shared: rates of patterns_' classes
    std::uint64_t recompute_interval_ = 0;            // sums redone from scratch every so many events
    std::uint64_t next_recompute_ = 0;                // at this event count
    // Interaction trials: ions binned by the log of their rate bound; per site, the bit mask
    // of its slots whose target is empty.
    LogWeightBins trial_bins_;
    std::vector<std::uint32_t> trial_mask_;
    std::uint64_t trials_ = 0;
    const InteractionTrialBounds* trial_bounds_ = nullptr;  // shared, see PreparedTable
    // Ion trials: allowed hops per rate class; the hops of each site read from the shared
    // site patterns (ion_at_ is not kept: the drawn ion is known).
    std::vector<std::int64_t> allowed_per_class_;
    std::vector<double> class_rates_Hz_;
    const SitePatterns* patterns_ = nullptr;
    double max_class_rate_Hz_ = 0.0;
    std::uint32_t max_out_degree_ = 0;
    std::vector<std::uint32_t> changed_;  // scratch, reserved once
    std::vector<std::uint32_t> refresh_stamp_;
    std::uint32_t stamp_ = 0;

    double time_s_ = 0.0;
    std::uint64_t events_ = 0;
    double origin_s_ = 0.0;
    GroupOccupancy class_occupancy_;
    GroupOccupancy bin_occupancy_;
};

}  // namespace ionhop::engine
