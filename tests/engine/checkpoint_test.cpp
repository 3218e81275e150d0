// Checkpoints: an engine saved and restored, a paused run and a replica killed after a
// snapshot all continue on exactly the path of the uninterrupted run (bit for bit).
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <stdexcept>

#include "ionhop/core/error.hpp"
#include "ionhop/engine/placement.hpp"
#include "ionhop/engine/replica_checkpoint.hpp"
#include "ionhop/engine/simulation.hpp"
#include "ionhop/engine/transport.hpp"
#include "ionhop/models/exclusion.hpp"
#include "ionhop/models/pair_interaction.hpp"
#include "support/pair_lattice_table.hpp"
#include "support/transport_fixtures.hpp"

using namespace ionhop;
using engine::RandomStream;
using engine::Selector;
using engine::Simulation;
using engine::StateArchive;

namespace {

// Simple cubic with exclusion within 1.5 A and a repulsion at 1.6-2.01 A: the sum tree
// with every kind of state (blocking counts, interaction fields).
engine::HopTable crowded_table() {
    models::RateModel model;
    model.add<models::ExclusionWithin>(1.5);
    model.add<models::PairInteraction>(1.6, 2.01, 0.03);
    return ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(6, 6, 6), 400.0, model);
}

void expect_same_state(const Simulation& a, const Simulation& b) {
    EXPECT_EQ(a.events(), b.events());
    EXPECT_EQ(a.time_s(), b.time_s());
    EXPECT_EQ(a.ion_sites(), b.ion_sites());
    const auto displacements_a = a.ion_displacements_A();
    const auto displacements_b = b.ion_displacements_A();
    ASSERT_EQ(displacements_a.size(), displacements_b.size());
    for (std::size_t i = 0; i < displacements_a.size(); ++i)
        EXPECT_EQ(displacements_a[i], displacements_b[i]) << "ion " << i;
    EXPECT_EQ(a.mean_class_occupancy(), b.mean_class_occupancy());
    EXPECT_EQ(a.total_rate_Hz(), b.total_rate_Hz());
}

// Runs `first` events, saves, runs `second` more; a Simulation started elsewhere and
// restored from the save must end in the same state.
void check_restore(const engine::HopTable& table, std::size_t ions, std::optional<Selector> selector,
                   Selector expected) {
    RandomStream placement(5, 0);
    const auto sites = engine::place_ions_randomly(table, ions, placement);
    Simulation original(table, sites, RandomStream(11, 3), selector);
    ASSERT_EQ(original.selector(), expected);
    original.run_events(3000);
    original.reset_observables();
    original.run_events(1000);
    const StateArchive saved = original.save_state();
    original.run_events(5000);

    RandomStream other_placement(6, 0);
    Simulation restored(table, engine::place_ions_randomly(table, ions, other_placement), RandomStream(99, 9),
                        selector);
    restored.restore_state(saved);
    restored.run_events(5000);
    expect_same_state(original, restored);
}

}  // namespace

TEST(StateArchive, ReadingNamesTheMissingOrMistypedEntry) {
    StateArchive archive("run.h5");
    archive.put("occupied", std::vector<std::uint8_t>{1, 0, 1});
    archive.put_real("time_s", 2.5);
    EXPECT_EQ(archive.get<std::uint8_t>("occupied", 3).size(), 3u);
    EXPECT_EQ(archive.real("time_s"), 2.5);
    try {
        (void)archive.get<std::uint8_t>("occupied", 4);
        FAIL() << "a wrong size must be refused";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("run.h5: entry 'occupied' holds 3 values where 4"),
                  std::string::npos)
            << error.what();
    }
    EXPECT_THROW((void)archive.get<double>("occupied"), Error);
    try {
        (void)archive.count("events");
        FAIL() << "a missing entry must be refused";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("no entry 'events'"), std::string::npos) << error.what();
    }
    StateArchive outer;
    outer.put_all("sim.", archive);
    EXPECT_EQ(outer.subset("sim.").real("time_s"), 2.5);
    EXPECT_FALSE(outer.subset("other.").contains("time_s"));
}

