#pragma once
// A crystal structure as read from a CIF or POSCAR file, before it becomes a lattice
// description: the cell and every atom site expanded to all its positions in the cell.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "ionhop/lattices/cell.hpp"
#include "ionhop/materials/lattice_description.hpp"

namespace ionhop::materials {

// One crystallographically distinct site (CIF) or all atoms of one element (POSCAR).
struct ImportedAtomSite {
    std::string label;                       // CIF _atom_site_label, e.g. "Li1"; POSCAR: the element
    std::string element;                     // element symbol, e.g. "Li"
    double occupancy = 1.0;                  // fraction of the positions the element fills
    std::vector<Eigen::Vector3d> positions;  // fractional, wrapped into [0, 1), every image
};

struct ImportedStructure {
    CellSpec cell;  // without source: the importer names it
    std::vector<ImportedAtomSite> sites;
    bool occupancies_given = false;  // false: the file has no occupancies (POSCAR, some CIFs)
    std::string symmetry;            // how the positions were obtained, for the notes
    std::string citation;            // bibliographic fields of the file; empty if none
};

// Sites closer than this are one place (the same tolerance build_lattice uses for
// overlaps): images of one site on a special position, or atoms sharing a mixed site.
inline constexpr double same_site_A = 0.1;

// Shortest distance between two fractional positions over periodic images (any cell).
double periodic_distance_A(const lattices::Cell& cell, const Eigen::Vector3d& a, const Eigen::Vector3d& b);

// Fractional coordinates wrapped into [0, 1), rounded to 1e-10 (floating-point noise).
Eigen::Vector3d wrapped_fractional(Eigen::Vector3d p);

}  // namespace ionhop::materials
