#include "ionhop/runs/run_config.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/interphase_table.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/materials/layer_stack.hpp"
#include "ionhop/materials/material_parameters.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "ionhop/materials/test_lattice_description.hpp"
#include "ionhop/materials/toml_fields.hpp"
#include "ionhop/runs/value_list.hpp"

namespace ionhop::runs {
namespace {

using namespace materials::toml_fields;

std::vector<Node> tables_of(const Node& parent, const std::string& key) {
    std::vector<Node> tables;
    if (!has(parent, key)) return tables;
    const toml::array& entries = array(parent, key);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string path = join(parent.path, key) + "[" + std::to_string(i) + "]";
        if (!entries[i].is_table()) fail(entries[i], path, "expected a table");
        tables.push_back({entries[i], path});
    }
    return tables;
}

// The value of a key the table must have.
const toml::value& value_of(const Node& table, const std::string& key) {
    if (!has(table, key)) fail(table.value, table.path, "missing key '" + key + "'");
    return table.value.as_table().at(key);
}

materials::LatticeDescription read_builtin_material(const Node& table) {
    const std::string name = text(table, "material");
    if (!materials::is_builtin_material(name)) {
        std::string valid;
        for (const std::string& n : materials::builtin_material_names())
            valid += (valid.empty() ? "" : ", ") + n;
        fail(value_of(table, "material"), join(table.path, "material"),
             "unknown material '" + name + "'; built-in materials: " + valid);
    }
    return materials::builtin_material(name);
}

materials::LatticeDescription read_lattice_file_key(const Node& table, const std::filesystem::path& folder) {
    std::filesystem::path file = text(table, "file");
    if (file.is_relative()) file = folder / file;
    return materials::read_lattice_file(file);
}

// [lattice] parameters = { name = value, ... } (or the same in a crystal layer): material
// parameters ([[parameters]] of the lattice file).
void apply_parameters(const Node& lattice, materials::LatticeDescription& d) {
    if (!has(lattice, "parameters")) return;
    const toml::value& table = lattice.value.as_table().at("parameters");
    const std::string path = join(lattice.path, "parameters");
    if (!table.is_table()) fail(table, path, "expected a table of name = value");
    const Node parameters{table, path};
    for (const auto& [name, value] : table.as_table()) {
        try {
            d = materials::with_material_parameter(std::move(d), name, number(parameters, name));
        } catch (const Error& error) {
            fail(value, join(path, name), error.what());
        }
    }
}

// A layer of whole unit cells of a built-in material or a lattice file.
materials::CrystalLayerSpec read_crystal_layer(const Node& layer, const std::filesystem::path& folder) {
    reject_unknown_keys(layer, {"name", "material", "file", "thickness_nm", "site_energy_eV", "parameters"});
    if (has(layer, "material") == has(layer, "file")) {
        fail(layer.value, layer.path, "give exactly one of material, file or the generic layer's keys");
    }
    materials::CrystalLayerSpec spec;
    spec.name = text(layer, "name");
    spec.crystal =
        has(layer, "material") ? read_builtin_material(layer) : read_lattice_file_key(layer, folder);
    apply_parameters(layer, spec.crystal);
    spec.thickness_nm = number(layer, "thickness_nm");
    if (has(layer, "site_energy_eV")) spec.site_energy_eV = number(layer, "site_energy_eV");
    return spec;
}

// A generic layer, given by its numbers or by a phase of the interphase table (values
// given here replace the table's); `lateral_spacing_A` is the geometric mean of the in-plane
// spacings the layer gets in the stack, which the table's attempt frequency depends on.
materials::GenericLayerSpec read_generic_layer(const Node& layer, double lateral_spacing_A) {
    reject_unknown_keys(layer, {"name", "phase", "thickness_nm", "site_density_per_nm3", "barrier_eV",
                                "attempt_frequency_Hz", "site_energy_eV", "source"});
    if (has(layer, "phase")) {
        materials::PhaseLayerRequest request;
        request.layer_name = text(layer, "name");
        request.phase = text(layer, "phase");
        request.thickness_nm = number(layer, "thickness_nm");
        bool own_values = false;
        const auto optional_number = [&](const std::string& key, std::optional<double>& into) {
            if (!has(layer, key)) return;
            into = number(layer, key);
            own_values = true;
        };
        optional_number("site_density_per_nm3", request.site_density_per_nm3);
        optional_number("barrier_eV", request.barrier_eV);
        optional_number("attempt_frequency_Hz", request.attempt_frequency_Hz);
        if (has(layer, "site_energy_eV")) request.site_energy_eV = number(layer, "site_energy_eV");
        request.source = own_values ? text(layer, "source") : text_or(layer, "source", "");
        try {
            return materials::layer_from_phase(request, lateral_spacing_A);
        } catch (const Error& error) {
            fail(value_of(layer, "phase"), join(layer.path, "phase"), error.what());
        }
    }
    materials::GenericLayerSpec spec;
    spec.name = text(layer, "name");
    spec.thickness_nm = number(layer, "thickness_nm");
    spec.site_density_per_nm3 = number(layer, "site_density_per_nm3");
    spec.barrier_eV = number(layer, "barrier_eV");
    spec.attempt_frequency_Hz = number(layer, "attempt_frequency_Hz");
    if (has(layer, "site_energy_eV")) spec.site_energy_eV = number(layer, "site_energy_eV");
    spec.source = text(layer, "source");
    return spec;
}

// Layers stacked along x (materials/layer_stack.hpp); half the generic layers' sites hold
// Li unless [content] says otherwise, the crystals their materials' default content.
materials::LayerStackSpec read_layer_stack(const Node& lattice, const std::filesystem::path& folder) {
    materials::LayerStackSpec stack;
    if (has(lattice, "lateral_spacing_A")) stack.lateral_spacing_A = number(lattice, "lateral_spacing_A");
    if (has(lattice, "interface_barrier_eV"))
        stack.interface_barrier_eV = number(lattice, "interface_barrier_eV");
    if (has(lattice, "interface_attempt_frequency_Hz"))
        stack.interface_attempt_frequency_Hz = number(lattice, "interface_attempt_frequency_Hz");
    if (has(lattice, "interface_cutoff_A")) stack.interface_cutoff_A = number(lattice, "interface_cutoff_A");
    stack.site_fraction = 0.5;
    const std::vector<Node> layers = tables_of(lattice, "layer");
    const auto is_crystal = [](const Node& layer) { return has(layer, "material") || has(layer, "file"); };
    // Crystals first: their cross-section sets the generic layers' in-plane spacing.
    materials::LayerStackSpec crystals_only = stack;
    std::vector<std::optional<materials::CrystalLayerSpec>> crystals;
    for (const Node& layer : layers) {
        crystals.push_back(is_crystal(layer) ? std::optional(read_crystal_layer(layer, folder))
                                             : std::nullopt);
        if (crystals.back()) crystals_only.layers.push_back(*crystals.back());
    }
    const bool any_generic =
        std::any_of(crystals.begin(), crystals.end(), [](const auto& c) { return !c.has_value(); });
    if (any_generic && !has(lattice, "lateral_spacing_A")) {
        fail(lattice.value, join(lattice.path, "lateral_spacing_A"),
             "give the in-plane site spacing of the generic layers");
    }
    double mean_spacing_A = stack.lateral_spacing_A;
    if (any_generic && !crystals_only.layers.empty()) {
        try {
            const auto spacing = materials::realised_lateral_spacing_A(crystals_only);
            mean_spacing_A = std::sqrt(spacing[0] * spacing[1]);
        } catch (const Error& error) {
            fail(lattice.value, join(lattice.path, "layer"), error.what());
        }
    }
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (crystals[i]) {
            stack.layers.push_back(*crystals[i]);
        } else {
            stack.layers.push_back(read_generic_layer(layers[i], mean_spacing_A));
        }
    }
    return stack;
}

