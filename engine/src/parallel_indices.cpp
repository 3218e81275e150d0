#include "ionhop/engine/parallel_indices.hpp"

#include <algorithm>

#ifdef IONHOP_PARALLEL_ON_STD_THREADS
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>
#else
#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#endif

namespace ionhop::engine {

#ifdef IONHOP_PARALLEL_ON_STD_THREADS

int parallel_concurrency(int threads) {
    if (threads > 0) return threads;
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

void for_each_index_in_parallel(std::size_t count, int threads,
                                const std::function<void(std::size_t)>& body) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_error;
    std::mutex error_mutex;
    const auto work = [&] {
        for (std::size_t i = next++; i < count && !failed; i = next++) {
            try {
                body(i);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(error_mutex);
                if (!first_error) first_error = std::current_exception();
                failed = true;
            }
        }
    };
    const std::size_t helpers =
        std::min<std::size_t>(static_cast<std::size_t>(parallel_concurrency(threads)), count) - (count > 0);
    std::vector<std::thread> pool;
    pool.reserve(helpers);
    for (std::size_t t = 0; t < helpers; ++t) pool.emplace_back(work);
    work();
    for (std::thread& thread : pool) thread.join();
    if (first_error) std::rethrow_exception(first_error);
}

#else

int parallel_concurrency(int threads) { return threads > 0 ? threads : tbb::info::default_concurrency(); }

void for_each_index_in_parallel(std::size_t count, int threads,
                                const std::function<void(std::size_t)>& body) {
    tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1),
                          [&](const tbb::blocked_range<std::size_t>& range) {
                              for (std::size_t i = range.begin(); i != range.end(); ++i) body(i);
                          });
    });
}

#endif

}  // namespace ionhop::engine
