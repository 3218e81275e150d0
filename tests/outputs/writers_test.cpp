// CSV and JSON outputs: complete, with units, and echoing what is needed to rerun.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/outputs/run_record.hpp"

namespace ionhop::outputs {
namespace {

RunRecord sample_record() {
    RunRecord record;
    record.program_version = "test";
    record.command_line = "ionhop predict x";
    record.lattice_text = "format = \"ionhop-lattice/1\"\n";
    record.settings.temperatures_K = {300, 600};
    record.settings.seed = 42;
    record.prediction.material = "X";
    record.prediction.ions = 10;
    record.prediction.sites = 20;
    for (double t : {300.0, 600.0}) {
        runs::PredictionPoint point;
        point.temperature_K = t;
        point.estimate.sigma = {t * 1e-5, t * 1e-7};
        point.estimate.class_names = {"A"};
        point.estimate.class_occupancy = {{0.5, 0.01}};
        record.prediction.points.push_back(point);
    }
    record.prediction.arrhenius_note = "not fitted in this test";
    return record;
}

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(Writers, CsvHasUnitsInTheHeaderAndOneRowPerTemperature) {
    const auto path = std::filesystem::temp_directory_path() / "ionhop-writers-test.csv";
    write_csv(sample_record(), path);
    const std::string text = read(path);
    EXPECT_NE(text.find("temperature_K,sigma_S_per_cm,sigma_err_S_per_cm"), std::string::npos);
    EXPECT_NE(text.find("tracer_D_cm2_per_s"), std::string::npos);
    EXPECT_NE(text.find("\n300,0.003,3e-05,"), std::string::npos) << text;
    EXPECT_NE(text.find("\n600,0.006,6e-05,"), std::string::npos) << text;
    EXPECT_NE(text.find("# no Arrhenius fit: not fitted in this test"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
    std::filesystem::remove(path);
}

TEST(Writers, JsonHoldsUnitsSettingsLatticeAndEveryPoint) {
    const auto path = std::filesystem::temp_directory_path() / "ionhop-writers-test.json";
    write_json(sample_record(), path);
    const nlohmann::json json = nlohmann::json::parse(read(path));
    EXPECT_EQ(json["units"]["sigma"], "S/cm");
    EXPECT_EQ(json["units"]["diffusion"], "cm^2/s");
    EXPECT_EQ(json["settings"]["seed"], 42);
    EXPECT_EQ(json["command_line"], "ionhop predict x");
    EXPECT_EQ(json["lattice_file"], "format = \"ionhop-lattice/1\"\n");
    ASSERT_EQ(json["points"].size(), 2u);
    EXPECT_DOUBLE_EQ(json["points"][1]["sigma_S_per_cm"]["value"].get<double>(), 6e-3);
    EXPECT_DOUBLE_EQ(json["points"][0]["site_class_occupancy"]["A"]["value"].get<double>(), 0.5);
    EXPECT_EQ(json["arrhenius"]["note"], "not fitted in this test");
    std::filesystem::remove(path);
}

TEST(Writers, UnwritablePathIsAClearError) {
    EXPECT_THROW(write_json(sample_record(), "/nonexistent-dir/out.json"), Error);
}

}  // namespace
}  // namespace ionhop::outputs
