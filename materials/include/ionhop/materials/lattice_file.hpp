#pragma once
// The lattice file (TOML, format "ionhop-lattice/1", documented in docs/lattice-format.md):
// read with errors naming file, line and key; written so that reading it back gives the
// same description (numbers in shortest round-trip form).
#include <filesystem>
#include <string>

#include "ionhop/materials/lattice_description.hpp"

namespace ionhop::materials {

// Throws ionhop::Error naming the file, the line and the key path for malformed TOML,
// missing or unknown keys, wrong types, NaN or out-of-range numbers, references to
// site classes or citation keys that do not exist, and duplicate class names.
LatticeDescription read_lattice_file(const std::filesystem::path& path);
// The same for text already in memory; `origin` names it in messages.
LatticeDescription parse_lattice_text(const std::string& text, const std::string& origin);

std::string format_lattice_text(const LatticeDescription& description);
// Writes to a temporary name and renames, so a partial file is never left behind.
void write_lattice_file(const LatticeDescription& description, const std::filesystem::path& path);

}  // namespace ionhop::materials
