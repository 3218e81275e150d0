// Sweep outputs: every point and temperature in the CSV, JSON and HDF5 files with units,
// the summary over points, the plot, and no file at all when the path cannot be written.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "ionhop/core/error.hpp"
#include "ionhop/outputs/sweep_record.hpp"

namespace ionhop::outputs {
namespace {

// Two points on the dopant content, two temperatures each; the second point has no fit.
SweepRecord sample_sweep() {
    SweepRecord record;
    record.program_version = "test";
    record.command_line = "ionhop sweep llzo --dopant Ga";
    record.config_text = "[lattice]\nmaterial = \"llzo\"\n";
    record.sweep.axes = {{"doping.per_formula_unit", {0.1, 0.2}}};
    for (const double x : {0.1, 0.2}) {
        runs::SweepPoint point;
        point.values = {x};
        point.settings.temperatures_K = {300, 600};
        point.settings.seed = 7;
        point.lattice_text = "format = \"ionhop-lattice/1\"\n";
        runs::Prediction& p = point.prediction;
        p.material = "LLZO";
        p.ions = 52;
        p.sites = 96;
        p.mobile_per_formula_unit = 7.0 - 3.0 * x;
        p.doping = runs::DopingSummary{"Ga", "Li", x, x + 0.01, 1, -3, true};
        for (const double t : {300.0, 600.0}) {
            runs::PredictionPoint row;
            row.temperature_K = t;
            row.estimate.sigma = {x * t * 1e-5, x * t * 1e-7};
            row.estimate.tracer_D = {2e-8, 1e-9};
            row.estimate.collective_D = {3e-8, 2e-9};
            row.estimate.haven_ratio = {0.6, 0.05};
            row.estimate.replicas.resize(8);
            row.estimate.total_events = 1000;
            p.points.push_back(row);
        }
        if (x < 0.15) {
            engine::ArrheniusFit fit;
            fit.activation_energy_eV = {0.31, 0.02};
            p.arrhenius = fit;
        } else {
            p.arrhenius_note = "not fitted in this test";
        }
        record.sweep.points.push_back(point);
    }
    return record;
}

// A stack sweep over the interphase thickness: every point with its ASR split per
// temperature (the second point's split lost, as for a point with sigma = 0).
SweepRecord sample_stack_sweep() {
    SweepRecord record = sample_sweep();
    record.sweep.axes = {{"lattice.layer.interphase.thickness_nm", {0.4, 0.8}}};
    for (std::size_t i = 0; i < record.sweep.points.size(); ++i) {
        runs::SweepPoint& point = record.sweep.points[i];
        point.values = {0.4 * double(i + 1)};
        point.prediction.doping.reset();
        if (i == 1) continue;
        for (const runs::PredictionPoint& row : point.prediction.points) {
            runs::StackResistance r;
            r.temperature_K = row.temperature_K;
            r.length_nm = 1.4;
            r.asr_total_Ohm_cm2 = {3e-7 * 300 / row.temperature_K, 1e-8};
            r.layers.push_back({"electrolyte", 1.0, {0.5, 0.01}, {1.0, 0.1}, {1e-7, 1e-9}});
            r.layers.push_back({"interphase", 0.4, {0.4, 0.01}, {0.2, 0.02}, {1.5e-7, 2e-9}});
            r.asr_interfaces_Ohm_cm2 = {r.asr_total_Ohm_cm2.value - 2.5e-7, 1.1e-8};
            point.resistance.stack.push_back(r);
        }
    }
    return record;
}

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, separator)) parts.push_back(part);
    if (!text.empty() && text.back() == separator) parts.emplace_back();
    return parts;
}

