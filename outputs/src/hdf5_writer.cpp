// The HDF5 results file (schema: docs/output-format.md): the table, the Arrhenius fit and,
// per temperature, tensors, occupancies and every replica's MSD windows, each dataset
// with a "units" attribute; the input (settings, lattice file, command line) alongside.
#include <hdf5.h>

#include <filesystem>
#include <string>
#include <vector>

#include "hdf5_fields.hpp"
#include "ionhop/outputs/run_record.hpp"

namespace ionhop::outputs {
namespace {

using namespace hdf5_fields;

std::vector<double> matrix_values(const Eigen::Matrix3d& m) {
    std::vector<double> values;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) values.push_back(m(i, j));
    return values;
}

void tensor_datasets(hid_t parent, const std::string& name, const engine::TensorMeasurement& t,
                     const std::string& units) {
    dataset(parent, name, matrix_values(t.value), {3, 3}, units);
    dataset(parent, name + "_err", matrix_values(t.standard_error), {3, 3}, units);
}

void write_input(hid_t file, const RunRecord& record) {
    Handle input = group(file, "input");
    const runs::PredictionSettings& s = record.settings;
    text_attribute(input, "command_line", record.command_line);
    text_attribute(input, "lattice_file", record.lattice_text);
    if (!record.config_text.empty()) text_attribute(input, "config_file", record.config_text);
    integer_attribute(input, "seed", static_cast<long long>(s.seed));
    integer_attribute(input, "acceleration", s.acceleration ? 1 : 0);
    real_attribute(input, "target_relative_error", s.target_relative_error);
    integer_attribute(input, "min_replicas", s.min_replicas);
    integer_attribute(input, "max_replicas", s.max_replicas);
    integer_attribute(input, "events_per_ion", static_cast<long long>(s.events_per_ion));
    vector_dataset(input, "temperatures_K", s.temperatures_K, "K");
}

// A measurement per row of `rows` as two datasets, `name` and `name_err`.
template <class Row, class Pick>
void measurement_column(hid_t parent, const std::string& name, const std::vector<Row>& rows, const Pick& pick,
                        const std::string& units) {
    std::vector<double> values, errors;
    for (const Row& row : rows) {
        const engine::Measurement m = pick(row);
        values.push_back(m.value);
        errors.push_back(m.standard_error);
    }
    vector_dataset(parent, name, values, units);
    vector_dataset(parent, name + "_err", errors, units);
}

template <class Row>
void temperature_column(hid_t parent, const std::vector<Row>& rows) {
    std::vector<double> temperatures;
    for (const Row& row : rows) temperatures.push_back(row.temperature_K);
    vector_dataset(parent, "temperature_K", temperatures, "K");
}

void write_point(hid_t points, std::size_t index, const runs::PredictionPoint& point) {
    Handle g = group(points, std::to_string(index));
    const engine::TransportEstimate& e = point.estimate;
    real_attribute(g, "temperature_K", point.temperature_K);
    integer_attribute(g, "events", static_cast<long long>(e.total_events));
    real_attribute(g, "wall_time_s", e.wall_time_s);
    integer_attribute(g, "target_reached", e.target_reached ? 1 : 0);
    integer_attribute(g, "collective_converged", e.collective_converged ? 1 : 0);
    integer_attribute(g, "events_per_ion", static_cast<long long>(point.events_per_ion));
    integer_attribute(g, "accelerated_replicas", static_cast<long long>(e.accelerated_replicas));
    real_attribute(g, "simulated_s_per_wall_s", e.simulated_s_per_wall_s);
    if (e.has_field) {
        real_attribute(g, "drift_sigma_S_per_cm", e.drift_sigma.value);
        real_attribute(g, "drift_sigma_err_S_per_cm", e.drift_sigma.standard_error);
    }
    tensor_datasets(g, "sigma_tensor", e.sigma_S_per_cm, "S/cm");
    tensor_datasets(g, "tracer_D_tensor", e.tracer_D_cm2_per_s, "cm^2/s");
    tensor_datasets(g, "collective_D_tensor", e.collective_D_cm2_per_s, "cm^2/s");
    string_list(g, "site_classes", e.class_names);
    const auto same = [](const engine::Measurement& m) { return m; };
    measurement_column(g, "site_class_occupancy", e.class_occupancy, same, "fraction of sites occupied");
    if (!e.bin_occupancy.empty()) {
        measurement_column(g, "profile_occupancy", e.bin_occupancy, same, "fraction of sites occupied");
    }

    // Every replica's MSD at the end of each window (windows differ slightly in length
    // between replicas: each sets its production time from its own equilibration rate).
    Handle msd = group(g, "msd");
    const hsize_t replicas = e.replicas.size();
    const hsize_t windows = replicas ? e.replicas.front().msd.size() : 0;
    std::vector<double> time, tracer, collective, events, wall;
    for (const engine::ReplicaResult& r : e.replicas) {
        for (const engine::MsdSample& sample : r.msd) {
            time.push_back(sample.time_s);
            for (double v : matrix_values(sample.tracer_A2)) tracer.push_back(v);
            for (double v : matrix_values(sample.collective_A2)) collective.push_back(v);
        }
        events.push_back(static_cast<double>(r.events));
        wall.push_back(r.wall_time_s);
    }
    dataset(msd, "time", time, {replicas, windows}, "s");
    dataset(msd, "tracer", tracer, {replicas, windows, 3, 3}, "A^2 per ion");
    dataset(msd, "collective", collective, {replicas, windows, 3, 3}, "A^2 per ion");
    vector_dataset(g, "replica_events", events, "events");
    vector_dataset(g, "replica_wall_time", wall, "s");
}

// /results/stack_resistance: the series split of a layer stack's resistance, over T.
void write_stack_resistance(hid_t results, const std::vector<runs::StackResistance>& split) {
    Handle g = group(results, "stack_resistance");
    temperature_column(g, split);
    real_attribute(g, "length_nm", split.front().length_nm);
    measurement_column(
        g, "asr_total", split, [](const auto& r) { return r.asr_total_Ohm_cm2; }, "Ohm cm^2");
    measurement_column(
        g, "asr_interfaces", split, [](const auto& r) { return r.asr_interfaces_Ohm_cm2; }, "Ohm cm^2");
    measurement_column(
        g, "sigma_xx", split, [](const auto& r) { return r.sigma_xx_S_per_cm; }, "S/cm");
    Handle layers = group(g, "layers");
    for (std::size_t k = 0; k < split.front().layers.size(); ++k) {
        Handle layer = group(layers, split.front().layers[k].name);
        real_attribute(layer, "thickness_nm", split.front().layers[k].thickness_nm);
        measurement_column(
            layer, "asr", split, [k](const auto& r) { return r.layers[k].asr_Ohm_cm2; }, "Ohm cm^2");
        measurement_column(
            layer, "sigma", split, [k](const auto& r) { return r.layers[k].sigma_S_per_cm; }, "S/cm");
        measurement_column(
            layer, "occupancy", split, [k](const auto& r) { return r.layers[k].occupancy; },
            "fraction of sites");
    }
}

// /results/grain_boundary_resistance: the brick-layer split of a microstructure, over T.
void write_grain_boundary_resistance(hid_t results, const std::vector<runs::GrainBoundaryResistance>& split) {
    Handle g = group(results, "grain_boundary_resistance");
    temperature_column(g, split);
    real_attribute(g, "grain_size_nm", split.front().grain_size_nm);
    real_attribute(g, "width_nm", split.front().width_nm);
    measurement_column(
        g, "sigma_total", split, [](const auto& r) { return r.sigma_total_S_per_cm; }, "S/cm");
    measurement_column(
        g, "sigma_bulk", split, [](const auto& r) { return r.sigma_bulk_S_per_cm; }, "S/cm");
    measurement_column(
        g, "asr_per_boundary", split, [](const auto& r) { return r.asr_per_boundary_Ohm_cm2; }, "Ohm cm^2");
    measurement_column(
        g, "sigma_gb", split, [](const auto& r) { return r.sigma_gb_S_per_cm; }, "S/cm");
}

}  // namespace

void write_hdf5(const RunRecord& record, const std::filesystem::path& path) {
    write_file(path, [&record](hid_t file) {
        const runs::Prediction& p = record.prediction;
        text_attribute(file, "program", "ionhop");
        text_attribute(file, "version", record.program_version);
        text_attribute(file, "schema", "ionhop-results/1 (docs/output-format.md)");
        composition_attributes(file, p);
        dataset(file, "supercell",
                {double(p.repetitions[0]), double(p.repetitions[1]), double(p.repetitions[2])}, {3},
                "unit cells");
        write_input(file, record);
        Handle results = group(file, "results");
        {
            Handle table = group(results, "table");
            table_datasets(table, p);
        }
        write_arrhenius(results, p);
        Handle points = group(results, "points");
        for (std::size_t i = 0; i < p.points.size(); ++i) write_point(points, i, p.points[i]);
        if (!p.profile_x_A.empty()) vector_dataset(results, "profile_x_A", p.profile_x_A, "A");
        if (!record.stack_resistance.empty()) write_stack_resistance(results, record.stack_resistance);
        if (!record.grain_boundary_resistance.empty()) {
            write_grain_boundary_resistance(results, record.grain_boundary_resistance);
        }
    });
}

}  // namespace ionhop::outputs
