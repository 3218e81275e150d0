// A sweep spread over processes, here three threads standing in for MPI ranks with a
// gather through shared memory: process 0's result equals one process's, bit for bit,
// every process runs its share, and none is run again.
#include "ionhop/runs/distributed_sweep.hpp"

#include <gtest/gtest.h>

#include <barrier>
#include <mutex>
#include <thread>

#include "ionhop/core/error.hpp"

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

}  // namespace

TEST(DistributedSweep, FirstProcessGetsTheSingleProcessResultBitForBit) {
    const RunConfig config = parse_run_config(kSweep, "sweep.toml", ".");
    const SweepResult alone = run_sweep(config);

    constexpr int size = 3;
    ThreadGather gather(size);
    std::optional<SweepResult> first;
    DistributionStats stats;
    std::vector<std::thread> processes;
    for (int rank = 0; rank < size; ++rank) {
        processes.emplace_back([&, rank] {
            ProcessGroup group{rank, size, [&gather, rank](const std::vector<char>& bytes) {
                                   return gather.gather(rank, bytes);
                               }};
            auto result = run_distributed_sweep(config, group, {}, rank == 0 ? &stats : nullptr);
            if (rank == 0) {
                first = std::move(result);
            } else {
                EXPECT_FALSE(result.has_value());
            }
        });
    }
    for (auto& p : processes) p.join();

    ASSERT_TRUE(first.has_value());
    ASSERT_EQ(first->points.size(), alone.points.size());
    for (std::size_t i = 0; i < alone.points.size(); ++i) {
        const auto& a = alone.points[i].prediction.points;
        const auto& b = first->points[i].prediction.points;
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t t = 0; t < a.size(); ++t) {
            EXPECT_EQ(a[t].estimate.sigma.value, b[t].estimate.sigma.value) << i << ", " << t;
            EXPECT_EQ(a[t].estimate.sigma.standard_error, b[t].estimate.sigma.standard_error);
            EXPECT_EQ(a[t].estimate.haven_ratio.value, b[t].estimate.haven_ratio.value);
            EXPECT_EQ(a[t].estimate.replicas.size(), b[t].estimate.replicas.size());
            EXPECT_EQ(a[t].estimate.total_events, b[t].estimate.total_events);
        }
        ASSERT_EQ(alone.points[i].prediction.arrhenius.has_value(),
                  first->points[i].prediction.arrhenius.has_value());
        if (alone.points[i].prediction.arrhenius) {
            EXPECT_EQ(alone.points[i].prediction.arrhenius->activation_energy_eV.value,
                      first->points[i].prediction.arrhenius->activation_energy_eV.value);
        }
    }
    // Four points over three processes: 2, 1 and 1 points, each with its replicas.
    ASSERT_EQ(stats.replicas_per_process.size(), 3u);
    for (const std::size_t n : stats.replicas_per_process) EXPECT_GE(n, 6u);  // 2 temperatures x 3 replicas
    EXPECT_EQ(stats.replicas_run_again, 0u);
}

TEST(DistributedSweep, MalformedGroupIsRefused) {
    const RunConfig config = parse_run_config(kSweep, "sweep.toml", ".");
    EXPECT_THROW((void)run_distributed_sweep(config, ProcessGroup{2, 2, {}}), Error);
    EXPECT_THROW((void)run_distributed_sweep(config, ProcessGroup{0, 2, {}}), Error);
}

}  // namespace ionhop::runs