// A fresh folder for the four files, removed with everything in it.
class SweepWriters : public testing::Test {
protected:
    void SetUp() override {
        folder_ = std::filesystem::temp_directory_path() /
                  ("ionhop-sweep-writers-" +
                   std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
        std::filesystem::remove_all(folder_);
        std::filesystem::create_directories(folder_);
    }
    void TearDown() override { std::filesystem::remove_all(folder_); }
    std::filesystem::path folder_;
};

TEST_F(SweepWriters, CsvHasAColumnPerAxisAndARowPerPointAndTemperature) {
    const auto path = folder_ / "sweep.csv";
    write_sweep_csv(sample_sweep(), path);
    EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
    std::vector<std::string> comments, rows;
    for (const std::string& line : split(read(path), '\n')) {
        if (line.empty()) continue;
        (line.front() == '#' ? comments : rows).push_back(line);
    }
    const std::string header = comments.empty() ? "" : comments.front();
    EXPECT_NE(header.find("ionhop test sweep: LLZO"), std::string::npos) << header;
    EXPECT_NE(header.find("seed 7"), std::string::npos) << header;
    bool has_command = false, has_axis = false;
    for (const std::string& c : comments) {
        has_command = has_command || c.find("ionhop sweep llzo --dopant Ga") != std::string::npos;
        has_axis = has_axis || c.find("# axis doping.per_formula_unit (per formula unit): 0.1 0.2") == 0;
    }
    EXPECT_TRUE(has_command);
    EXPECT_TRUE(has_axis);

    ASSERT_EQ(rows.size(), 5u);  // the column names, then 2 points x 2 temperatures
    const std::vector<std::string> columns = split(rows[0], ',');
    const std::vector<std::string> expected = {"doping.per_formula_unit",
                                               "mobile_per_formula_unit",
                                               "dopant_per_formula_unit",
                                               "temperature_K",
                                               "sigma_S_per_cm",
                                               "sigma_err_S_per_cm",
                                               "tracer_D_cm2_per_s",
                                               "tracer_D_err_cm2_per_s",
                                               "collective_D_cm2_per_s",
                                               "collective_D_err_cm2_per_s",
                                               "haven_ratio",
                                               "haven_ratio_err",
                                               "activation_energy_eV",
                                               "activation_energy_err_eV",
                                               "replicas",
                                               "events",
                                               "collective_from_lag_fit",
                                               "collective_converged"};
    EXPECT_EQ(columns, expected);
    for (std::size_t r = 1; r < rows.size(); ++r)
        EXPECT_EQ(split(rows[r], ',').size(), expected.size()) << rows[r];
    EXPECT_EQ(rows[1], "0.1,6.7,0.11,300,0.0003,3e-06,2e-08,1e-09,3e-08,2e-09,0.6,0.05,0.31,0.02,8,1000,0,1");
    EXPECT_EQ(rows[4], "0.2,6.4,0.21,600,0.0012,1.2e-05,2e-08,1e-09,3e-08,2e-09,0.6,0.05,,,8,1000,0,1");
}

TEST_F(SweepWriters, CsvLeavesTheDopantEmptyWithoutOne) {
    SweepRecord record = sample_sweep();
    for (runs::SweepPoint& point : record.sweep.points) point.prediction.doping.reset();
    const auto path = folder_ / "sweep.csv";
    write_sweep_csv(record, path);
    EXPECT_NE(read(path).find("\n0.1,6.7,,300,"), std::string::npos) << read(path);
}

TEST_F(SweepWriters, CsvHasTheStackResistanceColumnsAndLeavesThemEmptyWithoutASplit) {
    const auto path = folder_ / "sweep.csv";
    write_sweep_csv(sample_stack_sweep(), path);
    std::istringstream in(read(path));
    std::string line;
    std::vector<std::vector<std::string>> rows;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != '#') rows.push_back(split(line, ','));
    }
    ASSERT_EQ(rows.size(), 5u);  // header and 2 points x 2 temperatures
    const std::vector<std::string>& header = rows[0];
    const auto column = [&header](const std::string& name) {
        const auto found = std::find(header.begin(), header.end(), name);
        EXPECT_NE(found, header.end()) << name;
        return static_cast<std::size_t>(found - header.begin());
    };
    EXPECT_EQ(header.front(), "lattice.layer.interphase.thickness_nm");
    const std::size_t total = column("asr_total_Ohm_cm2"), layer = column("asr_interphase_Ohm_cm2"),
                      thickness = column("interphase_thickness_nm"),
                      rest = column("asr_interfaces_err_Ohm_cm2");
    EXPECT_EQ(header.size(), rest + 1);  // the interfaces close the row
    EXPECT_EQ(column("asr_electrolyte_err_Ohm_cm2"), column("asr_electrolyte_Ohm_cm2") + 1);
    for (const auto& row : rows) EXPECT_EQ(row.size(), header.size());
    EXPECT_DOUBLE_EQ(std::stod(rows[1][total]), 3e-7);    // first point, 300 K
    EXPECT_DOUBLE_EQ(std::stod(rows[2][total]), 1.5e-7);  // first point, 600 K
    EXPECT_DOUBLE_EQ(std::stod(rows[1][layer]), 1.5e-7);
    EXPECT_DOUBLE_EQ(std::stod(rows[1][thickness]), 0.4);
    EXPECT_EQ(rows[3][total], "");  // the second point has no split
    EXPECT_EQ(rows[4][rest], "");
    EXPECT_EQ(read(path).find("sigma_gb"), std::string::npos);  // no microstructure
}

