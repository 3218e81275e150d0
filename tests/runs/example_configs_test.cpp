// The configs in examples/ read without error and change only what they say they change.
#include <gtest/gtest.h>

#include <filesystem>

#include "ionhop/materials/material_registry.hpp"
#include "ionhop/runs/run_config.hpp"

namespace ionhop::runs {
namespace {

TEST(ExampleConfigs, ArgyroditeDisorderLevelsOverrideOnlyTheHopParameters) {
    const std::filesystem::path folder = std::filesystem::path(IONHOP_EXAMPLES_DIR) / "argyrodite-disorder";
    const materials::LatticeDescription builtin = materials::builtin_material("argyrodite");
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".toml") continue;
        ++files;
        const RunConfig config = read_run_config(entry.path());
        const materials::LatticeDescription& lattice = config.lattice;
        ASSERT_EQ(lattice.hops.size(), builtin.hops.size()) << entry.path();
        EXPECT_EQ(lattice.sites, builtin.sites) << entry.path();
        for (std::size_t k = 0; k < lattice.hops.size(); ++k) {
            const auto& hop = lattice.hops[k];
            EXPECT_EQ(hop.name, builtin.hops[k].name);
            EXPECT_EQ(hop.distance_A, builtin.hops[k].distance_A);
            // Every class is replaced by that level's fit.
            EXPECT_NE(hop.barrier_eV, builtin.hops[k].barrier_eV) << entry.path() << " " << hop.name;
            EXPECT_NE(hop.attempt_frequency_Hz, builtin.hops[k].attempt_frequency_Hz)
                << entry.path() << " " << hop.name;
        }
    }
    EXPECT_EQ(files, 3u);  // 25, 75 and 100 % Cl on the cage centre (50 % is the built-in)
}

}  // namespace
}  // namespace ionhop::runs
