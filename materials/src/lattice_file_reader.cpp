// Reads a lattice file into a LatticeDescription, checking every value where it stands so
// that errors point at the line. Geometry (overlaps, hops that match nothing, isolated
// sites) is checked when the lattice is built (build.cpp).
#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/materials/material_parameters.hpp"
#include "ionhop/materials/space_group.hpp"
#include "ionhop/materials/toml_fields.hpp"

namespace ionhop::materials {
namespace {

using namespace toml_fields;

std::string item_path(const std::string& key, std::size_t index) {
    return key + "[" + std::to_string(index) + "]";
}

// Each array-of-tables entry, as a Node with its path.
std::vector<Node> tables_of(const Node& document, const std::string& key) {
    std::vector<Node> tables;
    if (!has(document, key)) {
        return tables;
    }
    const toml::array& entries = array(document, key);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (!entries[i].is_table()) {
            fail(entries[i], item_path(key, i), "expected a table ([[" + key + "]])");
        }
        tables.push_back({entries[i], item_path(key, i)});
    }
    return tables;
}

void require(bool condition, const Node& table, const std::string& key, const std::string& message) {
    if (!condition) {
        const toml::value& at = has(table, key) ? table.value.as_table().at(key) : table.value;
        fail(at, join(table.path, key), message);
    }
}

double positive(const Node& table, const std::string& key) {
    const double x = number(table, key);
    require(x > 0.0, table, key, "must be > 0, found " + std::to_string(x));
    return x;
}

double non_negative(const Node& table, const std::string& key) {
    const double x = number(table, key);
    require(x >= 0.0, table, key, "must be >= 0, found " + std::to_string(x));
    return x;
}

std::array<double, 2> distance_window(const Node& table) {
    const std::array<double, 2> window = number_pair(table, "distance_A");
    require(window[0] >= 0.0 && window[0] < window[1], table, "distance_A",
            "expected [min, max] Angstrom with 0 <= min < max");
    return window;
}

CellSpec read_cell(const Node& cell, std::optional<SymmetrySpec>& symmetry) {
    reject_unknown_keys(
        cell, {"lengths_A", "angles_deg", "vectors_A", "periodic", "space_group", "setting", "source"});
    CellSpec spec;
    const bool by_parameters = has(cell, "lengths_A") || has(cell, "angles_deg");
    require(by_parameters != has(cell, "vectors_A"), cell, "vectors_A",
            "give either lengths_A and angles_deg, or vectors_A (one form, not both)");
    if (by_parameters) {
        const std::array<double, 3> lengths =
            number_triple(has(cell, "lengths_A") ? cell.value.as_table().at("lengths_A") : cell.value,
                          join(cell.path, "lengths_A"));
        const std::array<double, 3> angles =
            number_triple(has(cell, "angles_deg") ? cell.value.as_table().at("angles_deg") : cell.value,
                          join(cell.path, "angles_deg"));
        for (double length : lengths) {
            require(length > 0.0, cell, "lengths_A", "lengths must be > 0 Angstrom");
        }
        for (double angle : angles) {
            require(angle > 0.0 && angle < 180.0, cell, "angles_deg", "angles must lie in (0, 180) degrees");
        }
        spec.parameters = {lengths[0], lengths[1], lengths[2], angles[0], angles[1], angles[2]};
    } else {
        const toml::array& rows = array(cell, "vectors_A");
        require(rows.size() == 3, cell, "vectors_A", "expected three vectors [a, b, c]");
        Eigen::Matrix3d vectors;
        for (int row = 0; row < 3; ++row) {
            const std::array<double, 3> v =
                number_triple(rows[row], item_path(join(cell.path, "vectors_A"), row));
            vectors.row(row) << v[0], v[1], v[2];
        }
        spec.vectors_A = vectors;
    }
    if (has(cell, "periodic")) {
        spec.periodic = boolean_triple(cell, "periodic");
    }
    if (has(cell, "space_group")) {
        SymmetrySpec group;
        const long long number = integer(cell, "space_group");
        require(number >= 1 && number <= 230, cell, "space_group", "must be a number in 1-230");
        group.space_group = static_cast<int>(number);
        group.setting = text_or(cell, "setting", "");
        const std::vector<std::string> settings = space_group_settings(group.space_group);
        if (!group.setting.empty() &&
            std::find(settings.begin(), settings.end(), group.setting) == settings.end()) {
            std::string valid;
            for (const std::string& s : settings) valid += (valid.empty() ? "\"" : ", \"") + s + "\"";
            require(false, cell, "setting",
                    "space group " + std::to_string(number) + " has no setting \"" + group.setting +
                        "\"; valid settings: " + (valid.empty() ? "none (leave it out)" : valid));
        }
        symmetry = group;
    } else {
        require(!has(cell, "setting"), cell, "setting", "a setting needs a space_group");
    }
    spec.source = text(cell, "source");
    return spec;
}

std::vector<Eigen::Vector3d> read_positions(const Node& table) {
    const toml::array& rows = array(table, "positions");
    require(!rows.empty(), table, "positions", "give at least one position");
    std::vector<Eigen::Vector3d> positions;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::array<double, 3> p = number_triple(rows[i], item_path(join(table.path, "positions"), i));
        positions.emplace_back(p[0], p[1], p[2]);
    }
    return positions;
}

