// The HDF5 results file (schema: docs/output-format.md): the table, the Arrhenius fit and,
// per temperature, tensors, occupancies and every replica's MSD windows, each dataset
// with a "units" attribute; the input (settings, lattice file, command line) alongside.
#include <hdf5.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/outputs/run_record.hpp"

namespace ionhop::outputs {
namespace {

// Owns one HDF5 identifier and closes it with the matching call.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close) {
        if (id_ < 0) throw Error("HDF5: cannot create " + what);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { close_(id_); }
    operator hid_t() const { return id_; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

void check(herr_t status, const std::string& what) {
    if (status < 0) throw Error("HDF5: cannot write " + what);
}

Handle group(hid_t parent, const std::string& name) {
    return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                  "group " + name);
}

// Variable-length UTF-8, so h5py reads str rather than bytes.
void text_attribute(hid_t object, const std::string& name, const std::string& value) {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
    check(H5Tset_size(type, H5T_VARIABLE), "string size");
    check(H5Tset_cset(type, H5T_CSET_UTF8), "string encoding");
    Handle space(H5Screate(H5S_SCALAR), H5Sclose, "scalar space");
    Handle attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                     "attribute " + name);
    const char* text = value.c_str();
    check(H5Awrite(attribute, type, &text), "attribute " + name);
}

template <typename T>
void number_attribute(hid_t object, const std::string& name, T value, hid_t type) {
    Handle space(H5Screate(H5S_SCALAR), H5Sclose, "scalar space");
    Handle attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                     "attribute " + name);
    check(H5Awrite(attribute, type, &value), "attribute " + name);
}

void real_attribute(hid_t object, const std::string& name, double value) {
    number_attribute(object, name, value, H5T_NATIVE_DOUBLE);
}

void integer_attribute(hid_t object, const std::string& name, long long value) {
    number_attribute(object, name, value, H5T_NATIVE_LLONG);
}

void dataset(hid_t parent, const std::string& name, const std::vector<double>& values,
             const std::vector<hsize_t>& shape, const std::string& units) {
    Handle space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), H5Sclose,
                 "space of " + name);
    Handle data(
        H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        H5Dclose, "dataset " + name);
    if (!values.empty())
        check(H5Dwrite(data, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name);
    text_attribute(data, "units", units);
}

void vector_dataset(hid_t parent, const std::string& name, const std::vector<double>& values,
                    const std::string& units) {
    dataset(parent, name, values, {values.size()}, units);
}

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

void string_list(hid_t parent, const std::string& name, const std::vector<std::string>& items) {
    std::vector<const char*> texts;
    for (const std::string& item : items) texts.push_back(item.c_str());
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
    check(H5Tset_size(type, H5T_VARIABLE), "string size");
    check(H5Tset_cset(type, H5T_CSET_UTF8), "string encoding");
    const hsize_t count = items.size();
    Handle space(H5Screate_simple(1, &count, nullptr), H5Sclose, "space of " + name);
    Handle data(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                H5Dclose, "dataset " + name);
    if (!items.empty()) check(H5Dwrite(data, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()), name);
}

void write_input(hid_t file, const RunRecord& record) {
    Handle input = group(file, "input");
    const runs::PredictionSettings& s = record.settings;
    text_attribute(input, "command_line", record.command_line);
    text_attribute(input, "lattice_file", record.lattice_text);
    if (!record.config_text.empty()) text_attribute(input, "config_file", record.config_text);
    integer_attribute(input, "seed", static_cast<long long>(s.seed));
    real_attribute(input, "target_relative_error", s.target_relative_error);
    integer_attribute(input, "min_replicas", s.min_replicas);
    integer_attribute(input, "max_replicas", s.max_replicas);
    integer_attribute(input, "events_per_ion", static_cast<long long>(s.events_per_ion));
    vector_dataset(input, "temperatures_K", s.temperatures_K, "K");
}

void write_table(hid_t results, const runs::Prediction& p) {
    Handle table = group(results, "table");
    std::vector<double> t, sigma, sigma_err, tracer, tracer_err, collective, collective_err, haven, haven_err;
    for (const runs::PredictionPoint& point : p.points) {
        const engine::TransportEstimate& e = point.estimate;
        t.push_back(point.temperature_K);
        sigma.push_back(e.sigma.value);
        sigma_err.push_back(e.sigma.standard_error);
        tracer.push_back(e.tracer_D.value);
        tracer_err.push_back(e.tracer_D.standard_error);
        collective.push_back(e.collective_D.value);
        collective_err.push_back(e.collective_D.standard_error);
        haven.push_back(e.haven_ratio.value);
        haven_err.push_back(e.haven_ratio.standard_error);
    }
    vector_dataset(table, "temperature_K", t, "K");
    vector_dataset(table, "sigma", sigma, "S/cm");
    vector_dataset(table, "sigma_err", sigma_err, "S/cm");
    vector_dataset(table, "tracer_D", tracer, "cm^2/s");
    vector_dataset(table, "tracer_D_err", tracer_err, "cm^2/s");
    vector_dataset(table, "collective_D", collective, "cm^2/s");
    vector_dataset(table, "collective_D_err", collective_err, "cm^2/s");
    vector_dataset(table, "haven_ratio", haven, "1");
    vector_dataset(table, "haven_ratio_err", haven_err, "1");
}

