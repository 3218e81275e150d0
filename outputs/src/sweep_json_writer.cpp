// The sweep as JSON: the axes, then per point its axis values, the prediction (as in the
// JSON of `ionhop predict`, the temperatures under "temperatures"), a summary (sigma at
// the first temperature, E_a), its resistance splits (layer stacks, microstructures) and
// the lattice file it ran; the config echoed.
#include <cmath>
#include <nlohmann/json.hpp>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/outputs/sweep_record.hpp"
#include "json_fields.hpp"
#include "sweep_fields.hpp"

namespace ionhop::outputs {
namespace {

using namespace json_fields;

// A measurement, or null when it does not exist (NaN).
json optional_measurement(const engine::Measurement& m) {
    return std::isnan(m.value) ? json(nullptr) : measurement(m);
}

json summary_json(const runs::SweepPoint& point) {
    const sweep_fields::PointSummary summary = sweep_fields::summarize(point);
    return {
        {"temperature_K", std::isnan(summary.temperature_K) ? json(nullptr) : json(summary.temperature_K)},
        {"sigma_S_per_cm", optional_measurement(summary.sigma)},
        {"activation_energy_eV", optional_measurement(summary.activation_energy_eV)}};
}

}  // namespace

void write_sweep_json(const SweepRecord& record, const std::filesystem::path& path) {
    json axes = json::array();
    for (const runs::SweepAxis& axis : record.sweep.axes) {
        axes.push_back(
            {{"key", axis.key}, {"values", axis.values}, {"units", sweep_fields::axis_units(axis.key)}});
    }
    json points = json::array();
    for (const runs::SweepPoint& point : record.sweep.points) {
        json object = prediction_json(point.prediction, "temperatures");
        object.update({{"values", point.values},
                       {"settings", settings_json(point.settings)},
                       {"summary", summary_json(point)},
                       {"lattice_file", point.lattice_text}});
        add_resistance_split(object, point.resistance);
        points.push_back(std::move(object));
    }
    const json document = {{"program", "ionhop"},
                           {"version", record.program_version},
                           {"command_line", record.command_line},
                           {"units", units_json()},
                           {"config_file", record.config_text},
                           {"axes", std::move(axes)},
                           {"points", std::move(points)}};
    write_file_atomically(path, document.dump(2) + "\n");
}

}  // namespace ionhop::outputs
