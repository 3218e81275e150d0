// Non-interacting ions on sites of two energies: time-averaged occupancies are Fermi-Dirac,
// 1 / (1 + exp((E_k - mu) / kT)) with mu fixed by the ion count (ORACLES.md).
#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/lattices/crystal.hpp"
#include "ionhop/models/pair_interaction.hpp"
#include "support/transport_fixtures.hpp"

using namespace ionhop;

namespace {

constexpr double kTemperature_K = 300.0;
constexpr double kEnergyStep_eV = 0.05;

// Simple cubic as a 2x2x2 cell whose sites alternate between two classes (rock-salt
// pattern), so every hop joins a low- and a high-energy site.
lattices::LatticeGraph two_energy_cubic() {
    std::vector<lattices::BasisSite> basis;
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j)
            for (int k = 0; k < 2; ++k)
                basis.push_back({Eigen::Vector3d(i, j, k) / 2.0, (i + j + k) % 2 ? "high" : "low"});
    auto lattice = lattices::make_nearest_neighbour_crystal(lattices::make_orthorhombic_cell(2, 2, 2), basis,
                                                            lattices::HopParameters{0.2, 1e13});
    for (std::size_t s = 0; s < lattice.num_sites(); ++s) {
        lattice.site(s).energy_eV = lattice.site(s).site_class == "high" ? kEnergyStep_eV : 0.0;
    }
    return lattice;
}

double fermi(double energy_eV, double mu_eV) {
    return 1.0 / (1.0 + std::exp((energy_eV - mu_eV) / units::thermal_energy_eV(kTemperature_K)));
}

// mu such that the mean of the two (equally many) classes' occupancies is c.
double chemical_potential(double c) {
    double lo = -1.0, hi = 1.0;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (0.5 * (fermi(0.0, mid) + fermi(kEnergyStep_eV, mid)) < c ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

void check_fermi_dirac(const models::RateModel& model, std::optional<engine::Selector> selector) {
    models::Conditions conditions;
    conditions.temperature_K = kTemperature_K;
    const auto table =
        models::compile_hop_table(two_energy_cubic(), Eigen::Vector3i(8, 8, 8), model, conditions);
    const double c = 0.3;
    engine::TransportPlan plan;
    plan.ion_count = static_cast<std::size_t>(std::lround(c * table.num_sites()));
    plan.equilibration_events = 20 * table.num_sites();
    plan.production_events = 50 * table.num_sites();
    plan.min_replicas = plan.max_replicas = 16;
    plan.seed = 5;
    plan.selector = selector;
    const auto est = engine::estimate_transport(table, plan);
    const double mu = chemical_potential(static_cast<double>(plan.ion_count) / table.num_sites());
    for (std::size_t k = 0; k < est.class_names.size(); ++k) {
        SCOPED_TRACE(est.class_names[k]);
        const double energy = est.class_names[k] == "high" ? kEnergyStep_eV : 0.0;
        EXPECT_WITHIN_4_SIGMA(est.class_occupancy[k], fermi(energy, mu), 0.02);
    }
}

}  // namespace

// Static rates: the same answer through ion trials and through rate-class lists.
TEST(DetailedBalance, OccupanciesOfTwoSiteEnergiesAreFermiDiracThroughIonTrials) {
    check_fermi_dirac({}, engine::Selector::ion_trials);
}

TEST(DetailedBalance, OccupanciesOfTwoSiteEnergiesAreFermiDiracThroughRateClassLists) {
    check_fermi_dirac({}, engine::Selector::rate_class_lists);
}

// A pair interaction of zero energy changes no physics but sends the engine down its
// interaction paths (rates recomputed from the neighbourhood): the same answer must come
// out of both.
TEST(DetailedBalance, FermiDiracAlsoThroughTheSumTreeSelector) {
    models::RateModel model;
    model.add<models::PairInteraction>(0.0, 1.01, 0.0);
    check_fermi_dirac(model, engine::Selector::sum_tree);
}

TEST(DetailedBalance, FermiDiracAlsoThroughTheSiteRateBinsSelector) {
    models::RateModel model;
    model.add<models::PairInteraction>(0.0, 1.01, 0.0);
    check_fermi_dirac(model, engine::Selector::site_bins);
}

TEST(DetailedBalance, FermiDiracAlsoThroughTheInteractionTrialsSelector) {
    models::RateModel model;
    model.add<models::PairInteraction>(0.0, 1.01, 0.0);
    check_fermi_dirac(model, engine::Selector::interaction_trials);
}