SiteClassSpec read_site_class(const Node& table, bool spectator) {
    if (spectator) {
        reject_unknown_keys(table, {"class", "element", "wyckoff", "positions", "source"});
    } else {
        reject_unknown_keys(table, {"class", "wyckoff", "positions", "energy_eV", "source"});
    }
    SiteClassSpec spec;
    spec.name = text(table, "class");
    require(!spec.name.empty(), table, "class", "a class needs a name");
    spec.wyckoff = text_or(table, "wyckoff", "");
    spec.positions = read_positions(table);
    if (spectator) {
        spec.element = text(table, "element");
    } else if (has(table, "energy_eV")) {
        spec.energy_eV = number(table, "energy_eV");
    }
    spec.source = text(table, "source");
    return spec;
}

// `tabulated = { parameter = "...", at = [...], barrier_eV = [...], attempt_frequency_Hz = [...] }`
HopTabulation read_hop_tabulation(const Node& table) {
    reject_unknown_keys(table, {"parameter", "at", "barrier_eV", "attempt_frequency_Hz"});
    HopTabulation t;
    t.parameter = text(table, "parameter");
    t.at = number_list(table, "at");
    t.barrier_eV = number_list(table, "barrier_eV");
    t.attempt_frequency_Hz = number_list(table, "attempt_frequency_Hz");
    require(t.at.size() >= 2, table, "at", "give at least two points");
    for (std::size_t i = 1; i < t.at.size(); ++i) {
        require(t.at[i] > t.at[i - 1], table, "at", "points must increase strictly");
    }
    require(t.barrier_eV.size() == t.at.size(), table, "barrier_eV", "give one barrier per point of `at`");
    require(t.attempt_frequency_Hz.size() == t.at.size(), table, "attempt_frequency_Hz",
            "give one attempt frequency per point of `at`");
    for (double barrier : t.barrier_eV) require(barrier >= 0.0, table, "barrier_eV", "barriers must be >= 0");
    for (double nu : t.attempt_frequency_Hz) {
        require(nu > 0.0, table, "attempt_frequency_Hz", "attempt frequencies must be > 0");
    }
    return t;
}

HopClassSpec read_hop_class(const Node& table) {
    reject_unknown_keys(table, {"class", "between", "distance_A", "barrier_eV", "attempt_frequency_Hz",
                                "tabulated", "source"});
    HopClassSpec spec;
    spec.name = text(table, "class");
    const std::array<std::string, 2> between = text_pair(table, "between");
    spec.from = between[0];
    spec.to = between[1];
    spec.distance_A = distance_window(table);
    if (has(table, "tabulated")) {
        for (const char* key : {"barrier_eV", "attempt_frequency_Hz"}) {
            require(!has(table, key), table, key,
                    "give the hop's parameters either here or in `tabulated`, not both");
        }
        spec.tabulated =
            read_hop_tabulation(Node{table.value.as_table().at("tabulated"), join(table.path, "tabulated")});
    } else {
        spec.barrier_eV = non_negative(table, "barrier_eV");
        spec.attempt_frequency_Hz = positive(table, "attempt_frequency_Hz");
    }
    spec.source = text(table, "source");
    return spec;
}