materials::LatticeDescription read_lattice(const Node& lattice, const std::filesystem::path& folder) {
    reject_unknown_keys(
        lattice, {"material", "file", "test", "barrier_eV", "attempt_frequency_Hz", "hop_length_A", "hop",
                  "site", "layer", "lateral_spacing_A", "parameters", "interface_barrier_eV",
                  "interface_attempt_frequency_Hz", "interface_cutoff_A"});
    const int forms = int(has(lattice, "material")) + int(has(lattice, "file")) + int(has(lattice, "test")) +
                      int(has(lattice, "layer"));
    if (forms != 1) {
        fail(lattice.value, lattice.path, "give exactly one of material, file, test or [[lattice.layer]]");
    }
    for (const char* key : {"lateral_spacing_A", "interface_barrier_eV", "interface_attempt_frequency_Hz",
                            "interface_cutoff_A"}) {
        if (has(lattice, key) && !has(lattice, "layer")) {
            fail(value_of(lattice, key), join(lattice.path, key), "only for a stack of [[lattice.layer]]");
        }
    }
    if (has(lattice, "layer")) {
        try {
            return materials::describe_layer_stack(read_layer_stack(lattice, folder));
        } catch (const Error& error) {
            fail(lattice.value, join(lattice.path, "layer"), error.what());
        }
    }
    const bool test = has(lattice, "test");
    for (const char* key : {"barrier_eV", "attempt_frequency_Hz", "hop_length_A"}) {
        if (has(lattice, key) && !test) {
            fail(value_of(lattice, key), join(lattice.path, key),
                 "only for test lattices; a material takes its parameters from its lattice file (use "
                 "[[lattice.hop]] to override them)");
        }
    }
    if (has(lattice, "material")) return read_builtin_material(lattice);
    if (has(lattice, "file")) return read_lattice_file_key(lattice, folder);
    lattices::TestLatticeOptions options;
    options.barrier_eV = number(lattice, "barrier_eV");
    if (has(lattice, "attempt_frequency_Hz"))
        options.attempt_frequency_Hz = number(lattice, "attempt_frequency_Hz");
    if (has(lattice, "hop_length_A")) options.hop_length_A = number(lattice, "hop_length_A");
    try {
        return materials::describe_test_lattice(text(lattice, "test"), options);
    } catch (const Error& error) {
        fail(value_of(lattice, "test"), join(lattice.path, "test"), error.what());
    }
}

