#pragma once
// Turns a lattice description into the unit-cell lattice graph the models compile: all
// sites from the space group, hops and exclusion pairs from the class rules.
#include <cstddef>
#include <string>
#include <vector>

#include "ionhop/lattices/lattice_graph.hpp"
#include "ionhop/materials/lattice_description.hpp"

namespace ionhop::materials {

struct SpectatorSite {
    Eigen::Vector3d fractional;
    std::string site_class;
    std::string element;
};

struct ClassCount {
    std::string name;
    std::size_t count = 0;
};

struct MaterialLattice {
    lattices::LatticeGraph unit;  // mobile-ion sites, hops, exclusion pairs of one cell
    std::vector<SpectatorSite> spectators;
    std::vector<ClassCount> site_counts;       // per [[sites]] class, in file order
    std::vector<ClassCount> hop_counts;        // directed hops per [[hops]] class
    std::vector<ClassCount> exclusion_counts;  // pairs per [[exclusions]] class
    double mobile_per_cell = 0.0;              // default content times Z
};

// Throws ionhop::Error (prefixed with the description's name) when a Wyckoff position
// expands to the wrong number of sites, two sites overlap (closer than 0.1 A), a hop or
// exclusion class matches no pair of sites, one pair of sites matches two hop classes,
// a mobile site has no hop, or the default content does not fit on the sites.
MaterialLattice build_lattice(const LatticeDescription& description);

// The cell of a description (from parameters or vectors).
lattices::Cell make_cell(const CellSpec& cell);

// A description with every site listed explicitly (no symmetry) for the cell repeated
// `repetitions` times: what `ionhop lattice build --supercell` writes.
LatticeDescription expand_to_supercell(const LatticeDescription& description,
                                       const Eigen::Vector3i& repetitions);

}  // namespace ionhop::materials
