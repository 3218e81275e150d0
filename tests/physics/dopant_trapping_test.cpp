// A trapping dopant on a simple-cubic lattice gas: each dopant sits at a cube centre and
// lowers the energy of the 8 corner sites around it. More dopants trap more of the ions,
// so sigma must fall and the activation energy rise with x, each step by more than 4
// combined standard errors, as long as the traps are dilute (x <= 0.02 here: 80 trap
// sites for 51 ions; far beyond, overlapping traps flatten the landscape again and E_a
// falls back). The undoped lattice gas keeps E_a equal to the barrier.
#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/runs/prediction.hpp"
#include "support/cubic_lattice_file.hpp"
#include "support/transport_fixtures.hpp"

using namespace ionhop;

namespace {

constexpr double kBarrier_eV = 0.3;

// The dopant sits at the cube centre, 1.73 A from the 8 corner sites it traps.
const std::string kTrappingCubic = ionhop::testing::cubic_lattice_file(
    kBarrier_eV, 0.1,
    "[[spectators]]\nclass = \"X\"\nelement = \"Mg\"\npositions = [[0.5, 0.5, 0.5]]\nsource = \"test\"\n"
    "[[dopants]]\nname = \"Trap\"\nelement = \"Mg\"\nhost = \"X\"\nmobile_change_per_dopant = 0\n"
    "radius_A = 1.8\nsite_energy_shift_eV = -0.15\nbarrier_shift_eV = 0.0\nsource = \"test\"\n");

runs::Prediction predict(double x) {
    runs::PredictionSettings settings;
    settings.temperatures_K = {300, 350, 400, 450, 500};
    settings.repetitions = {8, 8, 8};  // 512 sites, 51 ions
    settings.target_relative_error = 0.02;
    settings.min_replicas = 16;
    settings.max_replicas = 256;
    settings.events_per_ion = 400;
    settings.seed = 17;
    settings.doping = runs::DopingRequest{"Trap", x};
    return runs::run_prediction(materials::parse_lattice_text(kTrappingCubic, "trapping-cubic"), settings);
}

double combined_error(const engine::Measurement& a, const engine::Measurement& b) {
    return std::hypot(a.standard_error, b.standard_error);
}

}  // namespace

TEST(DopantTrapping, MoreTrapsLowerSigmaAndRaiseTheActivationEnergy) {
    const std::vector<double> contents = {0.0, 0.005, 0.01, 0.02};
    std::vector<runs::Prediction> predictions;
    for (double x : contents) predictions.push_back(predict(x));

    ASSERT_TRUE(predictions[0].arrhenius.has_value());
    EXPECT_WITHIN_4_SIGMA(predictions[0].arrhenius->activation_energy_eV, kBarrier_eV, 0.02);
    for (std::size_t k = 0; k + 1 < contents.size(); ++k) {
        SCOPED_TRACE("x = " + std::to_string(contents[k]) + " -> " + std::to_string(contents[k + 1]));
        const auto& lower = predictions[k];
        const auto& higher = predictions[k + 1];
        EXPECT_EQ(higher.ions, lower.ions);                      // no charge compensation for this dopant
        const auto& sigma_low = lower.points[0].estimate.sigma;  // 300 K
        const auto& sigma_high = higher.points[0].estimate.sigma;
        EXPECT_GT(sigma_low.value - sigma_high.value, 4.0 * combined_error(sigma_low, sigma_high))
            << sigma_low.value << " vs " << sigma_high.value;
        ASSERT_TRUE(lower.arrhenius.has_value() && higher.arrhenius.has_value());
        const auto& ea_low = lower.arrhenius->activation_energy_eV;
        const auto& ea_high = higher.arrhenius->activation_energy_eV;
        EXPECT_GT(ea_high.value - ea_low.value, 4.0 * combined_error(ea_low, ea_high))
            << ea_low.value << " vs " << ea_high.value;
    }
}
