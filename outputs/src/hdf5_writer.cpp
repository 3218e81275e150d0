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

void write_point(hid_t points, std::size_t index, const runs::PredictionPoint& point) {
    Handle g = group(points, std::to_string(index));
    const engine::TransportEstimate& e = point.estimate;
    real_attribute(g, "temperature_K", point.temperature_K);
    integer_attribute(g, "events", static_cast<long long>(e.total_events));
    real_attribute(g, "wall_time_s", e.wall_time_s);
    integer_attribute(g, "target_reached", e.target_reached ? 1 : 0);
    integer_attribute(g, "collective_converged", e.collective_converged ? 1 : 0);
    integer_attribute(g, "collective_from_lag_fit", e.collective_from_lag_fit ? 1 : 0);
    real_attribute(g, "collective_D_windowed_cm2_per_s", e.collective_D_windowed.value);
    real_attribute(g, "collective_D_windowed_err_cm2_per_s", e.collective_D_windowed.standard_error);
    real_attribute(g, "collective_D_whole_run_cm2_per_s", e.collective_D_whole_run.value);
    real_attribute(g, "collective_D_whole_run_err_cm2_per_s", e.collective_D_whole_run.standard_error);
    if (e.has_lag_fit) {
        real_attribute(g, "collective_D_lag_fit_cm2_per_s", e.collective_D_lag_fit.value);
        real_attribute(g, "collective_D_lag_fit_err_cm2_per_s", e.collective_D_lag_fit.standard_error);
    }
    if (e.has_lag_fit_bend) {
        real_attribute(g, "collective_D_lag_fit_bend_cm2_per_s", e.collective_D_lag_fit_bend.value);
        real_attribute(g, "collective_D_lag_fit_bend_err_cm2_per_s",
                       e.collective_D_lag_fit_bend.standard_error);
    }
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
    std::vector<double> time, tracer, collective, net, events, wall;
    for (const engine::ReplicaResult& r : e.replicas) {
        for (const engine::MsdSample& sample : r.msd) {
            time.push_back(sample.time_s);
            for (double v : matrix_values(sample.tracer_A2)) tracer.push_back(v);
            for (double v : matrix_values(sample.collective_A2)) collective.push_back(v);
            for (int i = 0; i < 3; ++i) net.push_back(sample.net_displacement_A(i));
        }
        events.push_back(static_cast<double>(r.events));
        wall.push_back(r.wall_time_s);
    }
    dataset(msd, "time", time, {replicas, windows}, "s");
    dataset(msd, "tracer", tracer, {replicas, windows, 3, 3}, "A^2 per ion");
    dataset(msd, "collective", collective, {replicas, windows, 3, 3}, "A^2 per ion");
    dataset(msd, "net_displacement", net, {replicas, windows, 3}, "A (sum over ions)");
    vector_dataset(g, "replica_events", events, "events");
    vector_dataset(g, "replica_wall_time", wall, "s");
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
        write_resistance_split(results, record.resistance);
    });
}

}  // namespace ionhop::outputs
