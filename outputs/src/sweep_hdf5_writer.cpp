// The sweep as HDF5 (schema "ionhop-sweep/1", docs/output-format.md): the axes, a summary
// over points (one value per point: ready to plot against the axes) and, per point, its
// axis values, composition, table of temperatures, Arrhenius fit and resistance splits. Every dataset has a
// "units" attribute.
#include <hdf5.h>

#include <filesystem>
#include <string>
#include <vector>

#include "hdf5_fields.hpp"
#include "ionhop/outputs/sweep_record.hpp"
#include "sweep_fields.hpp"

namespace ionhop::outputs {
namespace {

using namespace hdf5_fields;

void write_axes(hid_t file, const std::vector<runs::SweepAxis>& axes) {
    Handle group_axes = group(file, "axes");
    std::vector<std::string> keys;
    for (const runs::SweepAxis& axis : axes) keys.push_back(axis.key);
    string_list(group_axes, "keys", keys, "config keys");
    Handle values = group(group_axes, "values");
    for (std::size_t i = 0; i < axes.size(); ++i) {
        const std::string name = std::to_string(i);
        vector_dataset(values, name, axes[i].values, sweep_fields::axis_units(axes[i].key));
        text_attribute(open_dataset(values, name), "key", axes[i].key);
    }
}

void write_summary(hid_t file, const runs::SweepResult& sweep) {
    sweep_fields::check_points(sweep, "");
    Handle summary = group(file, "summary");
    std::vector<double> values, mobile, dopant, sigma, sigma_err, energy, energy_err;
    for (const runs::SweepPoint& point : sweep.points) {
        const sweep_fields::PointSummary s = sweep_fields::summarize(point);
        values.insert(values.end(), point.values.begin(), point.values.end());
        mobile.push_back(point.prediction.mobile_per_formula_unit);
        dopant.push_back(s.dopant_per_formula_unit);
        sigma.push_back(s.sigma.value);
        sigma_err.push_back(s.sigma.standard_error);
        energy.push_back(s.activation_energy_eV.value);
        energy_err.push_back(s.activation_energy_eV.standard_error);
    }
    std::string value_units;
    for (const runs::SweepAxis& axis : sweep.axes)
        value_units += (value_units.empty() ? "" : "; ") + sweep_fields::axis_units(axis.key);
    dataset(summary, "values", values, {sweep.points.size(), sweep.axes.size()}, value_units);
    vector_dataset(summary, "mobile_per_formula_unit", mobile, "per formula unit");
    vector_dataset(summary, "dopant_per_formula_unit", dopant, "per formula unit");
    const double first_temperature = sweep.points.empty()
                                         ? sweep_fields::PointSummary::none
                                         : sweep_fields::summarize(sweep.points.front()).temperature_K;
    const auto sigma_dataset = [&](const std::string& name, const std::vector<double>& column) {
        vector_dataset(summary, name, column, "S/cm");
        real_attribute(open_dataset(summary, name), "temperature_K", first_temperature);
    };
    sigma_dataset("sigma_first_T", sigma);
    sigma_dataset("sigma_first_T_err", sigma_err);
    vector_dataset(summary, "activation_energy_eV", energy, "eV");
    vector_dataset(summary, "activation_energy_err_eV", energy_err, "eV");
}

void write_point(hid_t points, std::size_t index, const std::vector<runs::SweepAxis>& axes,
                 const runs::SweepPoint& point) {
    const runs::Prediction& p = point.prediction;
    Handle g = group(points, std::to_string(index));
    for (std::size_t a = 0; a < axes.size(); ++a) real_attribute(g, axes[a].key, point.values[a]);
    composition_attributes(g, p);
    integer_attribute(g, "seed", static_cast<long long>(point.settings.seed));
    text_attribute(g, "lattice_file", point.lattice_text);
    table_datasets(g, p);
    std::vector<double> replicas, events;
    for (const runs::PredictionPoint& row : p.points) {
        replicas.push_back(static_cast<double>(row.estimate.replicas.size()));
        events.push_back(static_cast<double>(row.estimate.total_events));
    }
    vector_dataset(g, "replicas", replicas, "replicas");
    vector_dataset(g, "events", events, "events");
    write_arrhenius(g, p);
    write_resistance_split(g, point.resistance);
}

}  // namespace

void write_sweep_hdf5(const SweepRecord& record, const std::filesystem::path& path) {
    write_file(path, [&record](hid_t file) {
        text_attribute(file, "program", "ionhop");
        text_attribute(file, "version", record.program_version);
        text_attribute(file, "schema", "ionhop-sweep/1 (docs/output-format.md)");
        text_attribute(file, "command_line", record.command_line);
        text_attribute(file, "config_file", record.config_text);
        write_axes(file, record.sweep.axes);
        write_summary(file, record.sweep);
        Handle points = group(file, "points");
        for (std::size_t i = 0; i < record.sweep.points.size(); ++i)
            write_point(points, i, record.sweep.axes, record.sweep.points[i]);
    });
}

}  // namespace ionhop::outputs
