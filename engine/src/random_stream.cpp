#include "ionhop/engine/random_stream.hpp"

#include <limits>

namespace ionhop::engine {

std::uint64_t RandomStream::uniform_index(std::uint64_t n) {
    // Reject the top partial block of 2^64 so that every residue is equally likely.
    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t limit = max - (max % n + 1) % n;
    std::uint64_t x = next_u64();
    while (x > limit) x = next_u64();
    return x % n;
}

}  // namespace ionhop::engine
