#include "ionhop/materials/material_registry.hpp"

#include <filesystem>

#include "embedded_materials.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/materials/lattice_file.hpp"

namespace ionhop::materials {
namespace {

const EmbeddedMaterial* find(std::string_view name) {
    for (const EmbeddedMaterial& material : embedded_materials()) {
        if (material.name == name) {
            return &material;
        }
    }
    return nullptr;
}

std::string valid_names() {
    std::string names;
    for (const std::string& name : builtin_material_names()) {
        names += (names.empty() ? "" : ", ") + name;
    }
    return names;
}

}  // namespace

std::vector<std::string> builtin_material_names() {
    std::vector<std::string> names;
    for (const EmbeddedMaterial& material : embedded_materials()) {
        names.emplace_back(material.name);
    }
    return names;
}

bool is_builtin_material(std::string_view name) { return find(name) != nullptr; }

std::string builtin_material_text(std::string_view name) {
    const EmbeddedMaterial* material = find(name);
    if (material == nullptr) {
        throw Error("unknown material '" + std::string(name) + "'; built-in materials: " + valid_names());
    }
    return std::string(material->text);
}

LatticeDescription builtin_material(std::string_view name) {
    return parse_lattice_text(builtin_material_text(name), "builtin:" + std::string(name));
}

LatticeDescription load_lattice_description(const std::string& name_or_path) {
    if (is_builtin_material(name_or_path)) {
        return builtin_material(name_or_path);
    }
    if (!std::filesystem::exists(name_or_path)) {
        throw Error("'" + name_or_path + "' is neither a built-in material (" + valid_names() +
                    ") nor an existing lattice file");
    }
    return read_lattice_file(name_or_path);
}

}  // namespace ionhop::materials
