#pragma once
// Reads a VASP 5 POSCAR/CONTCAR file (our own reader: gemmi 0.5.7 has none).
#include <string>

#include "imported_structure.hpp"

namespace ionhop::materials {

// The cell (lattice vectors times the scale factor; a negative factor is the volume in
// A^3) and the atoms, one ImportedAtomSite per element (a POSCAR has no symmetry and no
// occupancies). `text` is the file's content and `file` its name in messages. Throws
// ionhop::Error naming the file and line for a missing or malformed line, a count line that
// does not match the symbols, or too few coordinate lines.
ImportedStructure parse_poscar_structure(const std::string& text, const std::string& file);

}  // namespace ionhop::materials