MaterialParameterSpec read_parameter(const Node& table) {
    reject_unknown_keys(table, {"name", "meaning", "value", "range", "source"});
    MaterialParameterSpec spec;
    spec.name = text(table, "name");
    spec.meaning = text(table, "meaning");
    spec.value = number(table, "value");
    spec.range = number_pair(table, "range");
    require(spec.range[0] < spec.range[1], table, "range", "expected [min, max] with min < max");
    require(spec.value >= spec.range[0] && spec.value <= spec.range[1], table, "value",
            "must lie within `range`");
    spec.source = text(table, "source");
    return spec;
}

// Every table names a parameter of the material and covers that parameter's whole range.
void check_tabulations(const LatticeDescription& d, const Node& document) {
    const auto entry = [&](const std::string& key, std::size_t i) {
        return Node{document.value.as_table().at(key).as_array()[i], item_path(key, i)};
    };
    std::set<std::string> names;
    for (std::size_t i = 0; i < d.parameters.size(); ++i) {
        require(names.insert(d.parameters[i].name).second, entry("parameters", i), "name",
                "parameter '" + d.parameters[i].name + "' is defined twice");
    }
    for (std::size_t i = 0; i < d.hops.size(); ++i) {
        if (!d.hops[i].tabulated) continue;
        const HopTabulation& t = *d.hops[i].tabulated;
        const Node tabulated{entry("hops", i).value.as_table().at("tabulated"),
                             item_path("hops", i) + ".tabulated"};
        const auto parameter =
            std::find_if(d.parameters.begin(), d.parameters.end(),
                         [&](const MaterialParameterSpec& p) { return p.name == t.parameter; });
        require(parameter != d.parameters.end(), tabulated, "parameter",
                "no [[parameters]] named '" + t.parameter + "'; parameters: " + material_parameter_names(d));
        require(t.at.front() <= parameter->range[0] && t.at.back() >= parameter->range[1], tabulated, "at",
                "the points must cover the range of '" + t.parameter + "'");
    }
}

ExclusionSpec read_exclusion(const Node& table) {
    reject_unknown_keys(table, {"class", "between", "distance_A", "source"});
    ExclusionSpec spec;
    spec.name = text(table, "class");
    spec.between = text_pair(table, "between");
    spec.distance_A = distance_window(table);
    spec.source = text(table, "source");
    return spec;
}

DopantSpec read_dopant(const Node& table) {
    reject_unknown_keys(
        table, {"name", "element", "host", "mobile_change_per_dopant", "max_per_formula_unit", "max_reason",
                "radius_A", "site_energy_shift_eV", "barrier_shift_eV", "source"});
    DopantSpec spec;
    spec.name = text(table, "name");
    require(!spec.name.empty(), table, "name", "a dopant needs a name");
    spec.element = text(table, "element");
    spec.host = text(table, "host");
    spec.mobile_change_per_dopant = static_cast<int>(integer(table, "mobile_change_per_dopant"));
    if (has(table, "max_per_formula_unit")) {
        spec.max_per_formula_unit = positive(table, "max_per_formula_unit");
        spec.max_reason = text(table, "max_reason");
    } else {
        require(!has(table, "max_reason"), table, "max_reason", "only with max_per_formula_unit");
    }
    if (has(table, "radius_A")) spec.radius_A = non_negative(table, "radius_A");
    if (has(table, "site_energy_shift_eV")) spec.site_energy_shift_eV = number(table, "site_energy_shift_eV");
    if (has(table, "barrier_shift_eV")) spec.barrier_shift_eV = number(table, "barrier_shift_eV");
    const bool perturbs = spec.site_energy_shift_eV != 0.0 || spec.barrier_shift_eV != 0.0;
    require(perturbs == (spec.radius_A > 0.0), table, "radius_A",
            "give a radius > 0 together with a site energy or barrier shift, or neither");
    spec.source = text(table, "source");
    return spec;
}

