// Sweeps: config keys set by dotted path, the grid, every point equal to a prediction run
// alone with the same seed (whatever the thread count), resistance splits as a run alone
// gives them, and bad points refused before anything runs.
#include "ionhop/runs/sweep.hpp"

#include <gtest/gtest.h>

#include <string>

#include "ionhop/core/error.hpp"
#include "support/stack_sweep_config.hpp"

namespace ionhop::runs {
namespace {

const std::string kLlzo = R"(
[lattice]
material = "llzo"
[doping]
dopant = "Ta"
per_formula_unit = 0.0
[run]
temperatures_K = [500.0, 600.0]
min_replicas = 2
max_replicas = 2
target_relative_error = 0.0
events_per_ion = 5
seed = 9
[[sweep]]
key = "doping.per_formula_unit"
values = "0:0.5:0.25"
[[sweep]]
key = "lattice.hop.tet-oct.barrier_eV"
values = [0.2, 0.3]
)";

RunConfig llzo_config(const std::string& text = kLlzo) { return parse_run_config(text, "sweep.toml", "."); }

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

TEST(Sweep, ReadsItsAxes) {
    const RunConfig config = llzo_config();
    ASSERT_EQ(config.sweep.size(), 2u);
    EXPECT_EQ(config.sweep[0].key, "doping.per_formula_unit");
    EXPECT_EQ(config.sweep[0].values, (std::vector<double>{0.0, 0.25, 0.5}));
    EXPECT_EQ(config.sweep[1].values, (std::vector<double>{0.2, 0.3}));
}

TEST(Sweep, ValuesAreSetByDottedPath) {
    const RunConfig config = llzo_config();
    const RunConfig point = with_values(config, {{"doping.per_formula_unit", 0.4},
                                                 {"lattice.hop.tet-oct.barrier_eV", 0.21},
                                                 {"lattice.site.96h.energy_eV", 0.05},
                                                 {"content.per_formula_unit", 7.2},
                                                 {"run.seed", 12}});
    EXPECT_DOUBLE_EQ(point.settings.doping->per_formula_unit, 0.4);
    EXPECT_DOUBLE_EQ(*point.settings.mobile_per_formula_unit, 7.2);
    EXPECT_EQ(point.settings.seed, 12u);
    for (const auto& hop : point.lattice.hops) {
        EXPECT_DOUBLE_EQ(hop.barrier_eV, hop.name == "tet-oct" ? 0.21 : 0.25) << hop.name;
    }
    for (const auto& site : point.lattice.sites) {
        EXPECT_DOUBLE_EQ(site.energy_eV, site.name == "96h" ? 0.05 : 0.0) << site.name;
    }
    // The base config is untouched.
    EXPECT_DOUBLE_EQ(config.settings.doping->per_formula_unit, 0.0);
}

TEST(Sweep, BadKeysAreNamed) {
    const RunConfig config = llzo_config();
    const auto expect_parts = [](const std::string& message, std::initializer_list<const char*> parts) {
        ASSERT_FALSE(message.empty());
        for (const char* part : parts) EXPECT_NE(message.find(part), std::string::npos) << message;
    };
    expect_parts(error_of([&] {
                     with_values(config, {{"content.per_formula_units", 6.0}});
                 }),
                 {"content.per_formula_units", "unknown key"});
    expect_parts(error_of([&] { with_values(config, {{"seed", 3}}); }), {"seed", "dotted path"});
    expect_parts(error_of([&] {
                     with_values(config, {{"lattice.hop.no-such-hop.barrier_eV", 0.2}});
                 }),
                 {"no hop class 'no-such-hop'"});
    expect_parts(error_of([&] { with_values(config, {{"run.seed.x", 3}}); }), {"run.seed.x", "not a table"});
}

TEST(Sweep, EveryPointEqualsItsPredictionRunAloneOnAnyThreadCount) {
    RunConfig config = llzo_config();
    const SweepResult two = run_sweep(config);
    ASSERT_EQ(two.points.size(), 6u);
    EXPECT_EQ(two.points[1].values, (std::vector<double>{0.0, 0.3}));  // last axis fastest
    EXPECT_EQ(two.points[2].values, (std::vector<double>{0.25, 0.2}));
    EXPECT_EQ(two.points[5].prediction.doping->count, 32u);  // 0.5 * 64 formula units
    EXPECT_EQ(two.points[5].prediction.ions, 448u - 32u);

    const RunConfig alone =
        with_values(config, {{"doping.per_formula_unit", 0.25}, {"lattice.hop.tet-oct.barrier_eV", 0.3}});
    const Prediction single = run_prediction(alone.lattice, alone.settings);
    for (std::size_t t = 0; t < 2; ++t) {
        EXPECT_EQ(two.points[3].prediction.points[t].estimate.sigma.value,
                  single.points[t].estimate.sigma.value);
    }

    for (const int threads : {1, 16}) {
        RunConfig on_threads = config;
        on_threads.settings.threads = threads;  // the run's, so every point's too
        const SweepResult other = run_sweep(on_threads);
        ASSERT_EQ(other.points.size(), two.points.size());
        for (std::size_t i = 0; i < other.points.size(); ++i) {
            EXPECT_EQ(other.points[i].settings.threads, threads);
            for (std::size_t t = 0; t < 2; ++t) {
                EXPECT_EQ(other.points[i].prediction.points[t].estimate.sigma.value,
                          two.points[i].prediction.points[t].estimate.sigma.value)
                    << "point " << i << ", " << threads << " threads";
            }
        }
    }
}

TEST(Sweep, LayerThicknessOfAStackIsSweptByLayerName) {
    const RunConfig config = llzo_config(R"(
[lattice]
lateral_spacing_A = 2.0
[[lattice.layer]]
name = "electrolyte"
thickness_nm = 1.0
site_density_per_nm3 = 125.0
barrier_eV = 0.25
attempt_frequency_Hz = 1e13
source = "test"
[[lattice.layer]]
name = "interphase"
thickness_nm = 0.4
site_density_per_nm3 = 125.0
barrier_eV = 0.4
attempt_frequency_Hz = 1e13
site_energy_eV = 0.05
source = "test"
[[sweep]]
key = "lattice.layer.interphase.thickness_nm"
values = [0.4, 1.0]
)");
    ASSERT_EQ(config.lattice.sites.size(), 2u);
    EXPECT_EQ(config.lattice.sites[1].positions.size(), 2u);  // 0.4 nm: 2 planes of 2 A
    const RunConfig thick = with_values(config, {{"lattice.layer.interphase.thickness_nm", 1.0}});
    EXPECT_EQ(thick.lattice.sites[1].positions.size(), 5u);
    EXPECT_DOUBLE_EQ(thick.lattice.sites[1].energy_eV, 0.05);
    const std::string message = error_of([&] {
        with_values(config, {{"lattice.layer.coating.thickness_nm", 1.0}});
    });
    EXPECT_NE(message.find("no [[lattice.layer]] named 'coating'"), std::string::npos) << message;
}

// A stack point's ASR split is the one `ionhop run` gives the point alone, bit for bit; a
// bicrystal point's brick-layer split likewise; a sweep of a plain material has neither.
TEST(Sweep, PointsSplitTheirResistanceAsTheirRunAloneDoes) {
    const RunConfig stack = llzo_config(testing::stack_sweep_config("[600.0, 700.0]", "[0.4, 1.0]"));
    const SweepResult swept = run_sweep(stack);
    ASSERT_EQ(swept.points.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        const SweepPoint& point = swept.points[i];
        const RunConfig alone =
            with_values(stack, {{"lattice.layer.interphase.thickness_nm", point.values[0]}});
        const ResistanceSplit expected = split_resistance(
            alone.lattice, alone.stack, run_prediction(alone.lattice, alone.settings), alone.settings);
        const std::vector<StackResistance>& split = point.resistance.stack;
        ASSERT_EQ(split.size(), 2u);
        EXPECT_TRUE(point.resistance.grain_boundaries.empty());
        for (std::size_t t = 0; t < 2; ++t) {
            EXPECT_EQ(split[t].temperature_K, stack.settings.temperatures_K[t]);
            EXPECT_EQ(split[t].asr_total_Ohm_cm2.value, expected.stack[t].asr_total_Ohm_cm2.value);
            EXPECT_EQ(split[t].asr_interfaces_Ohm_cm2.value, expected.stack[t].asr_interfaces_Ohm_cm2.value);
            ASSERT_EQ(split[t].layers.size(), 2u);
            EXPECT_EQ(split[t].layers[1].name, "interphase");
            EXPECT_DOUBLE_EQ(split[t].layers[1].thickness_nm, point.values[0]);  // 2 and 5 planes of 2 A
            for (std::size_t k = 0; k < 2; ++k) {
                EXPECT_EQ(split[t].layers[k].asr_Ohm_cm2.value,
                          expected.stack[t].layers[k].asr_Ohm_cm2.value);
            }
        }
    }

    const RunConfig bicrystal = llzo_config(R"(
[lattice]
test = "simple-cubic"
barrier_eV = 0.25
hop_length_A = 2.0
[content]
site_fraction = 0.5
[microstructure]
kind = "bicrystal"
grain_cells = 4
gb_width_A = 1.0
gb_barrier_scale = 1.6
gb_site_energy_eV = 0
source = "test"
[run]
temperatures_K = [600.0]
supercell = [1, 4, 4]
min_replicas = 2
max_replicas = 2
target_relative_error = 0.0
seed = 5
[[sweep]]
key = "microstructure.gb_barrier_scale"
values = [1.2, 1.6]
)");
    const SweepResult grains = run_sweep(bicrystal);
    ASSERT_EQ(grains.points.size(), 2u);
    const RunConfig alone = with_values(bicrystal, {{"microstructure.gb_barrier_scale", 1.6}});
    const ResistanceSplit expected = split_resistance(
        alone.lattice, alone.stack, run_prediction(alone.lattice, alone.settings), alone.settings);
    ASSERT_EQ(grains.points[1].resistance.grain_boundaries.size(), 1u);
    EXPECT_TRUE(grains.points[1].resistance.stack.empty());
    EXPECT_EQ(grains.points[1].resistance.grain_boundaries[0].asr_per_boundary_Ohm_cm2.value,
              expected.grain_boundaries[0].asr_per_boundary_Ohm_cm2.value);
    EXPECT_EQ(grains.points[1].resistance.grain_boundaries[0].sigma_bulk_S_per_cm.value,
              expected.grain_boundaries[0].sigma_bulk_S_per_cm.value);

    RunConfig plain = llzo_config();
    plain.sweep.resize(1);
    plain.sweep[0].values = {0.0};
    const SweepResult material = run_sweep(plain);
    EXPECT_TRUE(material.points[0].resistance.stack.empty());
    EXPECT_TRUE(material.points[0].resistance.grain_boundaries.empty());
}

TEST(Sweep, ABadPointStopsTheSweepBeforeAnythingRuns) {
    std::string text = kLlzo;
    text.replace(text.find("dopant = \"Ta\""), 13, "dopant = \"Al\"");
    text.replace(text.find("values = \"0:0.5:0.25\""), 21, "values = \"0,0.6\"");
    const std::string message = error_of([&] { run_sweep(llzo_config(text)); });
    EXPECT_NE(message.find("sweep point doping.per_formula_unit = 0.6"), std::string::npos) << message;
    EXPECT_NE(message.find("outside the range"), std::string::npos) << message;
    const std::string none = error_of([&] {
        RunConfig config = llzo_config();
        config.sweep.clear();
        run_sweep(config);
    });
    EXPECT_NE(none.find("no [[sweep]]"), std::string::npos) << none;
}

}  // namespace
}  // namespace ionhop::runs
