// Grain boundaries built from a crystal, against exact results:
//  - an aligned bicrystal whose boundary sites have slower hops is a layered lattice with
//    equal site energies: along the normal the bond resistances add in series (harmonic
//    mean of the rates), in the boundary plane the layers conduct in parallel (arithmetic
//    mean), each times (1 - c) for the collective diffusion of a site-exclusion gas
//    (Kutner 1981);
//  - a boundary site-energy offset sets the occupancy of the boundary sites (canonical
//    ensemble of a lattice gas, exact for the fixed ion count);
//  - a polycrystal of one aligned grain is the single crystal;
//  - slower boundaries lower sigma, more so for smaller grains, with one boundary
//    resistance for both sizes (brick-layer model).
#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/core/units.hpp"
#include "ionhop/materials/test_lattice_description.hpp"
#include "ionhop/runs/grain_boundary_resistance.hpp"
#include "ionhop/runs/prediction.hpp"
#include "support/transport_fixtures.hpp"

using namespace ionhop;

namespace {

constexpr double a_A = 2.0, bulk_barrier = 0.25;

materials::LatticeDescription cubic() {
    return materials::describe_test_lattice("simple-cubic", {a_A, bulk_barrier, 1e13});
}

runs::MicrostructureRequest boundary(runs::MicrostructureKind kind, double scale, double energy = 0.0) {
    runs::MicrostructureRequest request;
    request.kind = kind;
    request.width_A = 0.5 * a_A;  // the ends of the boundary bonds only
    request.barrier_scale = scale;
    request.site_energy_eV = energy;
    request.source = "test boundary";
    return request;
}

runs::PredictionSettings settings_at(double temperature_K, double c, std::uint64_t events_per_ion) {
    runs::PredictionSettings settings;
    settings.temperatures_K = {temperature_K};
    settings.site_fraction = c;
    settings.target_relative_error = 0.01;
    settings.min_replicas = 16;
    settings.max_replicas = 512;
    settings.events_per_ion = events_per_ion;
    settings.seed = 33;
    return settings;
}

engine::Measurement component(const runs::Prediction& p, int i) {
    const auto& tensor = p.points[0].estimate.sigma_S_per_cm;
    return {tensor.value(i, i), tensor.standard_error(i, i)};
}

}  // namespace

// Two grains of 5 cells along x, planes at half-integer positions: the boundary bonds are
// 4.5a-5.5a and 9.5a-0.5a; their ends are gb sites, so of the 10 bonds along x per period
// 6 touch a gb site (0.30 eV) and 4 do not (0.25 eV); in the plane, 4 of 10 planes are gb.
TEST(GrainBoundary, AlignedBicrystalConductsInSeriesAcrossAndInParallelAlong) {
    const double T = 600.0, c = 0.5, a_cm = a_A * units::angstrom_in_cm;
    runs::PredictionSettings settings = settings_at(T, c, 1500);
    settings.repetitions = {1, 6, 6};
    auto request = boundary(runs::MicrostructureKind::bicrystal, 0.30 / bulk_barrier);
    request.grain_cells = 5;
    settings.microstructure = request;
    const runs::Prediction p = runs::run_prediction(cubic(), settings);
    ASSERT_TRUE(p.microstructure);
    EXPECT_EQ(p.sites, 360u);
    EXPECT_EQ(p.microstructure->gb_sites, 4u * 36u);
    EXPECT_EQ(p.microstructure->boundary_hops, 2u * 2u * 36u);

    const double kT = units::thermal_energy_eV(T);
    const auto rate = [&](double barrier) { return 1e13 * std::exp(-barrier / kT); };
    const double planes = 10.0, sites = 360.0;
    const double d_xx = std::pow(planes * a_cm, 2) / (planes * (4.0 / rate(0.25) + 6.0 / rate(0.30)));
    const double d_yy = a_cm * a_cm * (6.0 * rate(0.25) + 4.0 * rate(0.30)) / planes;
    const auto sigma = [&](double d_walker) {
        const double d_sigma = d_walker * (1.0 - c) * sites / (sites - 1.0);
        return c * sites * units::elementary_charge_C * d_sigma / (sites * std::pow(a_cm, 3) * kT);
    };
    EXPECT_WITHIN_4_SIGMA(component(p, 0), sigma(d_xx), 0.03);
    EXPECT_WITHIN_4_SIGMA(component(p, 1), sigma(d_yy), 0.03);
    EXPECT_WITHIN_4_SIGMA(component(p, 2), sigma(d_yy), 0.03);

    // Brick-layer split against the crystal alone (10 x 6 x 6 cells, 0.25 eV bonds): the two
    // boundaries per period resist R_gb = d (1/sigma_xx - 1/sigma_bulk), d = 5 a.
    const auto split = runs::split_grain_boundary_resistance(cubic(), p, settings);
    ASSERT_EQ(split.size(), 1u);
    const double d_bulk = a_cm * a_cm * rate(0.25);
    const double d_cm = 5.0 * a_cm;
    EXPECT_NEAR(split[0].grain_size_nm, 1.0, 1e-12);
    EXPECT_WITHIN_4_SIGMA(split[0].sigma_bulk_S_per_cm, sigma(d_bulk), 0.03);
    EXPECT_WITHIN_4_SIGMA(split[0].asr_per_boundary_Ohm_cm2, d_cm * (1.0 / sigma(d_xx) - 1.0 / sigma(d_bulk)),
                          0.1);
    EXPECT_GT(split[0].asr_per_boundary_Ohm_cm2.value,
              4.0 * split[0].asr_per_boundary_Ohm_cm2.standard_error);
}