// The class named by the override's `class` key, or an error listing the valid names.
template <typename Spec>
Spec& overridden_class(const Node& table, std::vector<Spec>& classes, const char* kind) {
    const std::string name = text(table, "class");
    std::string valid;
    for (Spec& spec : classes) {
        if (spec.name == name) return spec;
        valid += (valid.empty() ? "" : ", ") + spec.name;
    }
    fail(value_of(table, "class"), join(table.path, "class"),
         std::string("no ") + kind + " class '" + name + "'; valid: " + valid);
}

void apply_overrides(const Node& lattice, materials::LatticeDescription& d) {
    const auto mark_overridden = [&](std::string& source) {
        d.references["config_override"] = "value set in the run config, overriding the lattice file";
        source = "config_override";
    };
    for (const Node& hop : tables_of(lattice, "hop")) {
        reject_unknown_keys(hop, {"class", "barrier_eV", "attempt_frequency_Hz"});
        materials::HopClassSpec& spec = overridden_class(hop, d.hops, "hop");
        if (has(hop, "barrier_eV")) {
            spec.barrier_eV = number(hop, "barrier_eV");
            if (spec.barrier_eV < 0.0)
                fail(value_of(hop, "barrier_eV"), join(hop.path, "barrier_eV"), "must be >= 0");
        }
        if (has(hop, "attempt_frequency_Hz")) {
            spec.attempt_frequency_Hz = number(hop, "attempt_frequency_Hz");
            if (spec.attempt_frequency_Hz <= 0.0) {
                fail(value_of(hop, "attempt_frequency_Hz"), join(hop.path, "attempt_frequency_Hz"),
                     "must be > 0");
            }
        }
        mark_overridden(spec.source);
    }
    for (const Node& site : tables_of(lattice, "site")) {
        reject_unknown_keys(site, {"class", "energy_eV"});
        materials::SiteClassSpec& spec = overridden_class(site, d.sites, "site");
        spec.energy_eV = number(site, "energy_eV");
        mark_overridden(spec.source);
    }
}

