// Built-in LGPS in the engine: a tetragonal conductor, so sigma_xx = sigma_yy within error
// and the off-diagonal elements vanish; occupancies obey the 16h blocking pairs.
#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/engine/transport.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "ionhop/models/compile.hpp"
#include "support/material_checks.hpp"

using namespace ionhop;

TEST(LgpsTransport, ConductivityTensorHasTetragonalSymmetry) {
    const materials::MaterialLattice lgps = materials::build_lattice(materials::builtin_material("lgps"));
    const Eigen::Vector3i repetitions(3, 3, 2);
    const engine::TransportEstimate est = ionhop::testing::material_transport(
        lgps, 600.0, repetitions,
        static_cast<std::size_t>(std::lround(lgps.mobile_per_cell * repetitions.prod())), 32, 11);

    const auto& sigma = est.sigma_S_per_cm;
    const double xx = sigma.value(0, 0), yy = sigma.value(1, 1), zz = sigma.value(2, 2);
    const double xx_err = sigma.standard_error(0, 0), yy_err = sigma.standard_error(1, 1);
    EXPECT_GT(xx, 4 * xx_err);
    EXPECT_GT(zz, 4 * sigma.standard_error(2, 2));
    EXPECT_LE(std::abs(xx - yy), 4 * std::hypot(xx_err, yy_err)) << "sigma_xx " << xx << " sigma_yy " << yy;
    for (int a = 0; a < 3; ++a) {
        for (int b = a + 1; b < 3; ++b) {
            EXPECT_LE(std::abs(sigma.value(a, b)), 4 * sigma.standard_error(a, b) + 1e-12 * zz) << a << b;
        }
    }
    // No more than one Li per 1.73 A 16h pair: 16h occupancy at most 1/2.
    for (std::size_t k = 0; k < est.class_names.size(); ++k) {
        if (est.class_names[k] == "16h") {
            EXPECT_LE(est.class_occupancy[k].value, 0.5);
        }
    }
    std::cout << "LGPS 600 K sigma (S/cm): xx " << xx << " +- " << xx_err << ", yy " << yy << " +- " << yy_err
              << ", zz " << zz << " +- " << sigma.standard_error(2, 2) << "; events " << est.total_events
              << ", wall " << est.wall_time_s << " s\n";
}
