#pragma once
#include <Eigen/Dense>

#include "ionhop/lattices/lattice_graph.hpp"

namespace ionhop::lattices {

// Repeats the lattice n_a x n_b x n_c times. Sites, hops and exclusion pairs are carried
// over with their periodic images remapped. Repetitions must be >= 1, and 1 along
// non-periodic axes. Site i of copy (u, v, w) gets index ((w * n_b + v) * n_a + u) * N + i.
LatticeGraph make_supercell(const LatticeGraph& unit, const Eigen::Vector3i& repetitions);

}  // namespace ionhop::lattices
