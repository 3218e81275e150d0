#pragma once
// Counter-based random streams (Philox4x64-10, Salmon et al., SC'11, via Random123).
// A stream is keyed by (seed, stream id): replica r of a run with seed s always draws the
// same numbers, whichever thread runs it and in whatever order.
#include <Random123/philox.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ionhop::engine {

class RandomStream {
public:
    RandomStream(std::uint64_t seed, std::uint64_t stream_id)
        : key_{{seed, stream_id}}, counter_{{0, 0, 0, 0}} {}

    std::uint64_t next_u64() {
        if (used_ == 4) advance_block();
        return block_[used_++];
    }

    // What next_u64() returns `ahead` draws from now (0: the next one; at most 4), without
    // consuming it: the hot loop prefetches the memory the coming draws will touch.
    std::uint64_t peek_u64(int ahead = 0) {
        if (used_ == 4) advance_block();
        const int i = used_ + ahead;
        if (i < 4) return block_[i];
        if (!lookahead_ready_) {
            lookahead_ = generator_(counter_, key_);
            lookahead_ready_ = true;
        }
        return lookahead_[i - 4];
    }

    // Uniform on the open interval (0, 1): never 0, so -log(u) is always finite.
    double uniform_open01() { return to_open01(next_u64()); }
    // The top 53 bits k, centred in their interval: (k + 0.5) 2^-53. For k = 2^53 - 1 that
    // rounds to exactly 1 in double, which would pick an index one past the end; it is
    // mapped to the largest double below 1 (every other value is unchanged).
    static double to_open01(std::uint64_t bits) {
        return std::min((static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53, 0x1.fffffffffffffp-1);
    }

    // Uniform integer in [0, n) for n > 0 (Lemire's nearly-divisionless method).
    std::uint64_t uniform_index(std::uint64_t n);

    // Key, counter, current block and position in it (11 words): a stream rebuilt from
    // them draws the same numbers from there on.
    std::vector<std::uint64_t> state() const;
    static RandomStream from_state(const std::vector<std::uint64_t>& words);  // ionhop::Error if malformed

private:
    r123::Philox4x64 generator_;
    r123::Philox4x64::key_type key_;
    r123::Philox4x64::ctr_type counter_;
    r123::Philox4x64::ctr_type block_{};
    r123::Philox4x64::ctr_type lookahead_{};  // the block after block_, once peeked at
    bool lookahead_ready_ = false;
    int used_ = 4;

    void advance_block() {
        block_ = lookahead_ready_ ? lookahead_ : generator_(counter_, key_);
        lookahead_ready_ = false;
        counter_.incr();
        used_ = 0;
    }
};

}  // namespace ionhop::engine
