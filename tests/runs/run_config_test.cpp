// The config file of `ionhop run`: every key read, overrides applied, errors named.
#include "ionhop/runs/run_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/interphase_table.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/materials/material_parameters.hpp"
#include "ionhop/materials/material_registry.hpp"

namespace ionhop::runs {
namespace {

const std::string kConfig = R"([lattice]
material = "llzo"

[[lattice.hop]]
class = "across-oct"
barrier_eV = 0.2
attempt_frequency_Hz = 5e12

[[lattice.site]]
class = "24d"
energy_eV = -0.05

[content]
per_formula_unit = 6.5

[run]
temperatures_K = [300, 450, 600]
supercell = [2, 2, 3]
target_relative_error = 0.03
min_replicas = 4
max_replicas = 64
events_per_ion = 100
threads = 1
seed = 42

[output]
prefix = "results/llzo"
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "test setup: '" << from << "' not in the config";
    return text.replace(at, from.size(), to);
}

TEST(RunConfig, ReadsEveryKeyAndAppliesOverrides) {
    const RunConfig config = parse_run_config(kConfig, "run.toml", "/data/runs");
    EXPECT_EQ(config.lattice.name, "LLZO");
    const auto& hops = config.lattice.hops;
    const auto across =
        std::find_if(hops.begin(), hops.end(), [](const auto& h) { return h.name == "across-oct"; });
    ASSERT_NE(across, hops.end());
    EXPECT_DOUBLE_EQ(across->barrier_eV, 0.2);
    EXPECT_DOUBLE_EQ(across->attempt_frequency_Hz, 5e12);
    EXPECT_EQ(across->source, "config_override");
    EXPECT_DOUBLE_EQ(config.lattice.sites[0].energy_eV, -0.05);
    // The overridden description is still a valid lattice file.
    EXPECT_NO_THROW(materials::parse_lattice_text(materials::format_lattice_text(config.lattice), "echo"));
    const PredictionSettings& s = config.settings;
    EXPECT_EQ(s.mobile_per_formula_unit, 6.5);
    EXPECT_EQ(s.temperatures_K, (std::vector<double>{300, 450, 600}));
    EXPECT_EQ(s.repetitions, Eigen::Vector3i(2, 2, 3));
    EXPECT_DOUBLE_EQ(s.target_relative_error, 0.03);
    EXPECT_EQ(s.min_replicas, 4);
    EXPECT_EQ(s.max_replicas, 64);
    EXPECT_EQ(s.events_per_ion, 100u);
    EXPECT_EQ(s.threads, 1);
    EXPECT_EQ(s.seed, 42u);
    EXPECT_EQ(config.output_prefix, "/data/runs/results/llzo");
    EXPECT_EQ(config.text, kConfig);
}

TEST(RunConfig, TestLatticeAndRangeOfTemperatures) {
    const RunConfig config = parse_run_config(
        "[lattice]\ntest = \"bcc\"\nbarrier_eV = 0.3\nhop_length_A = 2.5\n[content]\nvacancies = 1\n"
        "[run]\ntemperatures_K = \"400:600:100\"\n",
        "t.toml", ".");
    EXPECT_EQ(config.lattice.name, "bcc");
    EXPECT_DOUBLE_EQ(config.lattice.hops.at(0).barrier_eV, 0.3);
    EXPECT_EQ(config.settings.vacancies, 1u);
    EXPECT_EQ(config.settings.temperatures_K, (std::vector<double>{400, 500, 600}));
    EXPECT_TRUE(config.output_prefix.empty());
}

TEST(RunConfig, LatticeFileIsFoundBesideTheConfig) {
    const auto folder = std::filesystem::temp_directory_path() / "ionhop-run-config-test";
    std::filesystem::create_directories(folder);
    materials::write_lattice_file(materials::builtin_material("lgps"), folder / "mine.toml");
    {
        std::ofstream out(folder / "run.toml");
        out << "[lattice]\nfile = \"mine.toml\"\n";
    }
    EXPECT_EQ(read_run_config(folder / "run.toml").lattice.name, "LGPS");
    std::filesystem::remove_all(folder);
}

const std::string kPolycrystal = R"([lattice]
test = "simple-cubic"
barrier_eV = 0.25
[microstructure]
kind = "polycrystal"
grains = 12
grain_size_nm = 5.0
orientations = "aligned"
gb_width_A = 6.0
gb_barrier_scale = 1.5
gb_site_energy_eV = -0.02
hop_cutoff_A = 2.5
seed = 9
source = "test boundary"
)";

