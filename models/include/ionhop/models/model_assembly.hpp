#pragma once
// What rate terms edit before the lattice is compiled into a HopTable: energies,
// barriers, pair interactions, exclusion pairs and the field, for a lattice repeated
// into a supercell. Unit-cell data stay in the LatticeGraph (no per-hop copies for large
// supercells); per-supercell-site data live here.
#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ionhop/lattices/lattice_graph.hpp"

namespace ionhop::models {

// A pair of unit-cell sites, `second` in periodic image `image`; expanded to every copy.
struct UnitPair {
    std::size_t first = 0;
    std::size_t second = 0;
    Eigen::Vector3i image = Eigen::Vector3i::Zero();
    double energy_eV = 0.0;  // interaction energy; unused for exclusion pairs
};

struct Conditions {
    double temperature_K = 300.0;
    Eigen::Vector3d field_V_per_cm = Eigen::Vector3d::Zero();
    double charge_e = 1.0;  // Li+
};

struct ModelAssembly {
    ModelAssembly(const lattices::LatticeGraph& unit, const Eigen::Vector3i& repetitions,
                  const Conditions& conditions);

    const lattices::LatticeGraph& unit;
    Eigen::Vector3i repetitions;
    Conditions conditions;

    std::vector<double> site_energy_eV;  // per supercell site, starts from the lattice
    // Per supercell site: 1 if a defect (e.g. a dopant on a Li site) takes the site, which
    // then has no hops and holds no ion.
    std::vector<std::uint8_t> site_blocked;
    // Per supercell site: added to E_KRA of the hops out of and into it; a hop takes the
    // mean of its two ends, so both directions of a pair get the same shift.
    std::vector<double> site_barrier_shift_eV;
    std::vector<UnitPair> interactions;  // pair energies, added up when listed twice
    std::vector<UnitPair> exclusions;    // starts from the lattice's exclusion pairs

    std::size_t num_supercell_sites() const;
    std::size_t unit_site_of(std::size_t supercell_site) const;
    Eigen::Vector3d position_A(std::size_t supercell_site) const;  // Cartesian
};

}  // namespace ionhop::models
