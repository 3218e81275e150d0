#pragma once
// Sum tree over per-site rates with 8 children per node: O(log_8 N) update and selection,
// each level one 64-byte cache line (a binary tree touches three times as many lines and
// mispredicts a branch per level). Internal nodes are recomputed from their children
// (never incremented), so no rounding drift accumulates.
#include <cstddef>
#include <vector>

namespace ionhop::engine {

class RateTree {
public:
    static constexpr std::size_t fanout = 8;

    explicit RateTree(std::size_t leaves);

    std::size_t size() const { return leaves_; }
    double total() const { return total_; }
    double leaf(std::size_t index) const { return nodes_[index]; }
    // The leaves; assign(leaves()) rebuilds the same tree bit for bit, since every inner
    // node is the sum of its children in a fixed order.
    std::vector<double> leaves() const {
        return {nodes_.begin(), nodes_.begin() + static_cast<std::ptrdiff_t>(leaves_)};
    }

    void set(std::size_t index, double rate);
    // Sets all leaves at once and rebuilds in O(N).
    void assign(const std::vector<double>& rates);
    // Leaf index such that the cumulative rate of the leaves before it is <= target and
    // including it is > target, for 0 <= target < total(). Never returns a zero leaf.
    // On return `target` holds the remainder inside the chosen leaf, in [0, leaf).
    std::size_t select(double& target) const;

    std::size_t memory_bytes() const { return nodes_.capacity() * sizeof(double); }

private:
    double sum_children(std::size_t level, std::size_t block) const;

    std::size_t leaves_;
    std::vector<std::size_t> level_begin_;  // offset of each level in nodes_; level 0 = leaves
    std::vector<std::size_t> level_size_;   // entries per level, padded to a multiple of fanout
    std::vector<double> nodes_;
    double total_ = 0.0;
};

}  // namespace ionhop::engine