TEST(StateArchive, BytesRoundTripAndMalformedBytesAreRefused) {
    StateArchive archive("a");
    archive.put("u8", std::vector<std::uint8_t>{0, 255});
    archive.put("i32", std::vector<std::int32_t>{-5});
    archive.put("u32", std::vector<std::uint32_t>{});
    archive.put("i64", std::vector<std::int64_t>{-1, 1});
    archive.put("u64", std::vector<std::uint64_t>{~0ull});
    archive.put("real", std::vector<double>{0.1, -0.0, 1e308});
    archive.put_text("text", "sigma in S/cm");
    const auto bytes = archive.to_bytes();
    const StateArchive back = StateArchive::from_bytes(bytes, "rank 1");
    EXPECT_EQ(back.entries(), archive.entries());
    EXPECT_EQ(back.source(), "rank 1");
    for (const std::size_t cut : {std::size_t{0}, std::size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
        const std::vector<char> truncated(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut));
        EXPECT_THROW((void)StateArchive::from_bytes(truncated, "cut"), Error) << cut;
    }
    auto longer = bytes;
    longer.push_back(0);
    EXPECT_THROW((void)StateArchive::from_bytes(longer, "long"), Error);
}

TEST(RandomStream, StateRebuildsTheSameDrawsFromAnyPosition) {
    for (int used = 0; used < 9; ++used) {
        RandomStream a(3, 7);
        for (int i = 0; i < used; ++i) (void)a.next_u64();
        (void)a.peek_u64(3);  // a peeked lookahead block is not part of the state
        RandomStream b = RandomStream::from_state(a.state());
        for (int i = 0; i < 20; ++i) EXPECT_EQ(a.next_u64(), b.next_u64()) << "after " << used << " draws";
    }
    EXPECT_THROW(RandomStream::from_state({1, 2, 3}), Error);
}

TEST(Checkpoint, RestoredIonTrialsContinueOnTheSamePath) {
    const auto table = ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(8, 8, 8), 300.0);
    check_restore(table, 100, std::nullopt, Selector::ion_trials);
}

TEST(Checkpoint, RestoredRateClassListsContinueOnTheSamePath) {
    // The order inside the lists decides which hop a draw picks: it is saved, not rebuilt.
    const auto table = ionhop::testing::pair_lattice_table(4, 1e3, 1.0);
    check_restore(table, 60, Selector::rate_class_lists, Selector::rate_class_lists);
}

TEST(Checkpoint, RestoredSumTreeWithExclusionsAndInteractionsContinuesOnTheSamePath) {
    check_restore(crowded_table(), 20, std::nullopt, Selector::sum_tree);
}

TEST(Checkpoint, RestoredSiteRateBinsContinueOnTheSamePath) {
    // The incremental site sums and the order inside each bin decide the path: both saved.
    models::RateModel model;
    model.add<models::PairInteraction>(0.0, 1.01, 0.03);
    const auto table =
        ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(6, 6, 6), 300.0, model);
    check_restore(table, 100, Selector::site_bins, Selector::site_bins);
}

TEST(Checkpoint, RestoredInteractionTrialsContinueOnTheSamePath) {
    // The order inside each weight bin decides which ion a draw picks: saved, not rebuilt.
    models::RateModel model;
    model.add<models::PairInteraction>(0.0, 1.01, 0.03);
    model.add<models::PairInteraction>(1.2, 1.5, -0.01);  // second neighbours attract
    const auto table =
        ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(6, 6, 6), 300.0, model);
    check_restore(table, 100, std::nullopt, Selector::interaction_trials);
}

TEST(Checkpoint, RestoringIntoAnotherLatticeIsRefused) {
    const auto small = ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(4, 4, 4), 300.0);
    const auto large = ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(5, 5, 5), 300.0);
    RandomStream placement(5, 0);
    Simulation a(small, engine::place_ions_randomly(small, 10, placement), RandomStream(1, 0));
    Simulation b(large, engine::place_ions_randomly(large, 10, placement), RandomStream(1, 0));
    EXPECT_THROW(b.restore_state(a.save_state()), Error);
    // Another selector on the same lattice is refused too.
    Simulation c(small, a.ion_sites(), RandomStream(1, 0), Selector::sum_tree);
    EXPECT_THROW(c.restore_state(a.save_state()), Error);
}

TEST(Checkpoint, PausedRunsFollowTheUninterruptedPath) {
    const std::vector<engine::HopTable> tables = {
        crowded_table(),
        ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(6, 6, 6), 300.0)};
    for (const auto& table : tables) {
        RandomStream placement(2, 0);
        const auto sites = engine::place_ions_randomly(table, 20, placement);
        Simulation whole(table, sites, RandomStream(4, 1));
        Simulation paused(table, sites, RandomStream(4, 1));
        const double t_end = 2000.0 / whole.total_rate_Hz();
        ASSERT_EQ(whole.run_until(t_end), engine::RunStatus::reached_time);
        int pauses = 0;
        while (paused.run_until(t_end, 37) == engine::RunStatus::paused) ++pauses;
        EXPECT_GT(pauses, 10);
        expect_same_state(whole, paused);
    }
}

