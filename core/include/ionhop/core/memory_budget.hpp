#pragma once
// Refusing work that cannot fit in memory before allocating it: a supercell or
// microstructure too large for the machine ends with a clear error naming the size it
// would need, never with std::bad_alloc halfway through or the kernel's OOM killer.
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "ionhop/core/error.hpp"

namespace ionhop {

// Memory the program can still take without swapping: MemAvailable of /proc/meminfo where
// there is one (Linux), else the machine's physical memory.
inline double available_memory_bytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    double value_kB = 0.0;
    std::string unit;
    while (meminfo >> key >> value_kB >> unit) {
        if (key == "MemAvailable:") return value_kB * 1024.0;
    }
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page_size = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && page_size > 0) return static_cast<double>(pages) * static_cast<double>(page_size);
    return INFINITY;  // unknown: do not refuse
}

inline std::string gibibytes(double bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g GiB", bytes / (1024.0 * 1024.0 * 1024.0));
    return text;
}

// Throws ionhop::Error when `bytes_needed` exceeds `available_bytes`, saying what would need
// it (`what`, e.g. "compile: a supercell of 6.1e+08 sites and 3.7e+09 hops").
inline void require_memory(double bytes_needed, const std::string& what,
                           double available_bytes = available_memory_bytes()) {
    if (bytes_needed <= available_bytes) return;
    std::ostringstream message;
    message << what << " would need at least " << gibibytes(bytes_needed) << " of memory, but only "
            << gibibytes(available_bytes)
            << " is available; make it smaller (fewer repetitions, a smaller box)";
    throw Error(message.str());
}

}  // namespace ionhop