void read_content(const Node& content, PredictionSettings& settings) {
    reject_unknown_keys(content, {"per_formula_unit", "site_fraction", "per_cell", "ions", "vacancies"});
    if (content.value.as_table().size() > 1) {
        fail(content.value, content.path,
             "give the content one way only (per_formula_unit, site_fraction, ions or vacancies)");
    }
    if (has(content, "per_formula_unit"))
        settings.mobile_per_formula_unit = number(content, "per_formula_unit");
    if (has(content, "site_fraction")) settings.site_fraction = number(content, "site_fraction");
    if (has(content, "per_cell")) settings.mobile_per_cell = number(content, "per_cell");
    for (const char* key : {"ions", "vacancies"}) {
        if (!has(content, key)) continue;
        const long long count = integer(content, key);
        if (count < 0) fail(value_of(content, key), join(content.path, key), "must be >= 0");
        (std::string(key) == "ions" ? settings.ion_count : settings.vacancies) =
            static_cast<std::size_t>(count);
    }
}

void read_doping(const Node& doping, PredictionSettings& settings) {
    reject_unknown_keys(doping, {"dopant", "per_formula_unit"});
    DopingRequest request{text(doping, "dopant"), number(doping, "per_formula_unit")};
    if (!std::isfinite(request.per_formula_unit) || request.per_formula_unit < 0.0) {
        fail(value_of(doping, "per_formula_unit"), join(doping.path, "per_formula_unit"), "must be >= 0");
    }
    settings.doping = request;
}

Eigen::Vector3d vector_of(const Node& table, const std::string& key) {
    const std::array<double, 3> v = number_triple(value_of(table, key), join(table.path, key));
    return {v[0], v[1], v[2]};
}