namespace {

// A checkpoint in memory that can "die" after a number of saves, as a killed process.
class DyingCheckpoint : public engine::ReplicaCheckpoint {
public:
    struct Killed : std::runtime_error {
        Killed() : std::runtime_error("killed") {}
    };
    double snapshot_interval_s() const override { return 0.0; }  // at every pause
    std::optional<StateArchive> load(const std::string& name) override {
        std::lock_guard<std::mutex> lock(mutex_);
        ++loads;
        const auto found = archives.find(name);
        if (found == archives.end()) return std::nullopt;
        return found->second;
    }
    void save(const std::string& name, const StateArchive& archive) override {
        std::lock_guard<std::mutex> lock(mutex_);
        if (saves_left == 0) throw Killed();
        --saves_left;
        archives[name] = archive;
        if (name.find(".running") != std::string::npos) ++snapshots;
    }
    void remove(const std::string& name) override {
        std::lock_guard<std::mutex> lock(mutex_);
        archives.erase(name);
    }
    std::map<std::string, StateArchive> archives;
    long saves_left = -1;  // negative: never dies
    int snapshots = 0;
    int loads = 0;

private:
    std::mutex mutex_;
};

void expect_same_result(const engine::ReplicaResult& a, const engine::ReplicaResult& b) {
    EXPECT_EQ(a.tracer_D_cm2_per_s, b.tracer_D_cm2_per_s);
    EXPECT_EQ(a.collective_D_cm2_per_s, b.collective_D_cm2_per_s);
    EXPECT_EQ(a.net_displacement_A, b.net_displacement_A);
    EXPECT_EQ(a.class_occupancy, b.class_occupancy);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.production_time_s, b.production_time_s);
    ASSERT_EQ(a.msd.size(), b.msd.size());
    for (std::size_t w = 0; w < a.msd.size(); ++w) {
        EXPECT_EQ(a.msd[w].time_s, b.msd[w].time_s);
        EXPECT_EQ(a.msd[w].tracer_A2, b.msd[w].tracer_A2);
        EXPECT_EQ(a.msd[w].collective_A2, b.msd[w].collective_A2);
        EXPECT_EQ(a.msd[w].net_displacement_A, b.msd[w].net_displacement_A);
    }
    EXPECT_EQ(a.accelerated, b.accelerated);
}

engine::TransportPlan long_plan(std::size_t ions) {
    engine::TransportPlan plan;
    plan.ion_count = ions;
    plan.equilibration_events = 600000;  // three pauses of 2^18 events
    plan.production_events = 1500000;
    plan.blocks = 5;
    plan.seed = 21;
    return plan;
}

}  // namespace

// Runs the replica with a checkpoint that dies after every save (a kill right after each
// snapshot: in equilibration, at the start of production and inside windows), resuming
// each time from the latest snapshot; returns the result and the number of kills.
std::pair<engine::ReplicaResult, int> run_killed_after_every_save(
    const std::shared_ptr<const engine::PreparedTable>& prepared, engine::TransportPlan plan,
    std::uint64_t replica, const std::shared_ptr<DyingCheckpoint>& store) {
    plan.checkpoint = store;
    for (int kills = 0;; ++kills) {
        store->saves_left = 1;
        try {
            return {engine::run_replica(prepared, plan, replica), kills};
        } catch (const DyingCheckpoint::Killed&) {
        }
    }
}

TEST(Checkpoint, ReplicaKilledAfterEachSnapshotResumesToTheUninterruptedResult) {
    const auto table =
        ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(10, 10, 10), 300.0);
    const auto prepared = std::make_shared<const engine::PreparedTable>(table);
    engine::TransportPlan plan = long_plan(300);
    const engine::ReplicaResult uninterrupted = engine::run_replica(prepared, plan, 2);

    auto store = std::make_shared<DyingCheckpoint>();
    const auto [resumed, kills] = run_killed_after_every_save(prepared, plan, 2, store);
    EXPECT_GE(kills, 6) << "the run should have been killed in equilibration and in production";
    expect_same_result(uninterrupted, resumed);
    ASSERT_EQ(store->archives.size(), 1u) << "the snapshot is replaced by the finished result";
    EXPECT_NE(store->archives.begin()->first.find(".done"), std::string::npos);

    // A finished replica is read back, not run again.
    store->saves_left = 0;  // any save would throw
    plan.checkpoint = store;
    expect_same_result(uninterrupted, engine::run_replica(prepared, plan, 2));
}

