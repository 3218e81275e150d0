#pragma once
// The lattice files of materials/data/, compiled in (see materials/CMakeLists.txt).
#include <string_view>
#include <vector>

namespace ionhop::materials {

struct EmbeddedMaterial {
    std::string_view name;  // the file's stem, e.g. "llzo"
    std::string_view text;  // the whole lattice file
};

const std::vector<EmbeddedMaterial>& embedded_materials();

}  // namespace ionhop::materials
