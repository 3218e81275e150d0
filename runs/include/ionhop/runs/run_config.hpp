#pragma once
// The config file of `ionhop run` (TOML, documented key by key in docs/config.md): the
// lattice (built-in material, lattice file or test lattice), overrides of its hop and site
// parameters, the content, temperatures, precision, seed and outputs. Everything a
// prediction needs, so a result can be rerun from its echoed config alone.
#include <filesystem>
#include <optional>
#include <string>
#include <toml.hpp>
#include <utility>
#include <vector>

#include "ionhop/materials/lattice_description.hpp"
#include "ionhop/materials/layer_stack.hpp"
#include "ionhop/runs/prediction.hpp"

namespace ionhop::runs {

// One axis of a sweep ([[sweep]] in the config): a numeric key of the config, as a dotted
// path ("doping.per_formula_unit", "content.per_formula_unit", "run.seed"; a hop or site
// override by its class: "lattice.hop.tet-oct.barrier_eV"), and its values.
struct SweepAxis {
    std::string key;
    std::vector<double> values;
};

struct RunConfig {
    materials::LatticeDescription lattice;  // overrides applied
    PredictionSettings settings;
    std::string output_prefix;                       // relative to the config file's folder; empty: no files
    std::string text;                                // the file as read
    std::vector<SweepAxis> sweep;                    // empty: a single prediction
    std::optional<materials::LayerStackSpec> stack;  // [[lattice.layer]]: the layers
    // The parsed document, where sweep points set their values.
    toml::value document;
    std::string origin;
    std::filesystem::path folder;
};

// Throws ionhop::Error naming the file, line and key for malformed TOML, unknown keys,
// wrong types, bad values, overrides of classes the lattice does not have, or a content
// given more than one way. Lattice files and the output prefix are relative to the
// config file's folder.
RunConfig read_run_config(const std::filesystem::path& path);
RunConfig parse_run_config(const std::string& text, const std::string& origin,
                           const std::filesystem::path& folder);

// The config with each key set to its value (one point of a sweep), re-read with the
// same checks. Throws ionhop::Error naming the key for a path that is not a table of the
// config or a value the key does not accept.
RunConfig with_values(const RunConfig& config, const std::vector<std::pair<std::string, double>>& values);

}  // namespace ionhop::runs
