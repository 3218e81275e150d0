#pragma once
// What every replica running on one HopTable shares, computed once: the table checked;
// for static rates (no pair interactions, at most 64 distinct values) each hop's rate
// class, reverse hop and source site; with interactions, each hop's rate corrected for the
// pair energy between its own ends. Building this per replica cost more than a second
// per replica on a 128^3 lattice.
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "ionhop/engine/hop_table.hpp"
#include "ionhop/engine/interaction_trial_bounds.hpp"
#include "ionhop/engine/site_patterns.hpp"

namespace ionhop::engine {

class PreparedTable {
public:
    static constexpr std::size_t max_rate_classes = 64;
    static constexpr std::size_t max_endpoint_classes = 256;  // rate classes are bytes

    // Validates the table (throws ionhop::Error). The table must outlive this object.
    explicit PreparedTable(const HopTable& table);

    const HopTable& table() const { return table_; }
    bool uses_rate_classes() const { return !class_rates_Hz_.empty(); }
    // Rate-class data; empty unless uses_rate_classes().
    const std::vector<double>& class_rates_Hz() const { return class_rates_Hz_; }
    const std::vector<std::uint8_t>& class_of_hop() const { return class_of_hop_; }
    const std::vector<std::uint32_t>& hop_reverse() const { return hop_reverse_; }
    const std::vector<std::uint32_t>& hop_source() const { return hop_source_; }
    // Rate class of each hop's reverse, stored with the hop so that a site's hops and
    // their reverses are read from one run of memory.
    const std::vector<std::uint8_t>& reverse_class_of_hop() const { return reverse_class_of_hop_; }
    std::uint32_t max_out_degree() const { return max_out_degree_; }
    // hop_rate_Hz * exp(V(from, to) / 2kT); empty without interactions.
    const std::vector<double>& endpoint_rate_Hz() const { return endpoint_rate_Hz_; }
    // With interactions, no exclusion pairs and at most 256 distinct endpoint rates: those
    // rates, indexed by the rate classes of site_patterns()' slots (the site-rate bins
    // selector reads the hops into and out of a site from there); empty otherwise.
    const std::vector<double>& endpoint_class_rates_Hz() const { return endpoint_class_rates_Hz_; }
    // The table folded by translation (site_patterns.hpp), built where the ion-trial
    // selector (static rates) or the site-rate bins (interactions, see above) can run, never
    // with exclusion pairs; empty otherwise. Its rate classes index class_rates_Hz() for
    // static rates and endpoint_class_rates_Hz() with interactions.
    const SitePatterns& site_patterns() const { return site_patterns_; }
    // Bounds of the interaction-trial selector: built with the site patterns where the
    // site-rate bins can run (interactions, no exclusion pairs); empty otherwise.
    const InteractionTrialBounds& interaction_trial_bounds() const { return trial_bounds_; }
    // Positions of the sites that, with the patterns' shifts, give displacements
    // (hop_shifts.hpp): the table's own, or walked from its hops; empty without patterns.
    const std::vector<Eigen::Vector3d>& site_position_A() const {
        return walked_position_A_.empty() ? table_.site_position_A : walked_position_A_;
    }
    std::size_t memory_bytes() const;

private:
    void fold_endpoint_rates();
    void build_site_patterns(const std::vector<std::uint8_t>& class_of_hop,
                             const std::vector<std::uint8_t>& reverse_class_of_hop);

    const HopTable& table_;
    std::vector<double> class_rates_Hz_;
    std::vector<std::uint8_t> class_of_hop_;
    std::vector<std::uint32_t> hop_reverse_;
    std::vector<std::uint32_t> hop_source_;
    std::vector<std::uint8_t> reverse_class_of_hop_;
    std::uint32_t max_out_degree_ = 0;
    std::vector<double> endpoint_rate_Hz_;
    std::vector<double> endpoint_class_rates_Hz_;
    SitePatterns site_patterns_;
    InteractionTrialBounds trial_bounds_;
    std::vector<Eigen::Vector3d> walked_position_A_;
};

}  // namespace ionhop::engine