TEST_F(SweepWriters, JsonHoldsTheAxesEveryPointAndItsSummary) {
    const auto path = folder_ / "sweep.json";
    write_sweep_json(sample_sweep(), path);
    const nlohmann::json json = nlohmann::json::parse(read(path));
    EXPECT_EQ(json["program"], "ionhop");
    EXPECT_EQ(json["version"], "test");
    EXPECT_EQ(json["command_line"], "ionhop sweep llzo --dopant Ga");
    EXPECT_EQ(json["config_file"], "[lattice]\nmaterial = \"llzo\"\n");
    EXPECT_EQ(json["units"]["sigma"], "S/cm");
    EXPECT_EQ(json["units"]["energy"], "eV");
    ASSERT_EQ(json["axes"].size(), 1u);
    EXPECT_EQ(json["axes"][0]["key"], "doping.per_formula_unit");
    EXPECT_EQ(json["axes"][0]["values"], (std::vector<double>{0.1, 0.2}));
    ASSERT_EQ(json["points"].size(), 2u);
    const nlohmann::json& first = json["points"][0];
    EXPECT_EQ(first["values"], (std::vector<double>{0.1}));
    EXPECT_EQ(first["ions"], 52);
    EXPECT_DOUBLE_EQ(first["mobile_per_formula_unit"].get<double>(), 6.7);
    EXPECT_DOUBLE_EQ(first["doping"]["per_formula_unit"].get<double>(), 0.11);
    EXPECT_EQ(first["doping"]["dopant"], "Ga");
    ASSERT_EQ(first["temperatures"].size(), 2u);
    EXPECT_DOUBLE_EQ(first["temperatures"][1]["temperature_K"].get<double>(), 600);
    EXPECT_DOUBLE_EQ(first["temperatures"][1]["sigma_S_per_cm"]["value"].get<double>(), 6e-4);
    EXPECT_DOUBLE_EQ(first["arrhenius"]["activation_energy_eV"]["value"].get<double>(), 0.31);
    EXPECT_EQ(first["lattice_file"], "format = \"ionhop-lattice/1\"\n");
    EXPECT_EQ(first["settings"]["seed"], 7);
    EXPECT_DOUBLE_EQ(first["summary"]["temperature_K"].get<double>(), 300);
    EXPECT_DOUBLE_EQ(first["summary"]["sigma_S_per_cm"]["value"].get<double>(), 3e-4);
    EXPECT_DOUBLE_EQ(first["summary"]["sigma_S_per_cm"]["standard_error"].get<double>(), 3e-6);
    EXPECT_DOUBLE_EQ(first["summary"]["activation_energy_eV"]["standard_error"].get<double>(), 0.02);
    const nlohmann::json& second = json["points"][1];
    EXPECT_EQ(second["arrhenius"]["note"], "not fitted in this test");
    EXPECT_TRUE(second["summary"]["activation_energy_eV"].is_null());
}

// A dataset of doubles, its shape and its "units" attribute, read with the HDF5 C API.
struct Dataset {
    std::vector<double> values;
    std::vector<hsize_t> shape;
    std::string units;
};

std::string text_attribute(hid_t object, const char* name) {
    const hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
    EXPECT_GE(attribute, 0) << name;
    const hid_t type = H5Aget_type(attribute);
    char* text = nullptr;
    H5Aread(attribute, type, &text);
    std::string result = text ? text : "";
    H5free_memory(text);
    H5Tclose(type);
    H5Aclose(attribute);
    return result;
}

double real_attribute(hid_t object, const char* name) {
    double value = std::nan("");
    const hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
    EXPECT_GE(attribute, 0) << name;
    H5Aread(attribute, H5T_NATIVE_DOUBLE, &value);
    H5Aclose(attribute);
    return value;
}