TEST(RunConfig, ReadsAMicrostructure) {
    const RunConfig poly = parse_run_config(kPolycrystal, "poly.toml", ".");
    ASSERT_TRUE(poly.settings.microstructure);
    const MicrostructureRequest& m = *poly.settings.microstructure;
    EXPECT_EQ(m.kind, MicrostructureKind::polycrystal);
    EXPECT_EQ(m.grains, 12);
    EXPECT_DOUBLE_EQ(m.grain_size_nm, 5.0);
    EXPECT_FALSE(m.random_orientations);
    EXPECT_DOUBLE_EQ(m.width_A, 6.0);
    EXPECT_DOUBLE_EQ(m.barrier_scale, 1.5);
    EXPECT_DOUBLE_EQ(m.site_energy_eV, -0.02);
    EXPECT_EQ(m.hop_cutoff_A, 2.5);
    EXPECT_FALSE(m.min_separation_A);
    EXPECT_EQ(m.seed, 9u);
    EXPECT_EQ(m.source, "test boundary");

    const RunConfig bi = parse_run_config(
        "[lattice]\ntest = \"simple-cubic\"\nbarrier_eV = 0.25\n[microstructure]\nkind = \"bicrystal\"\n"
        "grain_cells = 4\nrotation_axis = [0, 0, 1]\nrotation_angle_deg = 36.87\nshift_A = [0, 0.5, 0]\n"
        "gb_width_A = 4\ngb_barrier_scale = 2\ngb_site_energy_eV = 0\nsource = \"test\"\n",
        "bi.toml", ".");
    const MicrostructureRequest& b = *bi.settings.microstructure;
    EXPECT_EQ(b.kind, MicrostructureKind::bicrystal);
    EXPECT_EQ(b.grain_cells, 4);
    EXPECT_EQ(b.rotation_axis, Eigen::Vector3d(0, 0, 1));
    EXPECT_DOUBLE_EQ(b.rotation_angle_deg, 36.87);
    EXPECT_EQ(b.shift_A, Eigen::Vector3d(0, 0.5, 0));

    // A sweep point sets the grain size like any other key.
    const RunConfig point = with_values(poly, {{"microstructure.grain_size_nm", 8.0}});
    EXPECT_DOUBLE_EQ(point.settings.microstructure->grain_size_nm, 8.0);
}

const std::string kPhaseStack = R"([lattice]
lateral_spacing_A = 2.7
interface_barrier_eV = 0.3
interface_attempt_frequency_Hz = 1e13
[[lattice.layer]]
name = "grains"
thickness_nm = 2.0
site_density_per_nm3 = 50.3
barrier_eV = 0.18
attempt_frequency_Hz = 1.5e10
source = "test"
[[lattice.layer]]
name = "sei"
phase = "Li3P"
thickness_nm = 1.0
)";

TEST(RunConfig, LayerOfATablePhaseTakesItsParameters) {
    const RunConfig config = parse_run_config(kPhaseStack, "stack.toml", ".");
    ASSERT_TRUE(config.stack);
    ASSERT_EQ(config.stack->layers.size(), 2u);
    const auto& sei = std::get<materials::GenericLayerSpec>(config.stack->layers[1]);
    EXPECT_EQ(sei.name, "sei");
    EXPECT_DOUBLE_EQ(sei.site_density_per_nm3, 50.3);
    EXPECT_DOUBLE_EQ(sei.barrier_eV, 0.18);
    EXPECT_GT(sei.attempt_frequency_Hz, 0.0);
    EXPECT_NE(sei.source.find("interphase table, Li3P"), std::string::npos) << sei.source;
}

