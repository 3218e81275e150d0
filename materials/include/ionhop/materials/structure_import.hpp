#pragma once
// A first lattice file from a crystal structure (CIF or VASP 5 POSCAR): what
// `ionhop lattice import` writes. It proposes the geometry and leaves the physics to the
// user: every barrier is a placeholder that must be replaced by a published value.
//
// What it proposes:
// - Sites: one mobile class per crystallographically distinct site of the mobile species
//   (named by its CIF label, e.g. "Li1"; in a POSCAR, one class per element), with every
//   position in the cell listed explicitly (no space group in the output). Atoms of other
//   elements become [[spectators]] classes. Atoms sharing a site (closer than 0.1 A, e.g.
//   Ge/P on one 4d) become one class; a shared site with the mobile species is mobile.
// - Content: one formula unit per cell (the cell content). The mobile count is the sum of
//   occupancy x positions over the mobile classes; a file without occupancies (POSCAR) gets
//   half the mobile sites, said in the notes.
// - Hops: for each pair of mobile classes, the pair distances up to hop_cutoff_A grouped
//   into shells (sorted distances, a new shell where consecutive distances differ by more
//   than 0.01 A: symmetry-equivalent pairs are equal to rounding, so each shell is one kind
//   of hop). One hop class per shell, named "Li1-Li3_2.32A"; its window reaches 0.05 A
//   beyond the shell but stops halfway to the neighbouring shells, so windows never
//   overlap and each matches its shell.
// - Exclusions: pairs of mobile sites closer than exclusion_cutoff_A may not both hold an
//   ion (split sites); hops between them are still proposed.
// - References: "structure" (the file and its citation fields), "placeholder" (every hop
//   class: barrier_eV 0.3 and attempt_frequency_Hz 1e13 are NOT published values) and
//   "import_rules" (the exclusion rule).
#include <filesystem>
#include <string>

#include "ionhop/materials/lattice_description.hpp"

namespace ionhop::materials {

struct ImportOptions {
    std::string mobile_species = "Li";  // element symbol of the hopping ion
    double hop_cutoff_A = 3.5;          // longest hop proposed between mobile sites
    // Two Li+ are never found closer than ~2.1 A in ordered crystals (Li-Li 2.11 A in the
    // Li2N layer of Li3N), so mobile sites closer than 2.0 A are alternatives (split
    // sites, e.g. LGPS 16h-16h 1.73 A) rather than neighbours. Raise it for larger ions.
    double exclusion_cutoff_A = 2.0;
    // "cif" or "poscar"; empty: from the name (.cif; POSCAR*, CONTCAR*, .vasp, .poscar).
    std::string format;
};

// Placeholder kinetics written on every proposed hop class (see the "placeholder" reference).
inline constexpr double placeholder_barrier_eV = 0.3;
inline constexpr double placeholder_attempt_frequency_Hz = 1e13;

// Throws ionhop::Error, the message starting with the file name, for a file that cannot
// be read, a malformed CIF or POSCAR (with the line when known), no atoms of the mobile
// species, no mobile pair within the hop cutoff, or a format it cannot tell.
LatticeDescription import_structure(const std::filesystem::path& path, const ImportOptions& options = {});
// The same for the content of a structure file already in memory: `origin` is its file name
// (in messages, the lattice name and, without options.format, for the format).
LatticeDescription parse_structure_text(const std::string& text, const std::string& origin,
                                        const ImportOptions& options = {});

}  // namespace ionhop::materials
