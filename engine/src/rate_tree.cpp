#include "ionhop/engine/rate_tree.hpp"

#include <algorithm>
#include <string>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

RateTree::RateTree(std::size_t leaves) : leaves_(leaves), capacity_(1) {
    if (leaves == 0) throw Error("RateTree: needs at least one leaf");
    while (capacity_ < leaves) capacity_ *= 2;
    nodes_.assign(2 * capacity_, 0.0);
}

void RateTree::set(std::size_t index, double rate) {
    std::size_t node = capacity_ + index;
    nodes_[node] = rate;
    for (node /= 2; node >= 1; node /= 2) nodes_[node] = nodes_[2 * node] + nodes_[2 * node + 1];
}

void RateTree::assign(const std::vector<double>& rates) {
    if (rates.size() != leaves_) {
        throw Error("RateTree::assign: got " + std::to_string(rates.size()) + " rates for " +
                    std::to_string(leaves_) + " leaves");
    }
    std::fill(nodes_.begin(), nodes_.end(), 0.0);
    for (std::size_t i = 0; i < leaves_; ++i) nodes_[capacity_ + i] = rates[i];
    for (std::size_t node = capacity_ - 1; node >= 1; --node) {
        nodes_[node] = nodes_[2 * node] + nodes_[2 * node + 1];
    }
}

std::size_t RateTree::select(double& target) const {
    std::size_t node = 1;
    while (node < capacity_) {
        const std::size_t left = 2 * node;
        // Rounding can leave target just above a subtree's sum: then go right, but never
        // into an empty subtree.
        if (target < nodes_[left] || nodes_[left + 1] <= 0.0) {
            node = left;
        } else {
            target -= nodes_[left];
            node = left + 1;
        }
    }
    return node - capacity_;
}

}  // namespace ionhop::engine
