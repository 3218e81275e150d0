#pragma once
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "ionhop/engine/hop_table.hpp"
#include "ionhop/lattices/lattice_graph.hpp"
#include "ionhop/models/rate_model.hpp"

namespace ionhop::models {

// Repeats the unit lattice `repetitions` times, applies the model's terms and compiles
// the flat HopTable the engine runs on. Never builds the supercell graph, so 1e6+ site
// lattices compile in the memory of the table itself. Throws ionhop::Error for an empty
// lattice, bad conditions, interaction or exclusion ranges that reach a site's own
// periodic image, and anything HopTable::validate rejects.
engine::HopTable compile_hop_table(const lattices::LatticeGraph& unit, const Eigen::Vector3i& repetitions,
                                   const RateModel& model, const Conditions& conditions);

// Sets the table's occupancy profile to the planes of sites along `axis` (0: x): one bin
// per distinct coordinate (within 1e-3 A), in increasing order; returns the planes'
// Cartesian coordinates (A). Leaves the table without a profile and returns nothing when
// there are more than `max_planes` planes (a rotated grain has no planes to speak of).
std::vector<double> assign_plane_profile(engine::HopTable& table, const lattices::LatticeGraph& unit,
                                         const Eigen::Vector3i& repetitions, int axis,
                                         std::size_t max_planes = 4096);

}  // namespace ionhop::models
