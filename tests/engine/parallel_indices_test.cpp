// The parallel loop behind replicas and sweep points: every index exactly once for any
// number of threads, the first error handed back to the caller.
#include "ionhop/engine/parallel_indices.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace ionhop::engine {
namespace {

TEST(ParallelIndices, EveryIndexRunsExactlyOnceForAnyNumberOfThreads) {
    for (const int threads : {0, 1, 2, 3, 8}) {
        for (const std::size_t count : {0, 1, 2, 7, 100}) {
            std::vector<std::atomic<int>> calls(count);
            for_each_index_in_parallel(count, threads, [&](std::size_t i) { ++calls[i]; });
            for (std::size_t i = 0; i < count; ++i)
                EXPECT_EQ(calls[i].load(), 1) << "index " << i << " of " << count << ", threads " << threads;
        }
    }
}

TEST(ParallelIndices, AnErrorInOneCallIsRethrownToTheCaller) {
    std::atomic<int> calls{0};
    EXPECT_THROW(for_each_index_in_parallel(50, 2,
                                            [&](std::size_t i) {
                                                ++calls;
                                                if (i == 3) throw std::runtime_error("index 3");
                                            }),
                 std::runtime_error);
    EXPECT_GE(calls.load(), 1);
    EXPECT_LE(calls.load(), 50);
}

TEST(ParallelIndices, ConcurrencyIsTheThreadsAskedForOrEveryCore) {
    EXPECT_EQ(parallel_concurrency(3), 3);
    EXPECT_GE(parallel_concurrency(0), 1);
}

}  // namespace
}  // namespace ionhop::engine
