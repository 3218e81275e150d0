// A sweep spread over processes, here threads standing in for MPI ranks with a gather
// through shared memory: process 0's result equals one process's, bit for bit, every
// process runs its share, and none is run again; with a checkpoint store they all share,
// a sweep resumes from it with any number of processes and runs only what was lost.
#include "ionhop/runs/distributed_sweep.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <mutex>
#include <thread>

#include "ionhop/core/error.hpp"
#include "ionhop/engine/memory_checkpoint.hpp"
#include "support/stack_sweep_config.hpp"

namespace ionhop::runs {
namespace {

const std::string kSweep = R"(
[lattice]
material = "llzo"
[doping]
dopant = "Ta"
per_formula_unit = 0.0
[run]
temperatures_K = [500.0, 600.0]
supercell = [1, 1, 1]
min_replicas = 3
max_replicas = 6
target_relative_error = 0.02
events_per_ion = 20
seed = 3
[[sweep]]
key = "doping.per_formula_unit"
values = "0:0.75:0.25"
)";

// A gather among threads: each deposits its bytes, the first collects them in rank order.
class ThreadGather {
public:
    explicit ThreadGather(int size) : sync_(size), deposits_(static_cast<std::size_t>(size)) {}
    std::vector<std::vector<char>> gather(int rank, const std::vector<char>& bytes) {
        deposits_[static_cast<std::size_t>(rank)] = bytes;
        sync_.arrive_and_wait();
        std::vector<std::vector<char>> all;
        if (rank == 0) all = deposits_;
        sync_.arrive_and_wait();
        return all;
    }

private:
    std::barrier<> sync_;
    std::vector<std::vector<char>> deposits_;
};

// Process 0's result when `size` threads run `config` as the processes of a group.
std::optional<SweepResult> run_as_processes(const RunConfig& config, int size, DistributionStats& stats) {
    ThreadGather gather(size);
    std::barrier<> meet(size);
    std::optional<SweepResult> first;
    std::vector<std::thread> processes;
    for (int rank = 0; rank < size; ++rank) {
        processes.emplace_back([&, rank] {
            ProcessGroup group{
                rank, size,
                [&gather, rank](const std::vector<char>& bytes) { return gather.gather(rank, bytes); },
                [&meet] { meet.arrive_and_wait(); }};
            auto result = run_distributed_sweep(config, group, {}, rank == 0 ? &stats : nullptr);
            if (rank == 0) {
                first = std::move(result);
            } else {
                EXPECT_FALSE(result.has_value());
            }
        });
    }
    for (auto& p : processes) p.join();
    return first;
}

void expect_bitwise_equal(const SweepResult& alone, const SweepResult& first) {
    ASSERT_EQ(first.points.size(), alone.points.size());
    for (std::size_t i = 0; i < alone.points.size(); ++i) {
        const auto& a = alone.points[i].prediction.points;
        const auto& b = first.points[i].prediction.points;
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t t = 0; t < a.size(); ++t) {
            EXPECT_EQ(a[t].estimate.sigma.value, b[t].estimate.sigma.value) << i << ", " << t;
            EXPECT_EQ(a[t].estimate.sigma.standard_error, b[t].estimate.sigma.standard_error);
            EXPECT_EQ(a[t].estimate.haven_ratio.value, b[t].estimate.haven_ratio.value);
            EXPECT_EQ(a[t].estimate.replicas.size(), b[t].estimate.replicas.size());
            EXPECT_EQ(a[t].estimate.total_events, b[t].estimate.total_events);
        }
        ASSERT_EQ(alone.points[i].prediction.arrhenius.has_value(),
                  first.points[i].prediction.arrhenius.has_value());
        if (alone.points[i].prediction.arrhenius) {
            EXPECT_EQ(alone.points[i].prediction.arrhenius->activation_energy_eV.value,
                      first.points[i].prediction.arrhenius->activation_energy_eV.value);
        }
    }
}

// A store every process shares (as a checkpoint folder on a shared filesystem), counting
// the replicas saved into it and those loaded from it.
class SharedStore final : public engine::ReplicaCheckpoint {
public:
    double snapshot_interval_s() const override { return memory_.snapshot_interval_s(); }
    std::optional<engine::StateArchive> load(const std::string& name) override {
        auto archive = memory_.load(name);
        if (archive) ++loaded;
        return archive;
    }
    void save(const std::string& name, const engine::StateArchive& archive) override {
        ++saved;
        memory_.save(name, archive);
    }
    void remove(const std::string& name) override { memory_.remove(name); }
    std::size_t size() const { return memory_.size(); }
    // Forgets every other archive, as if the run had been killed before saving them.
    std::size_t forget_half() {
        const engine::StateArchive all = engine::StateArchive::from_bytes(memory_.to_bytes(), "store");
        std::size_t forgotten = 0;
        std::size_t i = 0;
        for (const auto& [name, entry] : all.entries()) {
            if (i++ % 2 != 0) continue;
            memory_.remove(name);
            ++forgotten;
        }
        return forgotten;
    }

    std::atomic<std::size_t> saved{0};
    std::atomic<std::size_t> loaded{0};

private:
    engine::MemoryCheckpoint memory_;
};