const std::string kCrystalStack = R"([lattice]
lateral_spacing_A = 3.3
interface_barrier_eV = 0.18
interface_attempt_frequency_Hz = 2e10
[[lattice.layer]]
name = "electrolyte"
material = "argyrodite"
thickness_nm = 2.0
parameters = { halide_on_4d = 0.75 }
site_energy_eV = -0.05
[[lattice.layer]]
name = "sei"
phase = "Li3P"
thickness_nm = 1.0
)";

TEST(RunConfig, CrystalLayerOfABuiltInMaterial) {
    const RunConfig config = parse_run_config(kCrystalStack, "stack.toml", ".");
    ASSERT_TRUE(config.stack);
    ASSERT_EQ(config.stack->layers.size(), 2u);
    const auto& crystal = std::get<materials::CrystalLayerSpec>(config.stack->layers[0]);
    EXPECT_EQ(crystal.name, "electrolyte");
    EXPECT_DOUBLE_EQ(crystal.thickness_nm, 2.0);
    EXPECT_DOUBLE_EQ(crystal.site_energy_eV, -0.05);
    EXPECT_EQ(crystal.crystal.parameters[0].value, 0.75);
    // The Li3P layer takes the in-plane spacing that fits the crystal: 9.86026 A / 3.
    const auto& sei = std::get<materials::GenericLayerSpec>(config.stack->layers[1]);
    const double spacing = 9.86026 / 3.0;
    EXPECT_NE(sei.source.find("interphase table, Li3P"), std::string::npos);
    // The attempt frequency follows from the plane spacing 1 / (rho a^2).
    const materials::GenericLayerSpec at_spacing = materials::layer_from_phase(
        materials::PhaseLayerRequest{"sei", "Li3P", 1.0, {}, {}, {}, 0.0, ""}, spacing);
    EXPECT_DOUBLE_EQ(sei.attempt_frequency_Hz, at_spacing.attempt_frequency_Hz);
    // Crystal classes carry the layer's name; their energies the layer's offset.
    const auto& classes = config.lattice.sites;
    ASSERT_EQ(classes.size(), 2u);
    EXPECT_EQ(classes[0].name, "electrolyte.48h");
    EXPECT_DOUBLE_EQ(classes[0].energy_eV, -0.05);

    const std::vector<std::pair<std::string, std::string>> bad = {
        {replaced(kCrystalStack, "material = \"argyrodite\"", "material = \"argyrodite\"\nfile = \"x.toml\""),
         "exactly one of material, file"},
        {replaced(kCrystalStack, "site_energy_eV = -0.05", "barrier_eV = 0.3"), "unknown key"},
        {replaced(kCrystalStack, "material = \"argyrodite\"", "material = \"argyrodit\""),
         "unknown material 'argyrodit'"},
        {replaced(kCrystalStack, "halide_on_4d = 0.75", "halide_on_4d = 7.5"), "halide_on_4d"},
        {replaced(kCrystalStack, "interface_barrier_eV = 0.18\n", ""), "interface_barrier_eV"},
        {replaced(kCrystalStack, "lateral_spacing_A = 3.3\n", ""), "lateral_spacing_A"},
    };
    for (const auto& [text, part] : bad) {
        try {
            parse_run_config(text, "bad.toml", ".");
            ADD_FAILURE() << "accepted:\n" << text;
        } catch (const Error& error) {
            EXPECT_NE(std::string(error.what()).find(part), std::string::npos) << error.what();
            EXPECT_NE(std::string(error.what()).find("bad.toml"), std::string::npos) << error.what();
        }
    }
}

