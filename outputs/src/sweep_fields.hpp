#pragma once
// What the sweep writers share (sweep_*_writer.cpp, sweep_plot.cpp): the unit of an axis,
// read from its key, and the summary of one point (sigma at its first temperature, the
// activation energy, the realised dopant content), NaN where a value does not exist.
#include <limits>
#include <string>
#include <string_view>

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

}  // namespace ionhop::outputs::sweep_fields