TEST(GrainBoundary, BoundarySiteEnergySetsTheirOccupancy) {
    const double T = 400.0, c = 0.2, offset = -0.05;
    runs::PredictionSettings settings = settings_at(T, c, 400);
    settings.repetitions = {1, 6, 6};
    auto request = boundary(runs::MicrostructureKind::bicrystal, 1.0, offset);
    request.grain_cells = 5;
    settings.microstructure = request;
    const runs::Prediction p = runs::run_prediction(cubic(), settings);
    // 144 gb sites at -0.05 eV, 216 bulk sites at 0, 72 ions: the canonical ensemble, exact,
    // P(k ions on gb sites) ~ C(144, k) C(216, 72 - k) exp(-k offset / kT).
    const double kT = units::thermal_energy_eV(T);
    const auto log_choose = [](double n, double k) {
        return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
    };
    double norm = 0.0, mean_k = 0.0;
    for (int k = 0; k <= 72; ++k) {
        const double w = std::exp(log_choose(144, k) + log_choose(216, 72 - k) - k * offset / kT - 150.0);
        norm += w;
        mean_k += k * w;
    }
    mean_k /= norm;
    const double gb_exact = mean_k / 144.0, bulk_exact = (72.0 - mean_k) / 216.0;
    const auto& e = p.points[0].estimate;
    // The boundary sites form their own class, "<crystal class>:gb".
    ASSERT_EQ(e.class_names.size(), 2u);
    const std::size_t gb = e.class_names[1].ends_with(":gb") ? 1 : 0;
    ASSERT_TRUE(e.class_names[gb].ends_with(":gb"));
    EXPECT_WITHIN_4_SIGMA(e.class_occupancy[1 - gb], bulk_exact, 0.03);
    EXPECT_WITHIN_4_SIGMA(e.class_occupancy[gb], gb_exact, 0.03);
    EXPECT_GT(e.class_occupancy[gb].value, e.class_occupancy[1 - gb].value);  // boundaries enriched
}

TEST(GrainBoundary, PolycrystalOfOneAlignedGrainIsTheSingleCrystal) {
    const double T = 600.0, c = 0.5;
    runs::PredictionSettings crystal = settings_at(T, c, 400);
    crystal.repetitions = {6, 6, 6};
    runs::PredictionSettings one_grain = crystal;
    auto request = boundary(runs::MicrostructureKind::polycrystal, 1.5);
    request.grains = 1;
    request.grain_size_nm = 1.2;  // 6 cells: commensurate with the box
    request.random_orientations = false;
    one_grain.microstructure = request;
    const runs::Prediction a = runs::run_prediction(cubic(), crystal);
    const runs::Prediction b = runs::run_prediction(cubic(), one_grain);
    EXPECT_EQ(b.sites, a.sites);
    EXPECT_EQ(b.ions, a.ions);
    EXPECT_EQ(b.microstructure->gb_sites, 0u);
    const auto& sa = a.points[0].estimate.sigma;
    const auto& sb = b.points[0].estimate.sigma;
    EXPECT_LE(std::abs(sa.value - sb.value), 4.0 * std::hypot(sa.standard_error, sb.standard_error))
        << sa.value << " +- " << sa.standard_error << " vs " << sb.value << " +- " << sb.standard_error;
}

TEST(GrainBoundary, SlowBoundariesLowerSigmaMoreForSmallerGrains) {
    const double T = 600.0, c = 0.5;
    const auto run = [&](double grain_size_nm) {
        runs::PredictionSettings settings = settings_at(T, c, 400);
        settings.target_relative_error = 0.05;
        settings.min_replicas = 8;
        auto request = boundary(runs::MicrostructureKind::polycrystal, 1.4);
        request.grains = 3;
        request.grain_size_nm = grain_size_nm;
        settings.microstructure = request;
        return runs::run_prediction(cubic(), settings).points[0].estimate.sigma;
    };
    runs::PredictionSettings bulk_settings = settings_at(T, c, 400);
    bulk_settings.target_relative_error = 0.05;
    bulk_settings.min_replicas = 8;
    bulk_settings.repetitions = {8, 8, 8};
    const engine::Measurement bulk = runs::run_prediction(cubic(), bulk_settings).points[0].estimate.sigma;
    const engine::Measurement small = run(1.0), large = run(1.6);
    const auto below = [](const engine::Measurement& x, const engine::Measurement& y) {
        return y.value - x.value > 4.0 * std::hypot(x.standard_error, y.standard_error);
    };
    EXPECT_TRUE(below(large, bulk)) << large.value << " +- " << large.standard_error << " vs bulk "
                                    << bulk.value;
    EXPECT_TRUE(below(small, large)) << small.value << " +- " << small.standard_error << " vs "
                                     << large.value;
    // Brick layer: 1/sigma = 1/sigma_bulk + R_gb/d with one R_gb per boundary whatever the
    // grain size d (the boundaries of random grains alike on average).
    const auto resistance = [&](const engine::Measurement& total, double d_nm) {
        const double d_cm = d_nm * 1e-7;
        const double value = d_cm * (1.0 / total.value - 1.0 / bulk.value);
        const double error = d_cm * std::hypot(total.standard_error / (total.value * total.value),
                                               bulk.standard_error / (bulk.value * bulk.value));
        return engine::Measurement{value, error};
    };
    const engine::Measurement r_small = resistance(small, 1.0), r_large = resistance(large, 1.6);
    EXPECT_LE(std::abs(r_small.value - r_large.value),
              4.0 * std::hypot(r_small.standard_error, r_large.standard_error))
        << "R_gb " << r_small.value << " +- " << r_small.standard_error << " (1.0 nm) vs " << r_large.value
        << " +- " << r_large.standard_error << " (1.6 nm)";
    EXPECT_GT(r_large.value, 4.0 * r_large.standard_error);
}
