// The built-in LGPS lattice against its crystallography (see materials/data/lgps.toml).
#include <gtest/gtest.h>

#include <map>

#include "ionhop/lattices/connectivity.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "support/material_checks.hpp"

namespace ionhop::materials {
namespace {

using testing::class_counts;

TEST(Lgps, SiteCountsMatchTheWyckoffPositions) {
    const MaterialLattice lgps = build_lattice(builtin_material("lgps"));
    const auto sites = class_counts(lgps.site_counts);
    EXPECT_EQ(sites.at("16h"), 16u);
    EXPECT_EQ(sites.at("8f"), 8u);
    EXPECT_EQ(sites.at("4c"), 4u);
    std::map<std::string, std::size_t> spectators;
    for (const auto& s : lgps.spectators) ++spectators[s.site_class];
    EXPECT_EQ(spectators.at("Li-4d"), 4u);
    EXPECT_EQ(spectators.at("Ge/P-4d"), 4u);
    EXPECT_EQ(spectators.at("P-2b"), 2u);
    // Li10GeP2S12, Z = 2: 20 Li per cell, 4 of them immobile on 4d.
    EXPECT_DOUBLE_EQ(lgps.mobile_per_cell + spectators.at("Li-4d"), 20.0);
}

TEST(Lgps, HopAndBlockingDistancesMatchTheStructure) {
    const MaterialLattice lgps = build_lattice(builtin_material("lgps"));
    const auto lengths = lattices::hop_length_range_A(lgps.unit);
    // 16h-16h 1.73 A, 16h-8f 2.32 A, 16h-4c 3.02 A (MATERIALS.md, computed from the structure).
    EXPECT_NEAR(lengths.at("c-16h-16h").first, 1.73, 0.005);
    EXPECT_NEAR(lengths.at("c-16h-8f").first, 2.32, 0.005);
    EXPECT_NEAR(lengths.at("ab-link").first, 3.02, 0.005);
    for (const auto& [name, range] : lengths) {
        EXPECT_NEAR(range.first, range.second, 1e-9) << name << ": one distance per class";
    }
    // Each 16h has exactly one 16h partner at 1.73 A: 8 blocking pairs per cell.
    EXPECT_EQ(class_counts(lgps.exclusion_counts).at("16h-pair"), 8u);
    const auto hops = class_counts(lgps.hop_counts);
    EXPECT_EQ(hops.at("c-16h-16h"), 16u);  // directed: 8 pairs both ways
    EXPECT_EQ(hops.at("c-16h-8f"), 32u);   // each 16h has two 8f neighbours
    EXPECT_EQ(hops.at("ab-link"), 32u);    // each 4c has four 16h neighbours
}

TEST(Lgps, ConductsIn3DAndOnlyAlongCWithoutTheAbLinks) {
    const LatticeDescription full = builtin_material("lgps");
    const MaterialLattice lgps = build_lattice(full);
    const auto all = lattices::analyse_connectivity(lgps.unit);
    EXPECT_EQ(all.dimension, 3);
    EXPECT_EQ(all.num_components, 1u);

    LatticeDescription channels = full;
    std::erase_if(channels.hops, [](const HopClassSpec& hop) { return hop.name == "ab-link"; });
    std::erase_if(channels.sites, [](const SiteClassSpec& site) { return site.name == "4c"; });
    const MaterialLattice c_only = build_lattice(channels);
    const auto along_c = lattices::analyse_connectivity(c_only.unit);
    EXPECT_EQ(along_c.dimension, 1);
    const lattices::Cell& cell = c_only.unit.cell();
    EXPECT_TRUE(along_c.conducts_along(cell, Eigen::Vector3d::UnitZ()));
    EXPECT_FALSE(along_c.conducts_along(cell, Eigen::Vector3d::UnitX()));
    EXPECT_FALSE(along_c.conducts_along(cell, Eigen::Vector3d::UnitY()));
}

}  // namespace
}  // namespace ionhop::materials