TEST(Checkpoint, SnapshotOfAnotherPlanIsNotUsed) {
    const auto table = ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(8, 8, 8), 300.0);
    const auto prepared = std::make_shared<const engine::PreparedTable>(table);
    auto store = std::make_shared<DyingCheckpoint>();
    engine::TransportPlan plan = long_plan(100);
    plan.checkpoint = store;
    (void)engine::run_replica(prepared, plan, 0);
    engine::TransportPlan other = plan;
    other.seed = plan.seed + 1;
    other.checkpoint = nullptr;
    const auto expected = engine::run_replica(prepared, other, 0);
    other.checkpoint = store;
    expect_same_result(expected, engine::run_replica(prepared, other, 0));  // ran, not loaded
    EXPECT_EQ(store->archives.size(), 2u);

    // An archive under a replica's name but written by another is refused.
    for (auto& entry : store->archives) entry.second.put_count("key.replica", 77);
    EXPECT_THROW((void)engine::run_replica(prepared, plan, 0), Error);
}

TEST(Checkpoint, EstimateWithACheckpointEqualsOneWithout) {
    const auto table = ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(6, 6, 6), 300.0);
    engine::TransportPlan plan;
    plan.ion_count = 50;
    plan.equilibration_events = 2000;
    plan.production_events = 20000;
    plan.min_replicas = 4;
    plan.max_replicas = 12;
    plan.target_relative_error = 1e-9;  // runs every batch
    const auto without = engine::estimate_transport(table, plan);
    auto store = std::make_shared<DyingCheckpoint>();
    plan.checkpoint = store;
    const auto first = engine::estimate_transport(table, plan);
    EXPECT_EQ(store->archives.size(), 12u);
    const auto again = engine::estimate_transport(table, plan);  // every replica loaded
    for (const auto* est : {&first, &again}) {
        EXPECT_EQ(est->sigma.value, without.sigma.value);
        EXPECT_EQ(est->sigma.standard_error, without.sigma.standard_error);
        EXPECT_EQ(est->tracer_D.value, without.tracer_D.value);
        EXPECT_EQ(est->collective_D_lag_fit.value, without.collective_D_lag_fit.value);
        EXPECT_EQ(est->collective_D_lag_fit.standard_error, without.collective_D_lag_fit.standard_error);
        EXPECT_EQ(est->total_events, without.total_events);
    }
}

// Archives of format 1 lack the net displacements the lag fit needs: refused, with the
// format and what to do in the message, never read as zeros.
TEST(Checkpoint, ArchiveOfTheEarlierFormatIsRefusedByName) {
    const auto table = ionhop::testing::compile_test_lattice("simple-cubic", Eigen::Vector3i(6, 6, 6), 300.0);
    const auto prepared = std::make_shared<const engine::PreparedTable>(table);
    auto store = std::make_shared<DyingCheckpoint>();
    engine::TransportPlan plan;
    plan.ion_count = 50;
    plan.equilibration_events = 2000;
    plan.production_events = 20000;
    plan.blocks = 5;
    plan.checkpoint = store;
    (void)engine::run_replica(prepared, plan, 0);
    ASSERT_EQ(store->archives.size(), 1u);
    for (auto& entry : store->archives) entry.second.put_count("format", 1);
    try {
        (void)engine::run_replica(prepared, plan, 0);
        FAIL() << "an archive of format 1 was read";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("checkpoint format differs from this version's (2)"),
                  std::string::npos)
            << e.what();
    }
}

TEST(Checkpoint, AcceleratedReplicaKilledAfterEachSnapshotResumesToTheUninterruptedResult) {
    // Pairs joined by a fast hop: the accelerated engine runs them, with snapshots at the
    // start of production and at the end of each window, where its basins are resolved.
    const auto table = ionhop::testing::pair_lattice_table(4, 1e6, 1.0);
    const auto prepared = std::make_shared<const engine::PreparedTable>(table);
    engine::TransportPlan plan = long_plan(20);
    plan.equilibration_events = 2000;
    plan.production_events = 20000;
    const auto uninterrupted = engine::run_replica(prepared, plan, 1);
    ASSERT_TRUE(uninterrupted.accelerated);
    auto store = std::make_shared<DyingCheckpoint>();
    const auto [resumed, kills] = run_killed_after_every_save(prepared, plan, 1, store);
    EXPECT_EQ(kills, 1 + plan.blocks) << "one snapshot at the start of production and one per window";
    expect_same_result(uninterrupted, resumed);
}
