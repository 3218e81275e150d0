#pragma once
// The built-in materials (the lattice files of materials/data/, compiled in) and one
// entry point that takes a material name or a lattice file path.
#include <string>
#include <string_view>
#include <vector>

#include "ionhop/materials/lattice_description.hpp"

namespace ionhop::materials {

std::vector<std::string> builtin_material_names();  // sorted, e.g. "lgps", "llzo"
bool is_builtin_material(std::string_view name);
// Throws ionhop::Error for an unknown name (listing the valid ones).
LatticeDescription builtin_material(std::string_view name);
std::string builtin_material_text(std::string_view name);  // the shipped file itself

// A built-in material by name, or else a lattice file at that path.
LatticeDescription load_lattice_description(const std::string& name_or_path);

}  // namespace ionhop::materials
