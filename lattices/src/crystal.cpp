#include "ionhop/lattices/crystal.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/neighbours.hpp"

namespace ionhop::lattices {
namespace {

// Distances equal to within this relative tolerance count as the same shell.
constexpr double shell_tolerance = 1e-6;
// Sites closer than this are the same point, not neighbours.
constexpr double coincidence_A = 1e-6;

// An upper bound on the nearest-neighbour distance: every site has a periodic image one
// lattice vector away, and every other basis site is somewhere in the cell.
double nearest_distance_bound_A(const LatticeGraph& lattice) {
    const Cell& cell = lattice.cell();
    double bound = std::numeric_limits<double>::infinity();
    for (int axis = 0; axis < 3; ++axis) {
        if (cell.periodic[axis]) {
            bound = std::min(bound, cell.vectors_A.row(axis).norm());
        }
    }
    for (std::size_t i = 0; i < lattice.num_sites(); ++i) {
        for (std::size_t j = i + 1; j < lattice.num_sites(); ++j) {
            const double distance_A = lattice.separation_A(i, j, Eigen::Vector3i::Zero()).norm();
            if (distance_A > coincidence_A) {
                bound = std::min(bound, distance_A);
            }
        }
    }
    return bound;
}

}  // namespace

LatticeGraph make_nearest_neighbour_crystal(const Cell& cell, const std::vector<BasisSite>& basis,
                                            const HopParameters& hops) {
    if (basis.empty()) {
        throw Error("crystal: the basis is empty; give at least one site");
    }
    LatticeGraph lattice(cell);
    for (const BasisSite& basis_site : basis) {
        Site site;
        site.fractional = basis_site.fractional;
        site.site_class = basis_site.site_class;
        lattice.add_site(site);
    }

    const double bound_A = nearest_distance_bound_A(lattice);
    if (!std::isfinite(bound_A)) {
        throw Error(
            "crystal: a single site in a cell with no periodic axis has no "
            "neighbours; make an axis periodic or add sites");
    }
    const std::vector<NeighbourPair> candidates =
        find_pairs_within(lattice, 0.0, bound_A * (1.0 + shell_tolerance));
    for (const NeighbourPair& pair : candidates) {
        if (pair.distance_A <= coincidence_A) {
            std::ostringstream out;
            out << "crystal: basis sites " << pair.first << " and " << pair.second << " (image "
                << pair.image.transpose() << ") coincide at distance " << pair.distance_A
                << " A; sites must be at least " << coincidence_A << " A apart";
            throw Error(out.str());
        }
    }
    const double nearest_A =
        std::min_element(candidates.begin(), candidates.end(), [](const auto& p, const auto& q) {
            return p.distance_A < q.distance_A;
        })->distance_A;

    for (const NeighbourPair& pair : candidates) {
        if (pair.distance_A <= nearest_A * (1.0 + shell_tolerance)) {
            lattice.add_hop_pair(pair.first, pair.second, pair.image, "nn", hops.barrier_eV,
                                 hops.attempt_frequency_Hz);
        }
    }
    return lattice;
}

}  // namespace ionhop::lattices