Dataset read_dataset(hid_t file, const char* name) {
    Dataset result;
    const hid_t data = H5Dopen2(file, name, H5P_DEFAULT);
    EXPECT_GE(data, 0) << name;
    const hid_t space = H5Dget_space(data);
    result.shape.resize(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, result.shape.data(), nullptr);
    result.values.resize(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
    H5Dread(data, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, result.values.data());
    result.units = text_attribute(data, "units");
    H5Sclose(space);
    H5Dclose(data);
    return result;
}

// Equal but for rounding (the sample values are products of decimals).
void expect_values(const std::vector<double>& actual, const std::vector<double>& expected) {
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) EXPECT_DOUBLE_EQ(actual[i], expected[i]) << i;
}

TEST_F(SweepWriters, JsonAndHdf5HoldEachPointsStackResistance) {
    const SweepRecord record = sample_stack_sweep();
    write_sweep_json(record, folder_ / "sweep.json");
    const auto json = nlohmann::json::parse(read(folder_ / "sweep.json"));
    EXPECT_EQ(json["axes"][0]["units"], "nm");
    const auto& split = json["points"][0]["stack_resistance"];
    ASSERT_EQ(split.size(), 2u);
    EXPECT_EQ(split[1]["temperature_K"], 600.0);
    EXPECT_EQ(split[0]["layers"][1]["name"], "interphase");
    EXPECT_DOUBLE_EQ(split[0]["asr_total_Ohm_cm2"]["value"].get<double>(), 3e-7);
    EXPECT_FALSE(json["points"][1].contains("stack_resistance"));

    const auto path = folder_ / "sweep.h5";
    write_sweep_hdf5(record, path);
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    const Dataset total = read_dataset(file, "/points/0/stack_resistance/asr_total");
    expect_values(total.values, {3e-7, 1.5e-7});
    EXPECT_EQ(total.units, "Ohm cm^2");
    expect_values(read_dataset(file, "/points/0/stack_resistance/layers/interphase/asr").values,
                  {1.5e-7, 1.5e-7});
    EXPECT_EQ(H5Lexists(file, "/points/1/stack_resistance", H5P_DEFAULT), 0);
    H5Fclose(file);
}

TEST_F(SweepWriters, Hdf5HoldsTheSummaryOverPointsWithUnits) {
    const auto path = folder_ / "sweep.h5";
    write_sweep_hdf5(sample_sweep(), path);
    EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    EXPECT_EQ(text_attribute(file, "schema").rfind("ionhop-sweep/1", 0), 0u);
    EXPECT_EQ(text_attribute(file, "config_file"), "[lattice]\nmaterial = \"llzo\"\n");

    const Dataset values = read_dataset(file, "/summary/values");
    EXPECT_EQ(values.values, (std::vector<double>{0.1, 0.2}));
    EXPECT_EQ(values.shape, (std::vector<hsize_t>{2, 1}));
    EXPECT_EQ(values.units, "per formula unit");
    const Dataset sigma = read_dataset(file, "/summary/sigma_first_T");
    expect_values(sigma.values, {3e-4, 6e-4});
    EXPECT_EQ(sigma.units, "S/cm");
    const hid_t sigma_data = H5Dopen2(file, "/summary/sigma_first_T", H5P_DEFAULT);
    EXPECT_EQ(real_attribute(sigma_data, "temperature_K"), 300.0);
    H5Dclose(sigma_data);
    expect_values(read_dataset(file, "/summary/sigma_first_T_err").values, {3e-6, 6e-6});
    const Dataset energy = read_dataset(file, "/summary/activation_energy_eV");
    ASSERT_EQ(energy.values.size(), 2u);
    EXPECT_EQ(energy.values[0], 0.31);
    EXPECT_TRUE(std::isnan(energy.values[1]));  // no fit
    EXPECT_EQ(energy.units, "eV");
    expect_values(read_dataset(file, "/summary/dopant_per_formula_unit").values, {0.11, 0.21});
    EXPECT_EQ(read_dataset(file, "/summary/mobile_per_formula_unit").units, "per formula unit");
    EXPECT_EQ(read_dataset(file, "/axes/values/0").values, (std::vector<double>{0.1, 0.2}));

    const Dataset temperatures = read_dataset(file, "/points/1/temperature_K");
    EXPECT_EQ(temperatures.values, (std::vector<double>{300, 600}));
    EXPECT_EQ(temperatures.units, "K");
    expect_values(read_dataset(file, "/points/1/sigma").values, {6e-4, 1.2e-3});
    EXPECT_EQ(read_dataset(file, "/points/1/replicas").values, (std::vector<double>{8, 8}));
    const hid_t point = H5Gopen2(file, "/points/1", H5P_DEFAULT);
    EXPECT_EQ(real_attribute(point, "doping.per_formula_unit"), 0.2);
    H5Gclose(point);
    EXPECT_GT(H5Aexists_by_name(file, "/points/1/arrhenius", "note", H5P_DEFAULT), 0);
    EXPECT_GT(H5Aexists_by_name(file, "/points/0/arrhenius", "activation_energy_eV", H5P_DEFAULT), 0);
    H5Fclose(file);
}

