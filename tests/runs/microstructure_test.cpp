// Grain structures planned from a request: sizes, seeds and orientations, and errors.
#include "ionhop/runs/microstructure.hpp"

#include <gtest/gtest.h>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/cell.hpp"
#include "ionhop/lattices/test_lattices.hpp"

namespace ionhop::runs {
namespace {

MicrostructureRequest polycrystal(int grains, double size_nm) {
    MicrostructureRequest r;
    r.kind = MicrostructureKind::polycrystal;
    r.grains = grains;
    r.grain_size_nm = size_nm;
    r.width_A = 5.0;
    r.barrier_scale = 1.5;
    r.source = "test";
    return r;
}

const lattices::LatticeGraph& cubic() {
    static const lattices::LatticeGraph unit = lattices::build_test_lattice("simple-cubic", {2.0, 0.2, 1e13});
    return unit;
}

TEST(MicrostructurePlan, PolycrystalBoxHoldsTheGrainsAtTheirMeanSize) {
    const auto spec = plan_microstructure(cubic(), polycrystal(8, 3.0), {1, 1, 1}, 5);
    EXPECT_NEAR(spec.box_A.x(), 60.0, 1e-9);  // 8 grains of (3 nm)^3 fill a 6 nm cube
    ASSERT_EQ(spec.grains.size(), 8u);
    for (const auto& grain : spec.grains) {
        EXPECT_TRUE((grain.seed_A.array() >= 0.0).all() && (grain.seed_A.array() < 60.0).all());
        EXPECT_NEAR((grain.rotation.transpose() * grain.rotation - Eigen::Matrix3d::Identity()).norm(), 0.0,
                    1e-12);
        EXPECT_NEAR(grain.rotation.determinant(), 1.0, 1e-12);
    }
    // Defaults from the crystal: boundary hops as long as its longest hop, overlaps below half its shortest.
    EXPECT_NEAR(spec.boundary.hop_cutoff_A, 2.0, 1e-5);
    EXPECT_NEAR(spec.boundary.min_separation_A, 1.0, 1e-12);
}

TEST(MicrostructurePlan, SameSeedSameGrainsOtherSeedOtherGrains) {
    const auto a = plan_microstructure(cubic(), polycrystal(4, 2.0), {1, 1, 1}, 5);
    const auto b = plan_microstructure(cubic(), polycrystal(4, 2.0), {1, 1, 1}, 5);
    const auto c = plan_microstructure(cubic(), polycrystal(4, 2.0), {1, 1, 1}, 6);
    for (std::size_t g = 0; g < 4; ++g) {
        EXPECT_EQ(a.grains[g].seed_A, b.grains[g].seed_A);
        EXPECT_EQ(a.grains[g].rotation, b.grains[g].rotation);
    }
    EXPECT_NE(a.grains[0].seed_A, c.grains[0].seed_A);
    auto fixed = polycrystal(4, 2.0);
    fixed.seed = 5;  // the request's own seed wins over the run's
    EXPECT_EQ(plan_microstructure(cubic(), fixed, {1, 1, 1}, 99).grains[2].seed_A, a.grains[2].seed_A);
    fixed.random_orientations = false;
    EXPECT_EQ(plan_microstructure(cubic(), fixed, {1, 1, 1}, 99).grains[2].rotation,
              Eigen::Matrix3d::Identity());
}

TEST(MicrostructurePlan, BicrystalIsTwoSlabsAlongX) {
    MicrostructureRequest r = polycrystal(0, 0.0);
    r.kind = MicrostructureKind::bicrystal;
    r.grain_cells = 7;
    r.rotation_axis = {0, 0, 1};
    r.rotation_angle_deg = 90.0;
    const auto spec = plan_microstructure(cubic(), r, {1, 3, 4}, 1);
    EXPECT_EQ(spec.box_A, Eigen::Vector3d(28.0, 6.0, 8.0));
    ASSERT_EQ(spec.grains.size(), 2u);
    EXPECT_EQ(spec.grains[0].seed_A, Eigen::Vector3d(7.0, 0.0, 0.0));
    EXPECT_EQ(spec.grains[1].seed_A, Eigen::Vector3d(21.0, 0.0, 0.0));
    EXPECT_NEAR((spec.grains[1].rotation * Eigen::Vector3d::UnitX() - Eigen::Vector3d::UnitY()).norm(), 0.0,
                1e-12);
}

TEST(MicrostructurePlan, BadRequestsNameTheirKey) {
    const auto message = [](const lattices::LatticeGraph& unit, const MicrostructureRequest& r) {
        try {
            plan_microstructure(unit, r, {1, 1, 1}, 1);
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string();
    };
    auto r = polycrystal(0, 2.0);
    EXPECT_NE(message(cubic(), r).find("grains"), std::string::npos);
    r = polycrystal(3, 2.0);
    r.width_A = 0.0;
    EXPECT_NE(message(cubic(), r).find("width_A"), std::string::npos);
    r = polycrystal(3, 2.0);
    r.source.clear();
    EXPECT_NE(message(cubic(), r).find("source"), std::string::npos);
    r = polycrystal(3, 2.0);
    r.hop_cutoff_A = 0.5;  // below the default minimum separation (1 A)
    EXPECT_NE(message(cubic(), r).find("hop_cutoff_A"), std::string::npos);
    r.kind = MicrostructureKind::bicrystal;
    r.grain_cells = 3;
    r.hop_cutoff_A.reset();
    lattices::LatticeGraph skewed(lattices::make_cell_from_parameters(2.0, 2.0, 2.0, 90.0, 90.0, 60.0));
    skewed.add_site({});
    skewed.add_hop_pair(0, 0, {1, 0, 0}, "hop", 0.2, 1e13);
    EXPECT_NE(message(skewed, r).find("axes along x, y and z"), std::string::npos);
}

}  // namespace
}  // namespace ionhop::runs