std::size_t sum(const std::vector<std::size_t>& values) {
    std::size_t total = 0;
    for (const std::size_t v : values) total += v;
    return total;
}

}  // namespace

TEST(DistributedSweep, FirstProcessGetsTheSingleProcessResultBitForBit) {
    const RunConfig config = parse_run_config(kSweep, "sweep.toml", ".");
    const SweepResult alone = run_sweep(config);
    DistributionStats stats;
    const std::optional<SweepResult> first = run_as_processes(config, 3, stats);
    ASSERT_TRUE(first.has_value());
    expect_bitwise_equal(alone, *first);
    // Four points over three processes: 2, 1 and 1 points, each with its replicas.
    ASSERT_EQ(stats.replicas_per_process.size(), 3u);
    for (const std::size_t n : stats.replicas_per_process) EXPECT_GE(n, 6u);  // 2 temperatures x 3 replicas
    EXPECT_EQ(stats.replicas_run_again, 0u);
}

// The layers-alone runs of a stack's resistance split are part of a point's work: each
// process runs them for its points and sends their replicas, so process 0 runs nothing again
// and gets the single-process split.
TEST(DistributedSweep, StackPointsBringTheirLayerRunsAlong) {
    const RunConfig config =
        parse_run_config(testing::stack_sweep_config("[600.0]", "[0.4, 0.6, 1.0]"), "stack.toml", ".");
    const SweepResult alone = run_sweep(config);
    DistributionStats stats;
    const std::optional<SweepResult> first = run_as_processes(config, 2, stats);
    ASSERT_TRUE(first.has_value());
    expect_bitwise_equal(alone, *first);
    EXPECT_EQ(stats.replicas_run_again, 0u);
    // Every distinct replica of the sweep came from the processes: the stacks' (2 per point)
    // and the layers' alone (runs that come out identical, as one layer at the same ion
    // count in two points, share theirs).
    RunConfig counted = config;
    const auto store = std::make_shared<engine::MemoryCheckpoint>();
    counted.settings.checkpoint = store;
    (void)run_sweep(counted);
    EXPECT_GT(store->size(), 3u * 2u);
    EXPECT_EQ(sum(stats.replicas_per_process), store->size());
    for (std::size_t i = 0; i < alone.points.size(); ++i) {
        ASSERT_EQ(first->points[i].resistance.stack.size(), 1u);
        const StackResistance& a = alone.points[i].resistance.stack[0];
        const StackResistance& b = first->points[i].resistance.stack[0];
        EXPECT_EQ(a.asr_total_Ohm_cm2.value, b.asr_total_Ohm_cm2.value);
        EXPECT_EQ(a.asr_interfaces_Ohm_cm2.value, b.asr_interfaces_Ohm_cm2.value);
        EXPECT_EQ(a.asr_interfaces_Ohm_cm2.standard_error, b.asr_interfaces_Ohm_cm2.standard_error);
    }
}

TEST(DistributedSweep, ProcessesShareOneCheckpointAndResumeFromItWithAnyNumberOfProcesses) {
    RunConfig config = parse_run_config(kSweep, "sweep.toml", ".");
    const SweepResult alone = run_sweep(config);
    const auto store = std::make_shared<SharedStore>();
    config.settings.checkpoint = store;

    // Three processes save every finished replica into the shared store as they run.
    DistributionStats stats;
    auto first = run_as_processes(config, 3, stats);
    ASSERT_TRUE(first.has_value());
    expect_bitwise_equal(alone, *first);
    const std::size_t replicas = sum(stats.replicas_per_process);
    EXPECT_EQ(store->saved.load(), replicas);
    EXPECT_EQ(store->size(), replicas);

    // Resumed by two processes from the complete store: every replica loaded, none run.
    store->saved = 0;
    store->loaded = 0;
    first = run_as_processes(config, 2, stats);
    ASSERT_TRUE(first.has_value());
    expect_bitwise_equal(alone, *first);
    EXPECT_EQ(store->saved.load(), 0u);
    EXPECT_EQ(store->loaded.load(), replicas);
    EXPECT_EQ(sum(stats.replicas_per_process), replicas);  // the loaded ones are gathered too
    EXPECT_EQ(stats.replicas_run_again, 0u);

    // Killed half-way (half the replicas lost): the resumed sweep runs exactly those again.
    const std::size_t forgotten = store->forget_half();
    ASSERT_GT(forgotten, 0u);
    store->saved = 0;
    store->loaded = 0;
    first = run_as_processes(config, 3, stats);
    ASSERT_TRUE(first.has_value());
    expect_bitwise_equal(alone, *first);
    EXPECT_EQ(store->saved.load(), forgotten);
    EXPECT_EQ(store->loaded.load(), replicas - forgotten);
    EXPECT_EQ(stats.replicas_run_again, 0u);
}

TEST(DistributedSweep, MalformedGroupIsRefused) {
    const RunConfig config = parse_run_config(kSweep, "sweep.toml", ".");
    EXPECT_THROW((void)run_distributed_sweep(config, ProcessGroup{2, 2, {}, {}}), Error);
    EXPECT_THROW((void)run_distributed_sweep(config, ProcessGroup{0, 2, {}, {}}), Error);
}

}  // namespace ionhop::runs
