#include "ionhop/core/memory_budget.hpp"

#include <gtest/gtest.h>

#include <cmath>

using ionhop::require_memory;

TEST(MemoryBudget, RefusesMoreThanIsAvailableNamingBothSizes) {
    const double GiB = 1024.0 * 1024.0 * 1024.0;
    try {
        require_memory(3.0 * GiB, "compile: a supercell of 1e8 sites", 2.0 * GiB);
        FAIL() << "3 GiB fitted in 2 GiB";
    } catch (const ionhop::Error& e) {
        EXPECT_STREQ(
            e.what(),
            "compile: a supercell of 1e8 sites would need at least 3 GiB of memory, but only 2 GiB is "
            "available; make it smaller (fewer repetitions, a smaller box)");
    }
    EXPECT_NO_THROW(require_memory(2.0 * GiB, "exactly what is there", 2.0 * GiB));
}

TEST(MemoryBudget, ReadsThisMachinesAvailableMemory) {
    const double available = ionhop::available_memory_bytes();
    EXPECT_GT(available, 0.0);
    EXPECT_TRUE(std::isfinite(available)) << "neither /proc/meminfo nor sysconf told the memory";
}
