// libFuzzer target: any bytes as a VASP 5 POSCAR through the whole import
// (materials/structure_import.hpp: reader, site classes, proposed hops, the lattice built).
#include <cstddef>
#include <cstdint>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/structure_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    ionhop::materials::ImportOptions options;
    options.format = "poscar";
    try {
        ionhop::materials::parse_structure_text(text, "POSCAR", options);
    } catch (const ionhop::Error&) {
        // Refused with a message: what bad input must end in.
    }
    return 0;
}