// [microstructure]: the grains (runs/microstructure.hpp) and their boundary. The boundary's
// width, barrier scale, site-energy offset and source are required: no silent default.
void read_microstructure(const Node& table, PredictionSettings& settings) {
    MicrostructureRequest request;
    const std::string kind = text(table, "kind");
    const auto check_positive = [&](const std::string& key, double value) {
        if (!(value > 0.0)) fail(value_of(table, key), join(table.path, key), "must be > 0");
        return value;
    };
    if (kind == "polycrystal") {
        reject_unknown_keys(
            table, {"kind", "grains", "grain_size_nm", "orientations", "gb_width_A", "gb_barrier_scale",
                    "gb_site_energy_eV", "hop_cutoff_A", "min_separation_A", "seed", "source"});
        request.kind = MicrostructureKind::polycrystal;
        const long long grains = integer(table, "grains");
        if (grains < 1 || grains > 100000)
            fail(value_of(table, "grains"), join(table.path, "grains"), "must be 1 to 100000");
        request.grains = static_cast<int>(grains);
        request.grain_size_nm = check_positive("grain_size_nm", number(table, "grain_size_nm"));
        const std::string orientations = text_or(table, "orientations", "random");
        if (orientations != "random" && orientations != "aligned") {
            fail(value_of(table, "orientations"), join(table.path, "orientations"),
                 "expected \"random\" or \"aligned\"");
        }
        request.random_orientations = orientations == "random";
    } else if (kind == "bicrystal") {
        reject_unknown_keys(table, {"kind", "grain_cells", "rotation_axis", "rotation_angle_deg", "shift_A",
                                    "gb_width_A", "gb_barrier_scale", "gb_site_energy_eV", "hop_cutoff_A",
                                    "min_separation_A", "seed", "source"});
        request.kind = MicrostructureKind::bicrystal;
        const long long cells = integer(table, "grain_cells");
        if (cells < 1 || cells > 100000)
            fail(value_of(table, "grain_cells"), join(table.path, "grain_cells"), "must be 1 to 100000");
        request.grain_cells = static_cast<int>(cells);
        if (has(table, "rotation_axis")) {
            request.rotation_axis = vector_of(table, "rotation_axis");
            if (request.rotation_axis.norm() == 0.0) {
                fail(value_of(table, "rotation_axis"), join(table.path, "rotation_axis"), "must not be zero");
            }
        }
        if (has(table, "rotation_angle_deg"))
            request.rotation_angle_deg = number(table, "rotation_angle_deg");
        if (has(table, "shift_A")) request.shift_A = vector_of(table, "shift_A");
    } else {
        fail(value_of(table, "kind"), join(table.path, "kind"), "expected \"bicrystal\" or \"polycrystal\"");
    }
    request.width_A = check_positive("gb_width_A", number(table, "gb_width_A"));
    request.barrier_scale = check_positive("gb_barrier_scale", number(table, "gb_barrier_scale"));
    request.site_energy_eV = number(table, "gb_site_energy_eV");
    request.source = text(table, "source");
    if (request.source.empty())
        fail(value_of(table, "source"), join(table.path, "source"), "give a citation");
    if (has(table, "hop_cutoff_A"))
        request.hop_cutoff_A = check_positive("hop_cutoff_A", number(table, "hop_cutoff_A"));
    if (has(table, "min_separation_A")) {
        request.min_separation_A = check_positive("min_separation_A", number(table, "min_separation_A"));
    }
    if (has(table, "seed")) {
        const long long seed = integer(table, "seed");
        if (seed < 0) fail(value_of(table, "seed"), join(table.path, "seed"), "must be >= 0");
        request.seed = static_cast<std::uint64_t>(seed);
    }
    settings.microstructure = request;
}

void read_run(const Node& run, PredictionSettings& settings) {
    reject_unknown_keys(
        run, {"temperatures_K", "supercell", "target_relative_error", "min_replicas", "max_replicas",
              "events_per_ion", "threads", "seed", "field_V_per_cm", "acceleration"});
    if (has(run, "field_V_per_cm")) {
        const std::array<double, 3> f =
            number_triple(value_of(run, "field_V_per_cm"), join(run.path, "field_V_per_cm"));
        settings.field_V_per_cm = {f[0], f[1], f[2]};
    }
    if (has(run, "temperatures_K")) {
        const toml::value& t = value_of(run, "temperatures_K");
        try {
            if (t.is_string()) {
                settings.temperatures_K = parse_temperature_list(t.as_string().str);
            } else {
                settings.temperatures_K.clear();
                for (const toml::value& item : array(run, "temperatures_K")) {
                    if (!(item.is_integer() || item.is_floating())) throw Error("expected numbers in K");
                    settings.temperatures_K.push_back(item.is_integer() ? double(item.as_integer())
                                                                        : item.as_floating());
                }
            }
        } catch (const Error& error) {
            fail(t, join(run.path, "temperatures_K"), error.what());
        }
    }
    if (has(run, "supercell")) {
        const toml::array& reps = array(run, "supercell");
        if (reps.size() != 3)
            fail(value_of(run, "supercell"), join(run.path, "supercell"), "expected [a, b, c]");
        for (int axis = 0; axis < 3; ++axis) {
            if (!reps[axis].is_integer() || reps[axis].as_integer() < 1) {
                fail(reps[axis], join(run.path, "supercell"), "repetitions must be integers >= 1");
            }
            settings.repetitions[axis] = static_cast<int>(reps[axis].as_integer());
        }
    }
    if (has(run, "target_relative_error"))
        settings.target_relative_error = number(run, "target_relative_error");
    if (has(run, "min_replicas")) settings.min_replicas = static_cast<int>(integer(run, "min_replicas"));
    if (has(run, "max_replicas")) settings.max_replicas = static_cast<int>(integer(run, "max_replicas"));
    if (has(run, "events_per_ion")) {
        const long long events = integer(run, "events_per_ion");
        if (events < 1)
            fail(value_of(run, "events_per_ion"), join(run.path, "events_per_ion"), "must be >= 1");
        settings.events_per_ion = static_cast<std::uint64_t>(events);
    }
    if (has(run, "threads")) settings.threads = static_cast<int>(integer(run, "threads"));
    settings.acceleration = boolean_or(run, "acceleration", settings.acceleration);
    if (has(run, "seed")) {
        const long long seed = integer(run, "seed");
        if (seed < 0) fail(value_of(run, "seed"), join(run.path, "seed"), "must be >= 0");
        settings.seed = static_cast<std::uint64_t>(seed);
    }
    try {
        settings.validate();
    } catch (const Error& error) {
        fail(run.value, run.path, error.what());
    }
}

}  // namespace

