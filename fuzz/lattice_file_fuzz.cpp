// libFuzzer target: any bytes as a lattice file (materials/lattice_file.hpp).
#include <cstddef>
#include <cstdint>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/lattice_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        ionhop::materials::parse_lattice_text(text, "fuzz.toml");
    } catch (const ionhop::Error&) {
        // Refused with a message: what bad input must end in. Anything else escapes and
        // is reported by libFuzzer as a crash.
    }
    return 0;
}
