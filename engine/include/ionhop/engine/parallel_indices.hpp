#pragma once
// The one place where ionhop runs work in parallel (replicas, sweep points). Results never
// depend on it: each index carries its own random stream and writes only its own slot.
//
// Built on oneTBB. A ThreadSanitizer build (IONHOP_SANITIZE=thread) runs the same indices
// on plain std::threads instead: Debian's libtbb is not instrumented, so ThreadSanitizer
// cannot see its task handoffs and reports races inside TBB's own partitioner; on
// std::threads it sees every handoff and checks what matters here, our code's sharing
// (docs/reliability.md).
#include <cstddef>
#include <functional>

namespace ionhop::engine {

// Calls `body(i)` once for every i in [0, count), on up to `threads` threads at once (0:
// every core), in no fixed order, and returns when all calls have returned. An exception
// thrown by a call is rethrown here (the first one; calls not yet started are skipped).
void for_each_index_in_parallel(std::size_t count, int threads, const std::function<void(std::size_t)>& body);

// How many calls such a loop runs at once at most.
int parallel_concurrency(int threads);

}  // namespace ionhop::engine