CompositionSpec read_composition(const Node& table) {
    reject_unknown_keys(table, {"formula", "formula_units_per_cell", "mobile_per_formula_unit",
                                "mobile_range_per_formula_unit", "source"});
    CompositionSpec spec;
    spec.formula = text(table, "formula");
    const long long z = integer(table, "formula_units_per_cell");
    require(z >= 1, table, "formula_units_per_cell", "must be an integer >= 1");
    spec.formula_units_per_cell = static_cast<int>(z);
    spec.mobile_per_formula_unit = positive(table, "mobile_per_formula_unit");
    spec.mobile_range = number_pair(table, "mobile_range_per_formula_unit");
    require(spec.mobile_range[0] > 0.0 && spec.mobile_range[0] <= spec.mobile_per_formula_unit &&
                spec.mobile_per_formula_unit <= spec.mobile_range[1],
            table, "mobile_range_per_formula_unit",
            "expected [min, max] with 0 < min <= mobile_per_formula_unit <= max");
    spec.source = text(table, "source");
    return spec;
}

// Cross-references: unique class names, hops and exclusions between known mobile
// classes, every source naming known references.
void check_references(const LatticeDescription& d, const Node& document) {
    std::set<std::string> classes;
    const auto unique = [&](const std::string& name, const std::string& key, std::size_t i) {
        if (!classes.insert(name).second) {
            const Node table{document.value.as_table().at(key).as_array()[i], item_path(key, i)};
            require(false, table, "class", "class name '" + name + "' is used twice");
        }
    };
    for (std::size_t i = 0; i < d.sites.size(); ++i) unique(d.sites[i].name, "sites", i);
    for (std::size_t i = 0; i < d.spectators.size(); ++i) unique(d.spectators[i].name, "spectators", i);
    std::set<std::string> mobile;
    for (const SiteClassSpec& site : d.sites) mobile.insert(site.name);
    std::string valid;
    for (const std::string& name : mobile) valid += (valid.empty() ? "" : ", ") + name;

    const auto check_between = [&](const std::string& key, std::size_t i, const std::string& a,
                                   const std::string& b) {
        const Node table{document.value.as_table().at(key).as_array()[i], item_path(key, i)};
        for (const std::string& name : {a, b}) {
            require(mobile.count(name) > 0, table, "between",
                    "no site class '" + name + "' in [[sites]]; valid classes: " + valid);
        }
    };
    for (std::size_t i = 0; i < d.hops.size(); ++i) check_between("hops", i, d.hops[i].from, d.hops[i].to);
    for (std::size_t i = 0; i < d.exclusions.size(); ++i) {
        check_between("exclusions", i, d.exclusions[i].between[0], d.exclusions[i].between[1]);
    }
    std::set<std::string> dopant_names;
    for (std::size_t i = 0; i < d.dopants.size(); ++i) {
        const Node table{document.value.as_table().at("dopants").as_array()[i], item_path("dopants", i)};
        require(dopant_names.insert(d.dopants[i].name).second, table, "name",
                "dopant name '" + d.dopants[i].name + "' is used twice");
        require(classes.count(d.dopants[i].host) > 0, table, "host",
                "no class '" + d.dopants[i].host + "' in [[sites]] or [[spectators]]");
    }
}

void check_source(const std::string& source, const LatticeDescription& d, const toml::value& at,
                  const std::string& path) {
    std::stringstream keys(source);
    std::string key;
    int count = 0;
    while (std::getline(keys, key, ',')) {
        key.erase(0, key.find_first_not_of(' '));
        key.erase(key.find_last_not_of(' ') + 1);
        if (d.references.count(key) == 0) {
            fail(at, path, "source '" + key + "' is not a key of [references]");
        }
        ++count;
    }
    if (count == 0) {
        fail(at, path, "give the reference key(s) of the source, e.g. source = \"kamaya2011\"");
    }
}

