// The bound on one replica's memory that runs check against the available memory before
// starting replicas must hold for every selector's state.
#include <gtest/gtest.h>

#include <optional>

#include "ionhop/engine/placement.hpp"
#include "ionhop/engine/simulation.hpp"
#include "ionhop/engine/transport.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/models/compile.hpp"
#include "ionhop/models/exclusion.hpp"
#include "ionhop/models/pair_interaction.hpp"

using namespace ionhop;

namespace {

// Returns the bound over the state's memory.
double bound_over_state(const models::RateModel& model, engine::Selector expected, double fill,
                        std::optional<engine::Selector> forced = std::nullopt) {
    const auto unit = lattices::build_test_lattice("simple-cubic", {});
    const auto table = models::compile_hop_table(unit, {12, 12, 12}, model, models::Conditions{});
    engine::RandomStream stream(3, 0);
    const auto ions =
        engine::place_ions_randomly(table, static_cast<std::size_t>(fill * table.num_sites()), stream);
    const engine::Simulation sim(table, ions, stream, forced);
    EXPECT_EQ(sim.selector(), expected);
    return engine::replica_state_bytes_bound(table) / static_cast<double>(sim.memory_bytes());
}

}  // namespace

TEST(ReplicaMemory, BoundCoversTheStateOfEverySelector) {
    // The bound assumes the largest state: one ion per site and per-hop class lists. It must
    // hold for every selector, and be tight (within 25 %) for the state it describes: an
    // almost full lattice on class lists.
    const double nearly_full = bound_over_state({}, engine::Selector::rate_class_lists, 0.95);
    EXPECT_GE(nearly_full, 1.0);
    EXPECT_LE(nearly_full, 1.25);
    EXPECT_GE(bound_over_state({}, engine::Selector::ion_trials, 0.5), 1.0);
    models::RateModel exclusion;
    exclusion.add<models::ExclusionWithin>(1.01);  // nearest neighbours exclude each other
    EXPECT_GE(bound_over_state(exclusion, engine::Selector::rate_class_lists, 0.2), 1.0);
    models::RateModel repulsion;
    repulsion.add<models::PairInteraction>(0.0, 1.01, 0.03);
    EXPECT_GE(bound_over_state(repulsion, engine::Selector::interaction_trials, 0.5), 1.0);
    EXPECT_GE(bound_over_state(repulsion, engine::Selector::interaction_trials, 0.95,
                               engine::Selector::interaction_trials),
              1.0);
    EXPECT_GE(bound_over_state(repulsion, engine::Selector::site_bins, 0.5, engine::Selector::site_bins),
              1.0);
    EXPECT_GE(bound_over_state(repulsion, engine::Selector::site_bins, 0.95, engine::Selector::site_bins),
              1.0);
    models::RateModel crowded;
    crowded.add<models::PairInteraction>(1.2, 1.5, 0.03);
    crowded.add<models::ExclusionWithin>(1.01);
    EXPECT_GE(bound_over_state(crowded, engine::Selector::sum_tree, 0.2), 1.0);
}