void write_arrhenius(hid_t results, const runs::Prediction& p) {
    Handle arrhenius = group(results, "arrhenius");
    text_attribute(arrhenius, "model",
                   "sigma*T = A exp(-E_a / (k_B T)), weighted least squares of ln(sigma T)");
    if (!p.arrhenius) {
        text_attribute(arrhenius, "note", p.arrhenius_note);
        return;
    }
    const engine::ArrheniusFit& fit = *p.arrhenius;
    real_attribute(arrhenius, "activation_energy_eV", fit.activation_energy_eV.value);
    real_attribute(arrhenius, "activation_energy_err_eV", fit.activation_energy_eV.standard_error);
    real_attribute(arrhenius, "prefactor_S_K_per_cm", fit.prefactor_S_K_per_cm);
    real_attribute(arrhenius, "ln_prefactor", fit.log_prefactor.value);
    real_attribute(arrhenius, "ln_prefactor_err", fit.log_prefactor.standard_error);
    real_attribute(arrhenius, "chi2", fit.chi2);
    integer_attribute(arrhenius, "degrees_of_freedom", fit.degrees_of_freedom);
    integer_attribute(arrhenius, "curvature_detected", fit.curvature_detected ? 1 : 0);
    if (fit.regime_break_K > 0.0) {
        real_attribute(arrhenius, "regime_break_K", fit.regime_break_K);
        real_attribute(arrhenius, "low_T_activation_energy_eV", fit.low_T_activation_energy_eV.value);
        real_attribute(arrhenius, "low_T_activation_energy_err_eV",
                       fit.low_T_activation_energy_eV.standard_error);
        real_attribute(arrhenius, "high_T_activation_energy_eV", fit.high_T_activation_energy_eV.value);
        real_attribute(arrhenius, "high_T_activation_energy_err_eV",
                       fit.high_T_activation_energy_eV.standard_error);
    }
}

void write_point(hid_t points, std::size_t index, const runs::PredictionPoint& point) {
    Handle g = group(points, std::to_string(index));
    const engine::TransportEstimate& e = point.estimate;
    real_attribute(g, "temperature_K", point.temperature_K);
    integer_attribute(g, "events", static_cast<long long>(e.total_events));
    real_attribute(g, "wall_time_s", e.wall_time_s);
    integer_attribute(g, "target_reached", e.target_reached ? 1 : 0);
    tensor_datasets(g, "sigma_tensor", e.sigma_S_per_cm, "S/cm");
    tensor_datasets(g, "tracer_D_tensor", e.tracer_D_cm2_per_s, "cm^2/s");
    tensor_datasets(g, "collective_D_tensor", e.collective_D_cm2_per_s, "cm^2/s");
    string_list(g, "site_classes", e.class_names);
    std::vector<double> occupancy, occupancy_err;
    for (const engine::Measurement& m : e.class_occupancy) {
        occupancy.push_back(m.value);
        occupancy_err.push_back(m.standard_error);
    }
    vector_dataset(g, "site_class_occupancy", occupancy, "fraction of sites occupied");
    vector_dataset(g, "site_class_occupancy_err", occupancy_err, "fraction of sites occupied");

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

}  // namespace

void write_hdf5(const RunRecord& record, const std::filesystem::path& path) {
    const std::filesystem::path temporary = partial_path(path);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become ionhop::Error, not stderr dumps
    try {
        Handle file(H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                    "file " + path.string());
        const runs::Prediction& p = record.prediction;
        text_attribute(file, "program", "ionhop");
        text_attribute(file, "version", record.program_version);
        text_attribute(file, "schema", "ionhop-results/1 (docs/output-format.md)");
        text_attribute(file, "material", p.material);
        integer_attribute(file, "ions", static_cast<long long>(p.ions));
        integer_attribute(file, "sites", static_cast<long long>(p.sites));
        real_attribute(file, "mobile_per_formula_unit", p.mobile_per_formula_unit);
        if (p.doping) {
            text_attribute(file, "dopant", p.doping->dopant);
            text_attribute(file, "dopant_host", p.doping->host);
            real_attribute(file, "dopant_per_formula_unit", p.doping->per_formula_unit);
            integer_attribute(file, "dopant_count", static_cast<long long>(p.doping->count));
            integer_attribute(file, "dopant_mobile_change", p.doping->mobile_change);
        }
        dataset(file, "supercell",
                {double(p.repetitions[0]), double(p.repetitions[1]), double(p.repetitions[2])}, {3},
                "unit cells");
        write_input(file, record);
        Handle results = group(file, "results");
        write_table(results, p);
        write_arrhenius(results, p);
        Handle points = group(results, "points");
        for (std::size_t i = 0; i < p.points.size(); ++i) write_point(points, i, p.points[i]);
    } catch (const Error& error) {
        discard_partial_file(path);
        throw Error(path.string() + ": " + error.what());
    }
    publish_partial_file(path);
}

}  // namespace ionhop::outputs