TEST(RunConfig, FieldAlongAnyDirection) {
    const RunConfig config = parse_run_config(
        "[lattice]\ntest = \"simple-cubic\"\nbarrier_eV = 0.25\n[run]\nfield_V_per_cm = [1e5, 0, -2e4]\n",
        "f.toml", ".");
    EXPECT_EQ(config.settings.field_V_per_cm, Eigen::Vector3d(1e5, 0, -2e4));
    EXPECT_THROW(parse_run_config(
                     "[lattice]\ntest = \"simple-cubic\"\nbarrier_eV = 0.25\n[run]\nfield_V_per_cm = [1e5]\n",
                     "f.toml", "."),
                 Error);
}

TEST(RunConfig, AccelerationIsOnUnlessTurnedOff) {
    const std::string lattice = "[lattice]\ntest = \"simple-cubic\"\nbarrier_eV = 0.25\n";
    EXPECT_TRUE(parse_run_config(lattice, "a.toml", ".").settings.acceleration);
    EXPECT_FALSE(
        parse_run_config(lattice + "[run]\nacceleration = false\n", "a.toml", ".").settings.acceleration);
    try {
        parse_run_config(lattice + "[run]\nacceleration = \"no\"\n", "a.toml", ".");
        ADD_FAILURE() << "a string for acceleration was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("run.acceleration"), std::string::npos) << e.what();
    }
}

TEST(RunConfig, MaterialParametersAreSetAndSweptByName) {
    const std::string text = "[lattice]\nmaterial = \"argyrodite\"\nparameters = { halide_on_4d = 0.75 }\n";
    const RunConfig config = parse_run_config(text, "p.toml", ".");
    const materials::LatticeDescription expected =
        materials::with_material_parameter(materials::builtin_material("argyrodite"), "halide_on_4d", 0.75);
    EXPECT_EQ(config.lattice, expected);
    EXPECT_EQ(config.lattice.hops[2].name, "intercage");
    EXPECT_EQ(config.lattice.hops[2].barrier_eV, 0.1164);  // de Klerk's 75 % level

    const RunConfig point = with_values(config, {{"lattice.parameters.halide_on_4d", 1.0}});
    EXPECT_EQ(point.lattice.parameters[0].value, 1.0);
    EXPECT_EQ(point.lattice.hops[0].barrier_eV, 0.2851);  // doublet at 100 %

    // A hop override has the last word over the tabulated value.
    const RunConfig overridden =
        parse_run_config(text + "[[lattice.hop]]\nclass = \"intercage\"\nbarrier_eV = 0.3\n", "p.toml", ".");
    EXPECT_EQ(overridden.lattice.hops[2].barrier_eV, 0.3);
}

