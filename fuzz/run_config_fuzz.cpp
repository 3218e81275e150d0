// libFuzzer target: any bytes as the config of `ionhop run` (runs/run_config.hpp). Lattice
// files named by the config are looked up in a folder that does not exist.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/runs/run_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        ionhop::runs::parse_run_config(text, "fuzz.toml", "/nonexistent/ionhop-fuzz");
    } catch (const ionhop::Error&) {
        // Refused with a message: what bad input must end in.
    }
    return 0;
}
