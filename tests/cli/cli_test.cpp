// End-to-end: the ionhop binary as a user runs it. Files produced and readable with their
// documented schema, the fit of a single-barrier lattice, and every bad input ending in
// one clear line, exit status 2 and no output file.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run_ionhop.hpp"
#include "support/stack_sweep_config.hpp"

namespace {

namespace fs = std::filesystem;

using Result = ionhop::testing::CommandResult;

Result run(const std::string& arguments) { return ionhop::testing::run_ionhop(arguments); }

fs::path scratch(const std::string& name) {
    const fs::path folder = fs::temp_directory_path() / ("ionhop-cli-test-" + name);
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(Cli, PredictWritesTableCsvJsonAndHdf5AndFitsTheBarrier) {
    const fs::path folder = scratch("predict");
    const Result r =
        run("predict bcc --barrier 0.3 --hop-length 2.5 --T 300:700:100 --supercell 6 6 6 "
            "--target-error 0.02 --seed 3 --quiet -o " +
            (folder / "bcc").string());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("E_a ="), std::string::npos) << r.output;

    // CSV: a header with units, then one numeric row per temperature.
    std::istringstream csv(read(folder / "bcc.csv"));
    std::string line;
    int rows = 0;
    bool header = false;
    while (std::getline(csv, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (!header) {
            EXPECT_EQ(line.rfind("temperature_K,sigma_S_per_cm,", 0), 0u) << line;
            header = true;
            continue;
        }
        std::istringstream fields(line);
        std::string field;
        int columns = 0;
        while (std::getline(fields, field, ',')) {
            EXPECT_NO_THROW((void)std::stod(field)) << field;
            ++columns;
        }
        EXPECT_EQ(columns, 17);
        ++rows;
    }
    EXPECT_EQ(rows, 5);

    // JSON: the fit returns the single barrier within 4 standard errors.
    const auto json = nlohmann::json::parse(read(folder / "bcc.json"));
    const double ea = json["arrhenius"]["activation_energy_eV"]["value"];
    const double ea_err = json["arrhenius"]["activation_energy_eV"]["standard_error"];
    EXPECT_LE(std::abs(ea - 0.3), 4 * ea_err) << ea << " +- " << ea_err;
    EXPECT_LT(ea_err, 0.01);

    // The Arrhenius plot.
    EXPECT_NE(read(folder / "bcc.svg").find("<svg"), std::string::npos);

    // HDF5: the documented schema.
    const hid_t file = H5Fopen((folder / "bcc.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    for (const char* name : {"/results/table/temperature_K", "/results/table/sigma",
                             "/results/table/sigma_err", "/results/table/collective_from_lag_fit",
                             "/results/points/0/msd/tracer", "/results/points/0/msd/net_displacement",
                             "/results/points/4/sigma_tensor", "/input/temperatures_K"}) {
        EXPECT_GT(H5Lexists(file, name, H5P_DEFAULT), 0) << name;
    }
    EXPECT_GT(H5Aexists_by_name(file, "/results/arrhenius", "activation_energy_eV", H5P_DEFAULT), 0);
    EXPECT_GT(H5Aexists_by_name(file, "/results/table/sigma", "units", H5P_DEFAULT), 0);
    H5Fclose(file);
    for (const auto& entry : fs::directory_iterator(folder)) {
        EXPECT_EQ(entry.path().string().find(".partial"), std::string::npos) << entry.path();
    }
    fs::remove_all(folder);
}

TEST(Cli, RunTakesTheJobFromAConfigFile) {
    const fs::path folder = scratch("run");
    std::ofstream(folder / "job.toml") << "[lattice]\ntest = \"simple-cubic\"\nbarrier_eV = 0.25\n"
                                          "[content]\nsite_fraction = 0.5\n"
                                          "[run]\ntemperatures_K = [400, 600]\nsupercell = [6, 6, 6]\n"
                                          "[output]\nprefix = \"out\"\n";
    const Result r = run("run --quiet " + (folder / "job.toml").string());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(fs::exists(folder / "out.csv"));
    EXPECT_TRUE(fs::exists(folder / "out.h5"));
    const auto json = nlohmann::json::parse(read(folder / "out.json"));
    EXPECT_NE(json["config_file"].get<std::string>().find("simple-cubic"), std::string::npos);
    fs::remove_all(folder);
}

TEST(Cli, SweepRunsEveryPointAndWritesItsFiles) {
    const fs::path folder = scratch("sweep");
    const Result r =
        run("sweep llzo --dopant Ta --x 0,0.5 --set content.per_formula_unit=7,7.25 --T 500,600 "
            "--max-replicas 2 --target-error 0 --events-per-ion 5 --seed 4 --quiet -o " +
            (folder / "ta").string());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("point 4/4"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("doping.per_formula_unit"), std::string::npos) << r.output;
    for (const char* extension : {".csv", ".json", ".h5", ".svg"}) {
        EXPECT_TRUE(fs::exists(folder / (std::string("ta") + extension))) << extension;
    }
    // The generated config is echoed and runs again with ionhop run, point for point.
    const auto json = nlohmann::json::parse(read(folder / "ta.json"));
    const std::string config = json["config_file"].get<std::string>();
    EXPECT_NE(config.find("[[sweep]]"), std::string::npos) << config;
    std::ofstream(folder / "again.toml") << config;
    const Result again = run("run --quiet " + (folder / "again.toml").string());
    ASSERT_EQ(again.status, 0) << again.output;
    const auto summary = [](const std::string& output) {
        return output.substr(output.find("# ionhop sweep"));
    };
    const auto without_timing = [](std::string text) { return text.substr(0, text.rfind(" points in ")); };
    EXPECT_EQ(without_timing(summary(again.output)), without_timing(summary(r.output)));
    fs::remove_all(folder);
}

TEST(Cli, LayerStackRunSplitsItsResistanceIntoLayersAndInterfaces) {
    const fs::path folder = scratch("stack");
    std::ofstream(folder / "stack.toml")
        << "[lattice]\nlateral_spacing_A = 2.0\n"
           "[[lattice.layer]]\nname = \"bulk\"\nthickness_nm = 1.0\nsite_density_per_nm3 = 125.0\n"
           "barrier_eV = 0.25\nattempt_frequency_Hz = 1e13\nsource = \"test\"\n"
           "[[lattice.layer]]\nname = \"coating\"\nthickness_nm = 0.4\nsite_density_per_nm3 = 125.0\n"
           "barrier_eV = 0.3\nattempt_frequency_Hz = 1e13\nsource = \"test\"\n"
           "[run]\ntemperatures_K = [600]\nsupercell = [1, 6, 6]\nmin_replicas = 4\nmax_replicas = 4\n"
           "target_relative_error = 0\n[output]\nprefix = \"out\"\n";
    const Result r = run("run --quiet " + (folder / "stack.toml").string());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("area-specific resistance along the stack"), std::string::npos) << r.output;
    const auto json = nlohmann::json::parse(read(folder / "out.json"));
    ASSERT_EQ(json["stack_resistance"].size(), 1u);
    const auto& split = json["stack_resistance"][0];
    EXPECT_EQ(split["layers"].size(), 2u);
    EXPECT_EQ(split["layers"][1]["name"], "coating");
    const double total = split["asr_total_Ohm_cm2"]["value"].get<double>();
    double parts = split["asr_interfaces_Ohm_cm2"]["value"].get<double>();
    for (const auto& layer : split["layers"]) parts += layer["asr_Ohm_cm2"]["value"].get<double>();
    EXPECT_GT(total, 0.0);
    EXPECT_NEAR(parts, total, 1e-9 * total);  // the split adds up to the total
    // The occupancy of every plane along x: 5 + 2 planes of 2 A, in JSON and as a plot.
    const auto& profile = json["points"][0]["occupancy_profile_x"];
    ASSERT_EQ(profile.size(), 7u);
    EXPECT_NEAR(profile[0]["x_A"].get<double>(), 1.0, 1e-9);
    EXPECT_GT(profile[6]["occupancy"]["value"].get<double>(), 0.0);
    EXPECT_TRUE(fs::exists(folder / "out-profile.svg"));
    fs::remove_all(folder);
}

TEST(Cli, StackSweepReportsTheResistanceAgainstLayerThickness) {
    const fs::path folder = scratch("stack-sweep");
    std::ofstream(folder / "stack.toml")
        << ionhop::testing::stack_sweep_config("[600]", "[0.4, 1.0]") << "[output]\nprefix = \"out\"\n";
    const Result r = run("run --quiet " + (folder / "stack.toml").string());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("area-specific resistance along the stack at 600.0 K"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("interphase"), std::string::npos) << r.output;
    const std::string csv = read(folder / "out.csv");
    EXPECT_NE(csv.find(",asr_total_Ohm_cm2,asr_total_err_Ohm_cm2,electrolyte_thickness_nm,"),
              std::string::npos)
        << csv;
    const auto json = nlohmann::json::parse(read(folder / "out.json"));
    ASSERT_EQ(json["points"].size(), 2u);
    for (const auto& point : json["points"]) {
        ASSERT_EQ(point["stack_resistance"].size(), 1u);
        EXPECT_GT(point["stack_resistance"][0]["asr_total_Ohm_cm2"]["value"].get<double>(), 0.0);
    }
    fs::remove_all(folder);
}

TEST(Cli, BicrystalRunSplitsBulkAndBoundaryResistance) {
    const fs::path folder = scratch("bicrystal");
    std::ofstream(folder / "bi.toml")
        << "[lattice]\ntest = \"simple-cubic\"\nbarrier_eV = 0.25\nhop_length_A = 2.0\n"
           "[content]\nsite_fraction = 0.5\n"
           "[microstructure]\nkind = \"bicrystal\"\ngrain_cells = 4\ngb_width_A = 1.0\ngb_barrier_scale = "
           "1.6\n"
           "gb_site_energy_eV = 0\nsource = \"test\"\n"
           "[run]\ntemperatures_K = [600]\nsupercell = [1, 5, 5]\nmin_replicas = 4\nmax_replicas = 4\n"
           "target_relative_error = 0\n[output]\nprefix = \"out\"\n";
    const Result r = run("run --quiet " + (folder / "bi.toml").string());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("bicrystal of 2 grains"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("brick-layer split"), std::string::npos) << r.output;
    const auto json = nlohmann::json::parse(read(folder / "out.json"));
    EXPECT_EQ(json["microstructure"]["kind"], "bicrystal");
    EXPECT_EQ(json["microstructure"]["gb_sites"], 4 * 25);
    ASSERT_EQ(json["grain_boundary_resistance"].size(), 1u);
    const auto& split = json["grain_boundary_resistance"][0];
    EXPECT_DOUBLE_EQ(split["grain_size_nm"].get<double>(), 0.8);
    // Boundary hops at 0.40 eV against 0.25 eV in the grains resist.
    EXPECT_GT(split["asr_per_boundary_Ohm_cm2"]["value"].get<double>(), 0.0);
    EXPECT_LT(split["sigma_total_S_per_cm"]["value"].get<double>(),
              split["sigma_bulk_S_per_cm"]["value"].get<double>());
    fs::remove_all(folder);
}

// A lattice file of site pairs (fast hop inside, 0.05 eV; slow hops between, 0.30 eV): the
// 600 K prediction runs with superbasin acceleration, --no-acceleration runs plain KMC, and
// the two conductivities agree within 4 combined standard errors.
TEST(Cli, PredictAcceleratesFastPairsAndCanBeToldNotTo) {
    const fs::path folder = scratch("acceleration");
    std::ofstream(folder / "pairs.toml")
        << "format = \"ionhop-lattice/1\"\nname = \"pairs\"\n"
           "[references]\ntest = \"pair lattice test, a = 3 A\"\n"
           "[cell]\nlengths_A = [3.0, 3.0, 3.0]\nangles_deg = [90.0, 90.0, 90.0]\nsource = \"test\"\n"
           "[composition]\nformula = \"Li2\"\nformula_units_per_cell = 1\nmobile_per_formula_unit = 0.5\n"
           "mobile_range_per_formula_unit = [0.01, 2.0]\nsource = \"test\"\n"
           "[[sites]]\nclass = \"A\"\npositions = [[0.0, 0.0, 0.0]]\nsource = \"test\"\n"
           "[[sites]]\nclass = \"B\"\npositions = [[0.33333333333333333, 0.0, 0.0]]\nsource = \"test\"\n"
           "[[hops]]\nclass = \"inside\"\nbetween = [\"A\", \"B\"]\ndistance_A = [0.9, 1.1]\nbarrier_eV = "
           "0.05\n"
           "attempt_frequency_Hz = 1e13\nsource = \"test\"\n"
           "[[hops]]\nclass = \"between\"\nbetween = [\"A\", \"B\"]\ndistance_A = [1.9, 2.1]\nbarrier_eV = "
           "0.3\n"
           "attempt_frequency_Hz = 1e13\nsource = \"test\"\n"
           "[[hops]]\nclass = \"across\"\nbetween = [\"A\", \"A\"]\ndistance_A = [2.9, 3.1]\nbarrier_eV = "
           "0.3\n"
           "attempt_frequency_Hz = 1e13\nsource = \"test\"\n"
           "[[hops]]\nclass = \"across-b\"\nbetween = [\"B\", \"B\"]\ndistance_A = [2.9, 3.1]\nbarrier_eV = "
           "0.3\n"
           "attempt_frequency_Hz = 1e13\nsource = \"test\"\n";
    const std::string common = " --T 600 --supercell 4 4 4 --target-error 0.03 --seed 2 --quiet -o ";
    const Result fast =
        run("predict " + (folder / "pairs.toml").string() + common + (folder / "fast").string());
    ASSERT_EQ(fast.status, 0) << fast.output;
    EXPECT_NE(fast.output.find("superbasin acceleration on"), std::string::npos) << fast.output;
    const Result plain = run("predict " + (folder / "pairs.toml").string() + " --no-acceleration" + common +
                             (folder / "plain").string());
    ASSERT_EQ(plain.status, 0) << plain.output;
    EXPECT_NE(plain.output.find("plain KMC"), std::string::npos) << plain.output;
    const auto a = nlohmann::json::parse(read(folder / "fast.json"))["points"][0];
    const auto b = nlohmann::json::parse(read(folder / "plain.json"))["points"][0];
    EXPECT_GT(a["accelerated_replicas"].get<int>(), 0);
    EXPECT_EQ(b["accelerated_replicas"].get<int>(), 0);
    const double sa = a["sigma_S_per_cm"]["value"].get<double>();
    const double sb = b["sigma_S_per_cm"]["value"].get<double>();
    const double ea = a["sigma_S_per_cm"]["standard_error"].get<double>();
    const double eb = b["sigma_S_per_cm"]["standard_error"].get<double>();
    EXPECT_NEAR(sa, sb, 4.0 * std::hypot(ea, eb));
    fs::remove_all(folder);
}

TEST(Cli, BadInputEndsInOneClearLineExitTwoAndNoFiles) {
    const fs::path folder = scratch("bad");
    std::ofstream(folder / "unknown-key.toml") << "[lattice]\nmaterial = \"llzo\"\n[run]\nsed = 1\n";
    std::ofstream(folder / "wrong-type.toml") << "[lattice]\nmaterial = \"llzo\"\n[run]\nseed = \"one\"\n";
    const std::string out = " -o " + (folder / "x").string();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"predict garnet" + out, "'garnet' is neither a built-in material"},
        {"predict llzo --T 0:300:50" + out, "not a temperature in K > 0"},
        {"predict llzo --T -100" + out, "not a temperature in K > 0"},
        {"predict llzo --T 600:300:50" + out, "stop is below start"},
        {"predict llzo --T nan" + out, "not a temperature"},
        {"predict llzo --li 9" + out, "outside the range the material allows"},
        {"predict llzo -o /nonexistent-folder/x", "cannot write there"},
        {"predict simple-cubic" + out, "needs --barrier"},
        {"run " + (folder / "unknown-key.toml").string(), "run.sed: unknown key"},
        {"run " + (folder / "wrong-type.toml").string(), "run.seed: expected an integer, found a string"},
        {"run " + (folder / "missing.toml").string(), "cannot open the config file"},
        {"predict llzo --dopant W --x 0.1" + out, "dopant 'W': unknown"},
        {"predict llzo --dopant Ta --x 2.5" + out, "only 128 host sites"},
        {"predict llzo --x 0.2" + out, "give the dopant with --dopant"},
        {"sweep llzo --dopant Al --x 0,0.6" + out, "sweep point doping.per_formula_unit = 0.6"},
        {"sweep llzo --dopant Ta" + out, "--dopant and --x go together"},
        {"sweep llzo --set content.per_formula_units=6,7" + out, "content.per_formula_units: unknown key"},
        {"sweep llzo" + out, "nothing to sweep"},
        {"predict argyrodite --param halide_on_4d=1.5" + out, "must lie in [0.25, 1], found 1.5"},
        {"predict argyrodite --param halide_on_4d" + out, "expected NAME=VALUE"},
        {"predict argyrodite --param halide_on_4d=half" + out, "'half' is not a number"},
        {"predict argyrodite --param halide_on_4d=0.5,0.75" + out, "give one value"},
        {"predict llzo --param halide_on_4d=0.5" + out, "its parameters: none"},
        {"sweep argyrodite --set lattice.parameters.halide_on_4d=0:1:0.5" + out, "must lie in [0.25, 1]"},
    };
    for (const auto& [arguments, message] : cases) {
        const Result r = run(arguments);
        EXPECT_EQ(r.status, 2) << arguments << "\n" << r.output;
        EXPECT_NE(r.output.find("ionhop: error: "), std::string::npos) << arguments << "\n" << r.output;
        EXPECT_NE(r.output.find(message), std::string::npos) << arguments << "\n" << r.output;
        EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << arguments << "\n" << r.output;
        EXPECT_FALSE(fs::exists(folder / "x.csv") || fs::exists(folder / "x.json") ||
                     fs::exists(folder / "x.h5"))
            << arguments;
    }
    fs::remove_all(folder);
}

TEST(Cli, HelpNamesUnitsAndGivesAnExample) {
    const Result top = run("--help");
    EXPECT_EQ(top.status, 0);
    EXPECT_NE(top.output.find("S/cm"), std::string::npos);
    const Result predict = run("predict --help");
    EXPECT_EQ(predict.status, 0);
    for (const char* part : {"--T", "--target-error", "--li", "--vacancies", "Example", "cm^2/s"}) {
        EXPECT_NE(predict.output.find(part), std::string::npos) << part;
    }
}

}  // namespace
