#pragma once
// The config file of `ionhop run` (TOML, documented key by key in docs/config.md): the
// lattice (built-in material, lattice file or test lattice), overrides of its hop and site
// parameters, the content, temperatures, precision, seed and outputs. Everything a
// prediction needs, so a result can be rerun from its echoed config alone.
#include <filesystem>
#include <string>

#include "ionhop/materials/lattice_description.hpp"
#include "ionhop/runs/prediction.hpp"

namespace ionhop::runs {

struct RunConfig {
    materials::LatticeDescription lattice;  // overrides applied
    PredictionSettings settings;
    std::string output_prefix;  // relative to the config file's folder; empty: no files
    std::string text;           // the file as read
};

// Throws ionhop::Error naming the file, line and key for malformed TOML, unknown keys,
// wrong types, bad values, overrides of classes the lattice does not have, or a content
// given more than one way. Lattice files and the output prefix are relative to the
// config file's folder.
RunConfig read_run_config(const std::filesystem::path& path);
RunConfig parse_run_config(const std::string& text, const std::string& origin,
                           const std::filesystem::path& folder);

}  // namespace ionhop::runs
