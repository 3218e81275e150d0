#pragma once
// Reads the first data block of a small-molecule / inorganic CIF with gemmi.
#include <string>

#include "imported_structure.hpp"

namespace ionhop::materials {

// The cell, every atom site expanded to the whole cell with the file's symmetry
// operations (the _space_group_symop / _symmetry_equiv_pos loop; else the Hall or H-M
// symbol or the group number; else P1; said in `symmetry`), occupancies and the citation fields.
// `text` is the file's content and `file` its name in messages. Throws ionhop::Error naming
// the file (and the line, for syntax errors) when it is not CIF, has no cell, no atom sites
// or unreadable coordinates.
ImportedStructure parse_cif_structure(const std::string& text, const std::string& file);

}  // namespace ionhop::materials
