#pragma once
// Pairs of sites within a distance window, across periodic images.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "ionhop/lattices/lattice_graph.hpp"

namespace ionhop::lattices {

struct NeighbourPair {
    std::size_t first = 0;
    std::size_t second = 0;
    Eigen::Vector3i image = Eigen::Vector3i::Zero();  // image of `second` relative to `first`
    double distance_A = 0.0;
};

// Every unordered pair of sites (including a site and its own periodic images) whose
// distance lies in [min_A, max_A], each listed once. Works for any cell size: small cells
// are searched over as many periodic images as the window needs. O(N) for large lattices.
std::vector<NeighbourPair> find_pairs_within(const LatticeGraph& lattice, double min_A, double max_A);

}  // namespace ionhop::lattices
