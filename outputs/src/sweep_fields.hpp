#pragma once
// What the sweep writers share (sweep_*_writer.cpp, sweep_plot.cpp): the unit of an axis,
// read from its key, the summary of one point (sigma at its first temperature, the
// activation energy, the realised dopant content) and the columns of its resistance splits,
// NaN where a value does not exist.
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "ionhop/core/error.hpp"
#include "ionhop/runs/sweep.hpp"

namespace ionhop::outputs::sweep_fields {

// The unit of a config key, from its name ("..._eV": eV); "1" for counts and plain numbers.
inline std::string axis_units(std::string_view key) {
    const auto ends_with = [key](std::string_view suffix) { return key.ends_with(suffix); };
    if (ends_with("_eV")) return "eV";
    if (ends_with("_K")) return "K";
    if (ends_with("_Hz")) return "Hz";
    if (ends_with("_A")) return "Angstrom";
    if (ends_with("_nm")) return "nm";
    if (ends_with("per_formula_unit")) return "per formula unit";
    if (ends_with("per_cell")) return "per unit cell";
    if (ends_with("site_fraction")) return "fraction of sites";
    return "1";
}

// Throws ionhop::Error (its message starting with `where`) unless every point has one value
// per axis.
inline void check_points(const runs::SweepResult& sweep, const std::string& where) {
    for (const runs::SweepPoint& point : sweep.points) {
        if (point.values.size() != sweep.axes.size())
            throw Error(where + "a point has " + std::to_string(point.values.size()) + " values for " +
                        std::to_string(sweep.axes.size()) + " axes");
    }
}

struct PointSummary {
    static constexpr double none = std::numeric_limits<double>::quiet_NaN();
    double temperature_K = none;  // the first temperature of the point
    engine::Measurement sigma{none, none};
    engine::Measurement activation_energy_eV{none, none};
    double dopant_per_formula_unit = none;  // realised in the supercell
};

inline PointSummary summarize(const runs::SweepPoint& point) {
    const runs::Prediction& p = point.prediction;
    PointSummary summary;
    if (!p.points.empty()) {
        summary.temperature_K = p.points.front().temperature_K;
        summary.sigma = p.points.front().estimate.sigma;
    }
    if (p.arrhenius) summary.activation_energy_eV = p.arrhenius->activation_energy_eV;
    if (p.doping) summary.dopant_per_formula_unit = p.doping->per_formula_unit;
    return summary;
}

// The columns of the resistance splits in a sweep table: a layer stack's ASR (total, per
// layer with its realised thickness, interfaces) and a microstructure's brick-layer split,
// named after the first point that has each, so every point of one config has the same.
struct SplitColumns {
    std::vector<std::string> layers;  // stack layers, empty without a stack split
    bool grain_boundaries = false;

    explicit SplitColumns(const runs::SweepResult& sweep) {
        for (const runs::SweepPoint& point : sweep.points) {
            if (layers.empty() && !point.resistance.stack.empty()) {
                for (const runs::LayerResistance& layer : point.resistance.stack.front().layers)
                    layers.push_back(layer.name);
            }
            grain_boundaries = grain_boundaries || !point.resistance.grain_boundaries.empty();
        }
    }

    std::vector<std::string> names() const {
        std::vector<std::string> columns;
        const auto measured = [&columns](const std::string& name, const std::string& units) {
            columns.push_back(name + "_" + units);
            columns.push_back(name + "_err_" + units);
        };
        if (!layers.empty()) {
            measured("asr_total", "Ohm_cm2");
            for (const std::string& layer : layers) {
                columns.push_back(layer + "_thickness_nm");
                measured("asr_" + layer, "Ohm_cm2");
            }
            measured("asr_interfaces", "Ohm_cm2");
        }
        if (grain_boundaries) {
            columns.push_back("grain_size_nm");
            measured("sigma_bulk", "S_per_cm");
            measured("asr_per_boundary", "Ohm_cm2");
            measured("sigma_gb", "S_per_cm");
        }
        return columns;
    }

    // The values of names() at temperature `t` of `point`; NaN where the point has no split.
    std::vector<double> values(const runs::SweepPoint& point, std::size_t t) const {
        std::vector<double> row;
        const auto measured = [&row](const engine::Measurement& m) {
            row.push_back(m.value);
            row.push_back(m.standard_error);
        };
        const auto absent = [&row](std::size_t count) { row.insert(row.end(), count, PointSummary::none); };
        if (!layers.empty()) {
            const std::vector<runs::StackResistance>& stack = point.resistance.stack;
            if (t < stack.size() && stack[t].layers.size() == layers.size()) {
                measured(stack[t].asr_total_Ohm_cm2);
                for (const runs::LayerResistance& layer : stack[t].layers) {
                    row.push_back(layer.thickness_nm);
                    measured(layer.asr_Ohm_cm2);
                }
                measured(stack[t].asr_interfaces_Ohm_cm2);
            } else {
                absent(4 + 3 * layers.size());
            }
        }
        if (grain_boundaries) {
            const std::vector<runs::GrainBoundaryResistance>& split = point.resistance.grain_boundaries;
            if (t < split.size()) {
                row.push_back(split[t].grain_size_nm);
                measured(split[t].sigma_bulk_S_per_cm);
                measured(split[t].asr_per_boundary_Ohm_cm2);
                measured(split[t].sigma_gb_S_per_cm);
            } else {
                absent(7);
            }
        }
        return row;
    }
};

}  // namespace ionhop::outputs::sweep_fields
