#pragma once
// materials/phases/interphases.toml, compiled in (see materials/CMakeLists.txt).
#include <string_view>

namespace ionhop::materials {

std::string_view embedded_interphase_table();

}  // namespace ionhop::materials