TEST(RunConfig, BadConfigsGiveClearErrors) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
        {"[lattice\n", {"bad.toml", "not valid TOML"}},
        // Found by fuzzing: toml11 3.7 read past its buffer on this broken UTF-8 sequence.
        {"\n'\xDF'\xFF]", {"bad.toml:2:", "not valid TOML", "byte 0xDF is not UTF-8"}},
        // Found by fuzzing: std::out_of_range escaped for a sweep without values.
        {"[lattice]\ntest = \"bcc\"\nbarrier_eV = 0.3\n[[sweep]]\nkey = \"run.seed\"\n",
         {"bad.toml:", "sweep[0]", "missing key 'values'"}},
        {"[run]\nseed = 1\n", {"bad.toml", "missing key 'lattice'"}},
        {replaced(kConfig, "seed = 42", "sed = 42"), {"bad.toml:", "run.sed", "unknown key"}},
        {replaced(kConfig, "material = \"llzo\"", "material = \"llzo\"\ntest = \"bcc\""),
         {"lattice", "exactly one of material, file, test or [[lattice.layer]]"}},
        {replaced(kConfig, "material = \"llzo\"", "material = \"garnet\""),
         {"bad.toml:", "lattice.material", "unknown material 'garnet'", "llzo"}},
        {replaced(kConfig, "class = \"across-oct\"", "class = \"oct-oct\""),
         {"bad.toml:", "lattice.hop[0].class", "no hop class 'oct-oct'", "tet-oct"}},
        {replaced(kConfig, "barrier_eV = 0.2", "barrier_eV = -0.2"), {"lattice.hop[0].barrier_eV", ">= 0"}},
        {replaced(kConfig, "per_formula_unit = 6.5", "per_formula_unit = 6.5\nions = 3"),
         {"content", "one way only"}},
        {replaced(kConfig, "temperatures_K = [300, 450, 600]", "temperatures_K = \"300:600\""),
         {"run.temperatures_K", "start:stop:step"}},
        {replaced(kConfig, "temperatures_K = [300, 450, 600]", "temperatures_K = [300, -5]"),
         {"run", "temperature -5"}},
        {replaced(kConfig, "supercell = [2, 2, 3]", "supercell = [2, 0, 3]"), {"run.supercell", ">= 1"}},
        {replaced(kConfig, "seed = 42", "seed = -1"), {"run.seed", ">= 0"}},
        {replaced(kConfig, "seed = 42", "seed = 4.2"), {"run.seed", "expected an integer"}},
        {"[lattice]\ntest = \"bcc\"\n", {"lattice", "missing key 'barrier_eV'"}},
        {"[lattice]\nmaterial = \"argyrodite\"\nparameters = { halide_on_4d = 1.5 }\n",
         {"bad.toml:", "lattice.parameters.halide_on_4d", "must lie in [0.25, 1], found 1.5"}},
        {"[lattice]\nmaterial = \"argyrodite\"\nparameters = { disorder = 0.5 }\n",
         {"lattice.parameters.disorder", "no parameter 'disorder'", "halide_on_4d"}},
        {"[lattice]\nmaterial = \"llzo\"\nparameters = { halide_on_4d = 0.5 }\n",
         {"lattice.parameters.halide_on_4d", "its parameters: none"}},
        {"[lattice]\nmaterial = \"argyrodite\"\nparameters = 0.5\n",
         {"lattice.parameters", "expected a table"}},
        {"[lattice]\nmaterial = \"llzo\"\nbarrier_eV = 0.3\n",
         {"lattice.barrier_eV", "only for test lattices"}},
        {replaced(kPolycrystal, "kind = \"polycrystal\"", "kind = \"tricrystal\""),
         {"bad.toml:", "microstructure.kind", "\"bicrystal\" or \"polycrystal\""}},
        {replaced(kPolycrystal, "grains = 12", "grains = 0"), {"microstructure.grains", "1 to 100000"}},
        {replaced(kPolycrystal, "grain_size_nm = 5.0", "grain_size_nm = -5.0"),
         {"microstructure.grain_size_nm", "> 0"}},
        {replaced(kPolycrystal, "gb_width_A = 6.0\n", ""), {"microstructure", "missing key 'gb_width_A'"}},
        {replaced(kPolycrystal, "gb_site_energy_eV = -0.02\n", ""),
         {"microstructure", "missing key 'gb_site_energy_eV'"}},
        {replaced(kPolycrystal, "source = \"test boundary\"\n", ""),
         {"microstructure", "missing key 'source'"}},
        {replaced(kPolycrystal, "gb_barrier_scale = 1.5", "gb_barrier_scale = nan"),
         {"microstructure.gb_barrier_scale"}},
        {replaced(kPolycrystal, "orientations = \"aligned\"", "orientations = \"textured\""),
         {"microstructure.orientations", "\"random\" or \"aligned\""}},
        {replaced(kPolycrystal, "grains = 12", "grain_cells = 12"),
         {"microstructure.grain_cells", "unknown key"}},
    };
    for (const auto& [text, expected] : cases) {
        std::string message;
        try {
            parse_run_config(text, "bad.toml", ".");
        } catch (const Error& error) {
            message = error.what();
        }
        ASSERT_FALSE(message.empty()) << "no error for:\n" << text;
        for (const std::string& part : expected) {
            EXPECT_NE(message.find(part), std::string::npos) << "'" << part << "' missing from: " << message;
        }
    }
}

}  // namespace
}  // namespace ionhop::runs
