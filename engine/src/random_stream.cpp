#include "ionhop/engine/random_stream.hpp"

#include <limits>

#include "ionhop/core/error.hpp"

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

namespace ionhop::engine {

std::vector<std::uint64_t> RandomStream::state() const {
    return {key_[0],
            key_[1],
            counter_[0],
            counter_[1],
            counter_[2],
            counter_[3],
            block_[0],
            block_[1],
            block_[2],
            block_[3],
            static_cast<std::uint64_t>(used_)};
}

RandomStream RandomStream::from_state(const std::vector<std::uint64_t>& words) {
    if (words.size() != 11 || words[10] > 4)
        throw Error("random stream state: malformed (11 words expected)");
    RandomStream stream(words[0], words[1]);
    for (int i = 0; i < 4; ++i) {
        stream.counter_[i] = words[2 + i];
        stream.block_[i] = words[6 + i];
    }
    stream.used_ = static_cast<int>(words[10]);
    return stream;  // the lookahead block is recomputed from the counter when peeked at
}

}  // namespace ionhop::engine
