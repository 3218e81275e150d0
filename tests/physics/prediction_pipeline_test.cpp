// The whole user path (lattice file -> build -> compile -> replicas -> Arrhenius) on a
// lattice with exact answers: a site-exclusion lattice gas on simple cubic has
// D_sigma = D0 (1 - c) M/(M - 1) (Kutner 1981), sigma from Nernst-Einstein, and sigma T
// Arrhenius with E_a equal to the barrier exactly.
#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/core/units.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/runs/prediction.hpp"
#include "support/cubic_lattice_file.hpp"
#include "support/transport_fixtures.hpp"

using namespace ionhop;

namespace {

constexpr double kSpacing_A = 2.0;
constexpr double kBarrier_eV = 0.25;

const std::string kCubic = ionhop::testing::cubic_lattice_file(kBarrier_eV, 0.5);

}  // namespace

TEST(PredictionPipeline, LatticeGasConductivityAndActivationEnergyAreExact) {
    runs::PredictionSettings settings;
    settings.temperatures_K = {300, 400, 500, 600};
    settings.repetitions = {8, 8, 8};
    settings.target_relative_error = 0.01;
    settings.min_replicas = 16;
    settings.max_replicas = 256;
    settings.events_per_ion = 200;
    settings.seed = 3;
    const runs::Prediction p = runs::run_prediction(materials::parse_lattice_text(kCubic, "cubic"), settings);
    ASSERT_EQ(p.points.size(), 4u);
    EXPECT_EQ(p.ions, 256u);

    const double sites = 512.0, c = 0.5;
    const double volume_cm3 = sites * std::pow(kSpacing_A, 3) * units::angstrom3_in_cm3;
    for (const runs::PredictionPoint& point : p.points) {
        SCOPED_TRACE("T = " + std::to_string(point.temperature_K));
        const double kT = units::thermal_energy_eV(point.temperature_K);
        const double d0 =
            1e13 * std::exp(-kBarrier_eV / kT) * std::pow(kSpacing_A * units::angstrom_in_cm, 2);
        const double d_sigma = d0 * (1.0 - c) * sites / (sites - 1.0);
        // Nernst-Einstein: sigma = N q^2 D_sigma / (V k_B T), in S/cm with kT in eV.
        const double sigma = 256.0 * units::elementary_charge_C * d_sigma / (volume_cm3 * kT);
        EXPECT_WITHIN_4_SIGMA(point.estimate.sigma, sigma, 0.02);
    }
    ASSERT_TRUE(p.arrhenius.has_value()) << p.arrhenius_note;
    EXPECT_WITHIN_4_SIGMA(p.arrhenius->activation_energy_eV, kBarrier_eV, 0.02);
}