namespace {

std::vector<SweepAxis> read_sweep(const Node& document) {
    std::vector<SweepAxis> axes;
    for (const Node& axis : tables_of(document, "sweep")) {
        reject_unknown_keys(axis, {"key", "values"});
        SweepAxis sweep_axis;
        sweep_axis.key = text(axis, "key");
        if (sweep_axis.key.rfind("sweep", 0) == 0 || sweep_axis.key.rfind("output", 0) == 0) {
            fail(value_of(axis, "key"), join(axis.path, "key"),
                 "sweeps change the prediction, not [sweep] or [output]");
        }
        const toml::value& values = value_of(axis, "values");
        try {
            if (values.is_string()) {
                sweep_axis.values = parse_value_list(values.as_string().str, sweep_axis.key);
            } else {
                for (const toml::value& item : array(axis, "values")) {
                    if (!(item.is_integer() || item.is_floating())) throw Error("expected numbers");
                    sweep_axis.values.push_back(item.is_integer() ? double(item.as_integer())
                                                                  : item.as_floating());
                }
                if (sweep_axis.values.empty()) throw Error("give at least one value");
            }
        } catch (const Error& error) {
            fail(values, join(axis.path, "values"), error.what());
        }
        for (const SweepAxis& other : axes) {
            if (other.key == sweep_axis.key)
                fail(value_of(axis, "key"), join(axis.path, "key"), "swept twice");
        }
        axes.push_back(std::move(sweep_axis));
    }
    return axes;
}

RunConfig parse_document(const toml::value& root, const std::string& text, const std::string& origin,
                         const std::filesystem::path& folder) {
    const Node document{root, ""};
    reject_unknown_keys(document,
                        {"lattice", "content", "doping", "microstructure", "run", "output", "sweep"});
    RunConfig config;
    config.text = text;
    config.document = root;
    config.origin = origin;
    config.folder = folder;
    const Node lattice = child(document, "lattice");
    config.lattice = read_lattice(lattice, folder);
    if (has(lattice, "layer")) {
        config.stack = read_layer_stack(lattice, folder);
        config.settings.occupancy_profile_x = true;
    }
    apply_parameters(lattice, config.lattice);
    apply_overrides(lattice, config.lattice);
    if (has(document, "content")) read_content(child(document, "content"), config.settings);
    if (has(document, "doping")) read_doping(child(document, "doping"), config.settings);
    if (has(document, "microstructure")) {
        if (config.stack)
            throw Error(origin + ": [microstructure] and [[lattice.layer]] cannot be combined yet");
        read_microstructure(child(document, "microstructure"), config.settings);
        config.settings.occupancy_profile_x =
            config.settings.microstructure->kind == MicrostructureKind::bicrystal;
    }
    if (has(document, "run")) read_run(child(document, "run"), config.settings);
    if (has(document, "output")) {
        const Node output = child(document, "output");
        reject_unknown_keys(output, {"prefix"});
        std::filesystem::path prefix = text_or(output, "prefix", "");
        if (!prefix.empty() && prefix.is_relative()) prefix = folder / prefix;
        config.output_prefix = prefix.string();
    }
    config.sweep = read_sweep(document);
    return config;
}

// Sets `key` (a dotted path) in the document. A segment naming an array of tables
// ([[lattice.hop]], [[lattice.layer]]) is followed by the `class` or `name` of the entry, added if missing.
// Whole numbers are written as integers, which every numeric key accepts.
void set_value(toml::value& root, const std::string& key, double value) {
    std::vector<std::string> parts;
    std::stringstream in(key);
    for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
    if (parts.size() < 2 || std::find(parts.begin(), parts.end(), "") != parts.end()) {
        throw Error("sweep key '" + key + "': expected a dotted path such as doping.per_formula_unit");
    }
    toml::value* node = &root;
    std::string path;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        toml::table& table = node->as_table();
        path += (path.empty() ? "" : ".") + parts[i];
        auto found = table.find(parts[i]);
        if (found == table.end()) {
            const bool array_of_tables =
                path == "lattice.hop" || path == "lattice.site" || path == "lattice.layer";
            found = table
                        .emplace(parts[i],
                                 array_of_tables ? toml::value(toml::array{}) : toml::value(toml::table{}))
                        .first;
        }
        node = &found->second;
        if (node->is_array()) {
            if (i + 2 >= parts.size()) {
                throw Error("sweep key '" + key + "': after '" + parts[i] + "' name the class, then the key");
            }
            const std::string& name = parts[++i];
            toml::array& entries = node->as_array();
            toml::value* entry = nullptr;
            // Overrides ([[lattice.hop]], [[lattice.site]]) are named by `class`, layers by `name`.
            const char* id = path == "lattice.layer" ? "name" : "class";
            for (toml::value& candidate : entries) {
                if (candidate.is_table() && candidate.contains(id) && candidate.at(id).is_string() &&
                    candidate.at(id).as_string().str == name) {
                    entry = &candidate;
                }
            }
            if (!entry && path == "lattice.layer") {
                throw Error("sweep key '" + key + "': no [[lattice.layer]] named '" + name + "'");
            }
            if (!entry) {
                entries.push_back(toml::table{{"class", name}});
                entry = &entries.back();
            }
            node = entry;
        }
        if (!node->is_table()) throw Error("sweep key '" + key + "': '" + parts[i] + "' is not a table");
    }
    toml::value& leaf = node->as_table()[parts.back()];
    if (std::floor(value) == value && std::abs(value) < 9e15) {
        leaf = static_cast<toml::integer>(value);
    } else {
        leaf = value;
    }
}

}  // namespace

RunConfig parse_run_config(const std::string& text, const std::string& origin,
                           const std::filesystem::path& folder) {
    return parse_document(parse_toml(text, origin), text, origin, folder);
}

RunConfig with_values(const RunConfig& config, const std::vector<std::pair<std::string, double>>& values) {
    toml::value root = config.document;
    std::string where;
    for (const auto& [key, value] : values) {
        set_value(root, key, value);
        std::ostringstream point;
        point << key << " = " << value;
        where += (where.empty() ? "" : ", ") + point.str();
    }
    try {
        return parse_document(root, config.text, config.origin, config.folder);
    } catch (const Error& error) {
        // Values set here have no line in the file: name the file instead.
        std::string message = error.what();
        for (const std::string unknown = "unknown file:1: ";;) {
            const auto at = message.find(unknown);
            if (at == std::string::npos) break;
            message.replace(at, unknown.size(), config.origin + ": ");
        }
        throw Error("sweep point " + where + ": " + message);
    }
}

RunConfig read_run_config(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string() + ": cannot open the config file");
    std::stringstream text;
    text << in.rdbuf();
    return parse_run_config(text.str(), path.string(), path.parent_path());
}

}  // namespace ionhop::runs