TEST_F(SweepWriters, PlotIsAnSvg) {
    const auto path = folder_ / "sweep.svg";
    write_sweep_plot(sample_sweep(), path);
    EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
    const std::string text = read(path);
    EXPECT_TRUE(text.rfind("<?xml", 0) == 0 || text.find("<svg") != std::string::npos) << text.substr(0, 200);
}

TEST_F(SweepWriters, PlotOfAStackSweepAddsAPanelOfItsResistance) {
    write_sweep_plot(sample_sweep(), folder_ / "dopant.svg");
    write_sweep_plot(sample_stack_sweep(), folder_ / "stack.svg");
    // 450 pixels per panel: sigma and E_a, and for the stack its ASR.
    EXPECT_NE(read(folder_ / "dopant.svg").find("height=\"900\""), std::string::npos);
    EXPECT_NE(read(folder_ / "stack.svg").find("height=\"1350\""), std::string::npos);
}

TEST_F(SweepWriters, PlotDrawsOneSeriesPerValueOfTheOtherAxes) {
    SweepRecord record = sample_sweep();
    record.sweep.axes.push_back({"run.seed", {1, 2}});
    std::vector<runs::SweepPoint> points;
    for (const runs::SweepPoint& point : record.sweep.points) {
        for (const double seed : {1.0, 2.0}) {
            points.push_back(point);
            points.back().values.push_back(seed);
        }
    }
    record.sweep.points = points;
    const auto path = folder_ / "sweep.svg";
    write_sweep_plot(record, path);
    EXPECT_NE(read(path).find("<svg"), std::string::npos);
}

TEST_F(SweepWriters, PlotWithoutPositiveConductivityDrawsTheActivationEnergyAlone) {
    SweepRecord record = sample_sweep();
    for (runs::SweepPoint& point : record.sweep.points)
        point.prediction.points.front().estimate.sigma = {0, 0};
    const auto path = folder_ / "sweep.svg";
    write_sweep_plot(record, path);
    EXPECT_NE(read(path).find("<svg"), std::string::npos);
}

TEST_F(SweepWriters, PlotWithoutConductivityOrFitIsAClearError) {
    SweepRecord record = sample_sweep();
    for (runs::SweepPoint& point : record.sweep.points) {
        for (runs::PredictionPoint& row : point.prediction.points) row.estimate.sigma = {0.0, 0.0};
        point.prediction.arrhenius.reset();
    }
    const auto path = folder_ / "sweep.svg";
    EXPECT_THROW(write_sweep_plot(record, path), Error);
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
}

TEST_F(SweepWriters, UnwritablePathIsAClearErrorAndLeavesNoFile) {
    const SweepRecord record = sample_sweep();
    const std::filesystem::path missing = folder_ / "missing-dir";
    for (const char* name : {"out.csv", "out.json", "out.h5", "out.svg"}) {
        const std::filesystem::path path = missing / name;
        try {
            const std::string extension = path.extension().string();
            if (extension == ".csv") write_sweep_csv(record, path);
            if (extension == ".json") write_sweep_json(record, path);
            if (extension == ".h5") write_sweep_hdf5(record, path);
            if (extension == ".svg") write_sweep_plot(record, path);
            ADD_FAILURE() << name << ": no error";
        } catch (const Error& error) {
            EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
        }
        EXPECT_FALSE(std::filesystem::exists(path)) << name;
        EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial")) << name;
    }
}

}  // namespace
}  // namespace ionhop::outputs
