#pragma once
// Which directions the hop network conducts in: the periodic translations reachable by
// following hops. Exact for the infinite periodic lattice, computed on one cell.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "ionhop/lattices/lattice_graph.hpp"

namespace ionhop::lattices {

struct Connectivity {
    std::size_t num_components = 0;  // connected groups of sites within the periodic lattice
    std::size_t isolated_sites = 0;  // sites with no hop at all
    // Dimension of the conducting network: 0 (only closed clusters), 1 (channels),
    // 2 (layers) or 3.
    int dimension = 0;
    // Independent lattice translations (in cells) along which ions travel without end,
    // over all components; e.g. {(0, 0, 1)} for channels along c.
    std::vector<Eigen::Vector3i> translations;

    // Whether the network carries current along the Cartesian unit direction.
    bool conducts_along(const Cell& cell, const Eigen::Vector3d& direction) const;
};

Connectivity analyse_connectivity(const LatticeGraph& lattice);

}  // namespace ionhop::lattices
