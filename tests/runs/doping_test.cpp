// Dopants: how many go into a supercell, charge compensation, the sites they block, that
// x = 0 is the undoped material, and clear errors for impossible requests.
#include "ionhop/runs/doping.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "ionhop/models/compile.hpp"
#include "ionhop/runs/prediction.hpp"

namespace ionhop::runs {
namespace {

const Eigen::Vector3i kTwo(2, 2, 2);  // LLZO 2x2x2: 64 formula units

PredictionSettings quick_settings() {
    PredictionSettings settings;
    settings.temperatures_K = {500.0};
    settings.min_replicas = settings.max_replicas = 2;
    settings.target_relative_error = 0.0;
    settings.events_per_ion = 2;
    settings.seed = 11;
    return settings;
}

std::string error_of(const PredictionSettings& settings) {
    try {
        run_prediction(materials::builtin_material("llzo"), settings);
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

TEST(Doping, CountsHostsAndChargeCompensationInTheSupercell) {
    const auto llzo = materials::builtin_material("llzo");
    const auto built = materials::build_lattice(llzo);
    const DopingPlan ta = plan_doping(llzo, built, kTwo, {"Ta", 0.6});
    EXPECT_EQ(ta.hosts_A.size(), 128u);  // Zr 16a: 16 per cell
    EXPECT_EQ(ta.count, 38u);            // round(0.6 * 64)
    EXPECT_NEAR(ta.per_formula_unit, 38.0 / 64.0, 1e-12);
    EXPECT_EQ(ta.mobile_change, -38);
    EXPECT_FALSE(ta.blocks_host);
    const DopingPlan al = plan_doping(llzo, built, kTwo, {"Al", 0.25});
    EXPECT_EQ(al.hosts_A.size(), 192u);  // Li 24d: 24 per cell
    EXPECT_EQ(al.count, 16u);
    EXPECT_EQ(al.mobile_change, -48);
    EXPECT_TRUE(al.blocks_host);
}

TEST(Doping, LithiumCountFollowsChargeCompensationForEveryX) {
    const auto llzo = materials::builtin_material("llzo");
    for (const auto& [dopant, per_dopant] : {std::pair{"Ta", 1}, std::pair{"Nb", 1}, std::pair{"Al", 3}}) {
        for (double x : {0.0, 0.1, 0.25, 0.4, 0.5}) {
            PredictionSettings settings = quick_settings();
            settings.doping = DopingRequest{dopant, x};
            const Prediction p = run_prediction(llzo, settings);
            ASSERT_TRUE(p.doping.has_value());
            const auto count = static_cast<std::size_t>(std::llround(x * 64));
            EXPECT_EQ(p.doping->count, count) << dopant << " x = " << x;
            EXPECT_EQ(p.ions, 448u - per_dopant * count) << dopant << " x = " << x;  // Li7: 448
        }
    }
}

TEST(Doping, AluminiumBlocksExactlyTheSitesItOccupies) {
    const auto llzo = materials::builtin_material("llzo");
    const auto built = materials::build_lattice(llzo);
    const DopingPlan al = plan_doping(llzo, built, kTwo, {"Al", 0.3});
    const auto defects = place_dopants(al, 5, 0);
    ASSERT_EQ(defects.size(), al.count);
    models::RateModel model;
    model.add<models::PointDefects>(defects);
    const models::Conditions conditions;
    const engine::HopTable plain =
        models::compile_hop_table(built.unit, kTwo, models::RateModel{}, conditions);
    const engine::HopTable doped = models::compile_hop_table(built.unit, kTwo, model, conditions);
    const models::ModelAssembly layout(built.unit, kTwo, conditions);

    std::set<std::size_t> blocked;
    for (std::size_t s = 0; s < doped.num_sites(); ++s) {
        if (!doped.site_mobile[s]) blocked.insert(s);
    }
    ASSERT_EQ(blocked.size(), al.count);
    for (std::size_t s : blocked) {
        EXPECT_EQ(doped.class_names[doped.site_class[s]], "24d");
        bool under_a_dopant = false;
        for (const auto& d : defects) under_a_dopant |= (layout.position_A(s) - d.position_A).norm() < 1e-9;
        EXPECT_TRUE(under_a_dopant) << "site " << s;
        EXPECT_EQ(doped.hop_begin[s + 1] - doped.hop_begin[s], 0u);
    }
    // Every other site keeps its hops, minus those into blocked sites; rates are unchanged.
    for (std::size_t s = 0; s < doped.num_sites(); ++s) {
        if (blocked.count(s)) continue;
        std::size_t kept = 0;
        for (std::uint32_t h = plain.hop_begin[s]; h < plain.hop_begin[s + 1]; ++h) {
            if (blocked.count(plain.hop_target[h])) continue;
            const std::uint32_t k = doped.hop_begin[s] + static_cast<std::uint32_t>(kept++);
            EXPECT_EQ(doped.hop_target[k], plain.hop_target[h]);
            EXPECT_EQ(doped.hop_rate_Hz[k], plain.hop_rate_Hz[h]);
        }
        EXPECT_EQ(doped.hop_begin[s + 1] - doped.hop_begin[s], kept);
    }
}

TEST(Doping, ConfigurationsDependOnTheStreamOnly) {
    const auto llzo = materials::builtin_material("llzo");
    const auto built = materials::build_lattice(llzo);
    const DopingPlan ta = plan_doping(llzo, built, kTwo, {"Ta", 0.5});
    const auto positions = [&](std::uint64_t stream) {
        std::set<std::tuple<double, double, double>> set;
        for (const auto& d : place_dopants(ta, 3, stream))
            set.insert({d.position_A.x(), d.position_A.y(), d.position_A.z()});
        return set;
    };
    EXPECT_EQ(positions(1).size(), ta.count);  // distinct hosts
    EXPECT_EQ(positions(1), positions(1));
    EXPECT_NE(positions(1), positions(2));
}

TEST(Doping, ZeroContentIsTheUndopedMaterial) {
    const auto llzo = materials::builtin_material("llzo");
    PredictionSettings settings = quick_settings();
    settings.events_per_ion = 20;
    const Prediction undoped = run_prediction(llzo, settings);
    settings.doping = DopingRequest{"Ta", 0.0};
    const Prediction doped = run_prediction(llzo, settings);
    EXPECT_EQ(doped.ions, undoped.ions);
    EXPECT_EQ(doped.points[0].estimate.sigma.value, undoped.points[0].estimate.sigma.value);
    EXPECT_EQ(doped.points[0].estimate.tracer_D.value, undoped.points[0].estimate.tracer_D.value);
}

TEST(Doping, ImpossibleRequestsGiveClearErrors) {
    const auto with = [](const std::string& dopant, double x) {
        PredictionSettings settings = quick_settings();
        settings.doping = DopingRequest{dopant, x};
        return error_of(settings);
    };
    const auto expect_parts = [](const std::string& message, std::initializer_list<const char*> parts) {
        ASSERT_FALSE(message.empty());
        for (const char* part : parts) EXPECT_NE(message.find(part), std::string::npos) << message;
    };
    expect_parts(with("W", 0.1), {"LLZO", "dopant 'W'", "unknown", "Ta, Nb, Al, Ga"});
    expect_parts(with("Ta", 2.5), {"dopant 'Ta'", "only 128 host sites", "Zr-16a"});
    expect_parts(with("Ga", 0.1), {"dopant 'Ga'", "above the maximum 0.07", "I-43d"});
    expect_parts(with("Al", 0.6), {"Al at x = 0.6", "outside the range", "[5.5, 7.5]"});
    PredictionSettings negative = quick_settings();
    negative.doping = DopingRequest{"Ta", -0.1};
    EXPECT_THROW(negative.validate(), Error);
}

}  // namespace
}  // namespace ionhop::runs
