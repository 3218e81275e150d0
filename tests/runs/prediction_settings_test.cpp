#include <gtest/gtest.h>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "ionhop/materials/test_lattice_description.hpp"
#include "ionhop/runs/prediction.hpp"

namespace ionhop::runs {
namespace {

TEST(PredictionSettings, AutomaticSupercellIsAtLeastTheMinimumWidth) {
    Eigen::Matrix3d lgps = Eigen::Vector3d(8.69407, 8.69407, 12.5994).asDiagonal();
    EXPECT_EQ(repetitions_for(lgps, 20.0), Eigen::Vector3i(3, 3, 2));
    Eigen::Matrix3d llzo = Eigen::Matrix3d::Identity() * 12.9826;
    EXPECT_EQ(repetitions_for(llzo, 20.0), Eigen::Vector3i(2, 2, 2));
    EXPECT_EQ(repetitions_for(llzo, 12.9826), Eigen::Vector3i(1, 1, 1));
}

TEST(PredictionSettings, BadSettingsAndContentsAreRefused) {
    const auto llzo = materials::builtin_material("llzo");
    PredictionSettings settings;
    settings.temperatures_K = {300.0};
    settings.mobile_per_formula_unit = 7.6;  // beyond Li7.5
    EXPECT_THROW(run_prediction(llzo, settings), Error);
    settings.mobile_per_formula_unit = 5.0;  // below Li5.5
    EXPECT_THROW(run_prediction(llzo, settings), Error);

    const auto refused = [](auto change) {
        PredictionSettings s;
        change(s);
        EXPECT_THROW(s.validate(), Error);
    };
    refused([](PredictionSettings& s) { s.temperatures_K.clear(); });
    refused([](PredictionSettings& s) { s.temperatures_K = {300.0, -1.0}; });
    refused([](PredictionSettings& s) { s.temperatures_K = {std::nan("")}; });
    refused([](PredictionSettings& s) { s.target_relative_error = -0.1; });
    refused([](PredictionSettings& s) { s.min_replicas = 1; });
    refused([](PredictionSettings& s) { s.max_replicas = 4; });
    refused([](PredictionSettings& s) { s.events_per_ion = 0; });
    refused([](PredictionSettings& s) { s.repetitions = {1, -1, 1}; });
    EXPECT_NO_THROW(PredictionSettings{}.validate());
}

TEST(PredictionSettings, DensestGarnetPackingIsReportedFrozenWithZeroSigma) {
    PredictionSettings settings;
    settings.temperatures_K = {300.0, 600.0};
    settings.mobile_per_formula_unit = 7.5;  // every octahedron and free tetrahedron filled
    settings.min_replicas = settings.max_replicas = 2;
    settings.events_per_ion = 5;
    const Prediction p = run_prediction(materials::builtin_material("llzo"), settings);
    ASSERT_EQ(p.points.size(), 2u);
    EXPECT_NE(p.frozen_note.find("no ion can move"), std::string::npos) << p.frozen_note;
    for (const auto& point : p.points) EXPECT_EQ(point.estimate.sigma.value, 0.0);
    EXPECT_FALSE(p.arrhenius.has_value());
}

TEST(PredictionSettings, ContentGivenAsSiteFractionIonsOrVacancies) {
    lattices::TestLatticeOptions options;
    options.barrier_eV = 0.3;
    const auto cubic = materials::describe_test_lattice("simple-cubic", options);
    PredictionSettings settings;
    settings.temperatures_K = {600.0};
    settings.repetitions = {4, 4, 4};  // 64 sites
    settings.min_replicas = settings.max_replicas = 2;
    settings.target_relative_error = 0.0;
    settings.events_per_ion = 2;
    const auto ions_for = [&](auto change) {
        PredictionSettings s = settings;
        change(s);
        return run_prediction(cubic, s).ions;
    };
    EXPECT_EQ(ions_for([](PredictionSettings&) {}), 32u);  // the default: half the sites
    EXPECT_EQ(ions_for([](PredictionSettings& s) { s.site_fraction = 0.25; }), 16u);
    EXPECT_EQ(ions_for([](PredictionSettings& s) { s.ion_count = 10; }), 10u);
    EXPECT_EQ(ions_for([](PredictionSettings& s) { s.mobile_per_cell = 0.75; }), 48u);  // 64 cells of 1 site
    EXPECT_EQ(ions_for([](PredictionSettings& s) { s.vacancies = 1; }), 63u);
    const auto refused = [&](auto change) {
        PredictionSettings s = settings;
        change(s);
        EXPECT_THROW(run_prediction(cubic, s), Error);
    };
    refused([](PredictionSettings& s) { s.ion_count = 65; });
    refused([](PredictionSettings& s) { s.ion_count = 0; });
    refused([](PredictionSettings& s) { s.vacancies = 64; });
    refused([](PredictionSettings& s) { s.site_fraction = 1.5; });
    refused([](PredictionSettings& s) {
        s.ion_count = 10;
        s.vacancies = 1;
    });
}

}  // namespace
}  // namespace ionhop::runs
