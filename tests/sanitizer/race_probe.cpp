// The negative control of the ThreadSanitizer tier (scripts/sanitize.sh): a loop whose
// calls all write one plain integer, a data race on purpose. The tier passes only if
// ThreadSanitizer reports it, so a tier that sees nothing (threads it cannot follow, an
// uninstrumented build) fails instead of passing quietly.
#include <chrono>
#include <cstdio>
#include <thread>

#include "ionhop/engine/parallel_indices.hpp"

int main() {
    int shared_total = 0;  // written by every call without a lock: the race
    ionhop::engine::for_each_index_in_parallel(16, 2, [&](std::size_t i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // both threads take calls
        shared_total += static_cast<int>(i);
    });
    std::printf("total %d (a data race: ThreadSanitizer must report it)\n", shared_total);
    return 0;
}
