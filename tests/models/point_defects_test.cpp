// Point defects in the compiled table: site-energy and barrier shifts within the radius,
// detailed balance kept, and clear errors for a blocking defect off any site or a radius
// that would see a site's periodic image.
#include "ionhop/models/point_defects.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/models/compile.hpp"

namespace ionhop::models {
namespace {

lattices::LatticeGraph cubic() {
    lattices::TestLatticeOptions options;
    options.barrier_eV = 0.3;
    options.hop_length_A = 2.0;
    return lattices::build_test_lattice("simple-cubic", options);
}

double rate(const engine::HopTable& table, std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t h = table.hop_begin[from]; h < table.hop_begin[from + 1]; ++h) {
        if (table.hop_target[h] == to) return table.hop_rate_Hz[h];
    }
    ADD_FAILURE() << "no hop " << from << " -> " << to;
    return 0.0;
}

TEST(PointDefects, TrapAndBarrierShiftsFollowTheKineticallyResolvedRates) {
    const auto unit = cubic();
    const Eigen::Vector3i reps(6, 6, 6);  // site index = (z * 6 + y) * 6 + x
    Conditions conditions;
    conditions.temperature_K = 400.0;
    PointDefect trap;
    trap.position_A = Eigen::Vector3d(1.0, 0.0, 0.0);  // midway between sites 0 and 1
    trap.radius_A = 1.01;                              // reaches sites 0 and 1 only
    trap.site_energy_shift_eV = -0.1;
    trap.barrier_shift_eV = 0.04;
    RateModel model;
    model.add<PointDefects>(std::vector<PointDefect>{trap});
    const auto plain = compile_hop_table(unit, reps, RateModel{}, conditions);
    const auto doped = compile_hop_table(unit, reps, model, conditions);
    const double kT = units::thermal_energy_eV(conditions.temperature_K);
    // 0 -> 1: both ends trapped: no energy change, full barrier shift.
    EXPECT_NEAR(rate(doped, 0, 1) / rate(plain, 0, 1), std::exp(-0.04 / kT), 1e-12);
    // 1 -> 2 leaves the trap: dE = +0.1, half the barrier shift; 2 -> 1 enters it.
    EXPECT_NEAR(rate(doped, 1, 2) / rate(plain, 1, 2), std::exp(-(0.02 + 0.05) / kT), 1e-12);
    EXPECT_NEAR(rate(doped, 2, 1) / rate(plain, 2, 1), std::exp(-(0.02 - 0.05) / kT), 1e-12);
    // Detailed balance: k(1->2) / k(2->1) = exp(-dE / kT).
    EXPECT_NEAR(rate(doped, 1, 2) / rate(doped, 2, 1), std::exp(-0.1 / kT), 1e-12);
    // Sites out of reach are untouched.
    EXPECT_EQ(rate(doped, 3, 4), rate(plain, 3, 4));
}

TEST(PointDefects, BadDefectsAreRefused) {
    const auto unit = cubic();
    const Eigen::Vector3i reps(4, 4, 4);  // 8 A wide
    const Conditions conditions;
    PointDefect off_site;
    off_site.position_A = Eigen::Vector3d(1.0, 1.0, 1.0);
    off_site.blocks_site = true;
    RateModel blocking;
    blocking.add<PointDefects>(std::vector<PointDefect>{off_site});
    EXPECT_THROW(compile_hop_table(unit, reps, blocking, conditions), Error);

    PointDefect wide;
    wide.radius_A = 4.0;  // half the supercell
    wide.site_energy_shift_eV = -0.1;
    RateModel too_wide;
    too_wide.add<PointDefects>(std::vector<PointDefect>{wide});
    EXPECT_THROW(compile_hop_table(unit, reps, too_wide, conditions), Error);

    PointDefect nan_shift;
    nan_shift.site_energy_shift_eV = std::nan("");
    EXPECT_THROW(PointDefects(std::vector<PointDefect>{nan_shift}), Error);
    PointDefect negative_radius;
    negative_radius.radius_A = -1.0;
    EXPECT_THROW(PointDefects(std::vector<PointDefect>{negative_radius}), Error);
}

}  // namespace
}  // namespace ionhop::models
