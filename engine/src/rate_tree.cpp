#include "ionhop/engine/rate_tree.hpp"

#include <algorithm>
#include <string>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

RateTree::RateTree(std::size_t leaves) : leaves_(leaves) {
    if (leaves == 0) throw Error("RateTree: needs at least one leaf");
    // Level sizes: leaves, then one entry per block of `fanout`, until one block remains.
    std::size_t entries = leaves;
    std::size_t offset = 0;
    for (;;) {
        const std::size_t padded = (entries + fanout - 1) / fanout * fanout;
        level_begin_.push_back(offset);
        level_size_.push_back(padded);
        offset += padded;
        if (padded == fanout) break;
        entries = padded / fanout;
    }
    nodes_.assign(offset, 0.0);
}

double RateTree::sum_children(std::size_t level, std::size_t block) const {
    const double* child = nodes_.data() + level_begin_[level] + block * fanout;
    double sum = 0.0;
    for (std::size_t k = 0; k < fanout; ++k) sum += child[k];
    return sum;
}

void RateTree::set(std::size_t index, double rate) {
    nodes_[index] = rate;
    std::size_t block = index / fanout;
    for (std::size_t level = 0; level + 1 < level_begin_.size(); ++level) {
        nodes_[level_begin_[level + 1] + block] = sum_children(level, block);
        block /= fanout;
    }
    total_ = sum_children(level_begin_.size() - 1, 0);
}

void RateTree::assign(const std::vector<double>& rates) {
    if (rates.size() != leaves_) {
        throw Error("RateTree::assign: got " + std::to_string(rates.size()) + " rates for " +
                    std::to_string(leaves_) + " leaves");
    }
    std::fill(nodes_.begin(), nodes_.end(), 0.0);
    std::copy(rates.begin(), rates.end(), nodes_.begin());
    for (std::size_t level = 0; level + 1 < level_begin_.size(); ++level) {
        for (std::size_t block = 0; block < level_size_[level] / fanout; ++block) {
            nodes_[level_begin_[level + 1] + block] = sum_children(level, block);
        }
    }
    total_ = sum_children(level_begin_.size() - 1, 0);
}

std::size_t RateTree::select(double& target) const {
    std::size_t block = 0;
    for (std::size_t level = level_begin_.size(); level-- > 0;) {
        const double* child = nodes_.data() + level_begin_[level] + block * fanout;
        // Rounding can leave target at or above the block's sum: then take the last
        // non-empty child, never an empty one.
        std::size_t chosen = fanout;
        for (std::size_t k = 0; k < fanout; ++k) {
            if (child[k] <= 0.0) continue;
            chosen = k;
            if (target < child[k]) break;
            target -= child[k];
        }
        if (target >= child[chosen]) target = 0.0;  // only after overshooting by rounding
        block = block * fanout + chosen;
    }
    return block;
}

}  // namespace ionhop::engine
