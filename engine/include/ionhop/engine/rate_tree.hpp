#pragma once
// Binary sum tree over per-site rates: O(log N) update and selection. Internal nodes are
// recomputed from their children (never incremented), so no rounding drift accumulates.
#include <cstddef>
#include <vector>

namespace ionhop::engine {

class RateTree {
public:
    explicit RateTree(std::size_t leaves);

    std::size_t size() const { return leaves_; }
    std::size_t capacity() const { return capacity_; }  // leaves rounded up to a power of two
    double total() const { return nodes_[1]; }
    double leaf(std::size_t index) const { return nodes_[capacity_ + index]; }

    void set(std::size_t index, double rate);
    // Sets all leaves at once and rebuilds in O(N).
    void assign(const std::vector<double>& rates);
    // Leaf index such that the cumulative rate of the leaves before it is <= target and
    // including it is > target, for 0 <= target < total(). Never returns a zero leaf.
    // On return `target` holds the remainder inside the chosen leaf, in [0, leaf).
    std::size_t select(double& target) const;

private:
    std::size_t leaves_;
    std::size_t capacity_;        // power of two >= leaves_
    std::vector<double> nodes_;  // 1-based heap layout; leaves at [capacity_, 2 capacity_)
};

}  // namespace ionhop::engine
