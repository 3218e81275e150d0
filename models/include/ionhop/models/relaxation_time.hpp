#pragma once
// The slowest relaxation a run must outlast: a density variation periodic with the unit
// cell decays at the spectral gap of the single-ion master equation on the cell (Eigen).
// Homogeneous crystals relax within a few hops; a stack of layers (one long cell) relaxes
// across its slowest layer, and the transport estimators are exact only over times well
// beyond that.
#include "ionhop/lattices/lattice_graph.hpp"

namespace ionhop::models {

inline constexpr long max_cell_sites_for_relaxation = 2000;

// Seconds; 0 for a one-site cell (nothing to relax) and for cells of more than
// max_cell_sites_for_relaxation sites (a dense eigensolve would take minutes; the
// convergence check of the transport estimate still applies). Rates nu exp(-(E_KRA + dE/2) / kT) without
// interactions or exclusion (site exclusion leaves collective relaxation unchanged in a
// lattice gas).
double slowest_cell_relaxation_s(const lattices::LatticeGraph& unit, double temperature_K);

}  // namespace ionhop::models
