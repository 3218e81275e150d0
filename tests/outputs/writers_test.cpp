// CSV and JSON outputs: complete, with units, and echoing what is needed to rerun.
#include <gtest/gtest.h>
#include <hdf5.h>

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

// Reads a 1-D double dataset and its "units" attribute with the HDF5 C API.
std::pair<std::vector<double>, std::string> read_dataset(hid_t file, const char* name) {
    const hid_t data = H5Dopen2(file, name, H5P_DEFAULT);
    EXPECT_GE(data, 0) << name;
    const hid_t space = H5Dget_space(data);
    std::vector<double> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
    H5Dread(data, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    const hid_t attribute = H5Aopen(data, "units", H5P_DEFAULT);
    const hid_t type = H5Aget_type(attribute);
    char* units = nullptr;
    H5Aread(attribute, type, &units);
    std::string text = units ? units : "";
    H5free_memory(units);
    H5Tclose(type);
    H5Aclose(attribute);
    H5Sclose(space);
    H5Dclose(data);
    return {values, text};
}

TEST(Writers, Hdf5HoldsTheTableWithUnitsAndEveryPoint) {
    const auto path = std::filesystem::temp_directory_path() / "ionhop-writers-test.h5";
    write_hdf5(sample_record(), path);
    EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    const auto [temperatures, t_units] = read_dataset(file, "/results/table/temperature_K");
    EXPECT_EQ(temperatures, (std::vector<double>{300, 600}));
    EXPECT_EQ(t_units, "K");
    const auto [sigma, sigma_units] = read_dataset(file, "/results/table/sigma");
    EXPECT_EQ(sigma, (std::vector<double>{3e-3, 6e-3}));
    EXPECT_EQ(sigma_units, "S/cm");
    const auto [occupancy, occupancy_units] = read_dataset(file, "/results/points/1/site_class_occupancy");
    EXPECT_EQ(occupancy, (std::vector<double>{0.5}));
    EXPECT_GT(H5Aexists_by_name(file, "/results/arrhenius", "note", H5P_DEFAULT), 0);
    EXPECT_GT(H5Aexists_by_name(file, "/input", "lattice_file", H5P_DEFAULT), 0);
    EXPECT_GT(H5Aexists_by_name(file, "/input", "acceleration", H5P_DEFAULT), 0);
    EXPECT_GT(H5Aexists_by_name(file, "/results/points/0", "simulated_s_per_wall_s", H5P_DEFAULT), 0);
    EXPECT_GT(H5Aexists_by_name(file, "/results/points/0", "accelerated_replicas", H5P_DEFAULT), 0);
    H5Fclose(file);
    std::filesystem::remove(path);
}

TEST(Writers, UnwritablePathIsAClearError) {
    EXPECT_THROW(write_json(sample_record(), "/nonexistent-dir/out.json"), Error);
    EXPECT_THROW(write_hdf5(sample_record(), "/nonexistent-dir/out.h5"), Error);
    EXPECT_FALSE(std::filesystem::exists("/nonexistent-dir/out.h5.partial"));
}

}  // namespace
}  // namespace ionhop::outputs