void check_sources(const LatticeDescription& d, const Node& document) {
    const auto at = [&](const std::string& key, std::size_t i) -> const toml::value& {
        return document.value.as_table().at(key).as_array()[i].as_table().at("source");
    };
    const auto& table = document.value.as_table();
    check_source(d.cell.source, d, table.at("cell").as_table().at("source"), "cell.source");
    check_source(d.composition.source, d, table.at("composition").as_table().at("source"),
                 "composition.source");
    for (std::size_t i = 0; i < d.sites.size(); ++i) {
        check_source(d.sites[i].source, d, at("sites", i), item_path("sites", i) + ".source");
    }
    for (std::size_t i = 0; i < d.spectators.size(); ++i) {
        check_source(d.spectators[i].source, d, at("spectators", i), item_path("spectators", i) + ".source");
    }
    for (std::size_t i = 0; i < d.hops.size(); ++i) {
        check_source(d.hops[i].source, d, at("hops", i), item_path("hops", i) + ".source");
    }
    for (std::size_t i = 0; i < d.exclusions.size(); ++i) {
        check_source(d.exclusions[i].source, d, at("exclusions", i), item_path("exclusions", i) + ".source");
    }
    for (std::size_t i = 0; i < d.dopants.size(); ++i) {
        check_source(d.dopants[i].source, d, at("dopants", i), item_path("dopants", i) + ".source");
    }
    for (std::size_t i = 0; i < d.parameters.size(); ++i) {
        check_source(d.parameters[i].source, d, at("parameters", i), item_path("parameters", i) + ".source");
    }
}

LatticeDescription read_document(const toml::value& root) {
    if (!root.is_table()) {
        fail(root, "", "expected a TOML document");
    }
    const Node document{root, ""};
    reject_unknown_keys(
        document, {"format", "name", "description", "mobile_species", "notes", "references", "cell",
                   "composition", "parameters", "sites", "spectators", "hops", "exclusions", "dopants"});
    const std::string format = text(document, "format");
    require(format == lattice_format_version, document, "format",
            "unsupported format '" + format + "'; this version reads \"" + lattice_format_version + "\"");

    LatticeDescription d;
    d.name = text(document, "name");
    d.description = text_or(document, "description", "");
    d.mobile_species = text_or(document, "mobile_species", "Li");
    d.notes = text_or(document, "notes", "");
    const Node references = child(document, "references");
    for (const auto& [key, value] : references.value.as_table()) {
        if (!value.is_string() || value.as_string().str.empty()) {
            fail(value, join("references", key), "expected the citation as a non-empty string");
        }
        d.references[key] = value.as_string().str;
    }
    d.cell = read_cell(child(document, "cell"), d.symmetry);
    d.composition = read_composition(child(document, "composition"));
    for (const Node& table : tables_of(document, "sites")) d.sites.push_back(read_site_class(table, false));
    for (const Node& table : tables_of(document, "spectators")) {
        d.spectators.push_back(read_site_class(table, true));
    }
    for (const Node& table : tables_of(document, "parameters")) d.parameters.push_back(read_parameter(table));
    for (const Node& table : tables_of(document, "hops")) d.hops.push_back(read_hop_class(table));
    for (const Node& table : tables_of(document, "exclusions")) d.exclusions.push_back(read_exclusion(table));
    for (const Node& table : tables_of(document, "dopants")) d.dopants.push_back(read_dopant(table));
    require(!d.sites.empty(), document, "sites", "give at least one [[sites]] class for the mobile ions");
    require(!d.hops.empty(), document, "hops", "give at least one [[hops]] class");
    check_references(d, document);
    check_sources(d, document);
    check_tabulations(d, document);
    resolve_tabulated_hops(d);
    return d;
}

LatticeDescription parse_text(const std::string& text, const std::string& origin) {
    const toml::value root = parse_toml(text, origin);
    try {
        return read_document(root);
    } catch (const toml::exception& error) {
        throw Error(origin + ": " + error.what());
    }
}

}  // namespace

LatticeDescription read_lattice_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(path.string() + ": cannot open the lattice file");
    }
    std::stringstream text;
    text << in.rdbuf();
    return parse_text(text.str(), path.string());
}

LatticeDescription parse_lattice_text(const std::string& text, const std::string& origin) {
    return parse_text(text, origin);
}

}  // namespace ionhop::materials
