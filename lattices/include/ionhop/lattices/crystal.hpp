#pragma once
// A crystal from a cell and a basis, with hops between nearest neighbours.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "ionhop/lattices/lattice_graph.hpp"

namespace ionhop::lattices {

struct BasisSite {
    Eigen::Vector3d fractional = Eigen::Vector3d::Zero();
    std::string site_class = "site";
};

struct HopParameters {
    double barrier_eV = 0.2;
    double attempt_frequency_Hz = 1e13;
};

// Places the basis in the cell and adds a hop (both directions) between every pair of
// sites at the shortest site-site distance (within a relative tolerance of 1e-6).
LatticeGraph make_nearest_neighbour_crystal(const Cell& cell, const std::vector<BasisSite>& basis,
                                            const HopParameters& hops);

}  // namespace ionhop::lattices
