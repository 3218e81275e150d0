// The sweep table: one row per point and temperature, a column per axis (named by its
// key) first; the header names every unit; comment lines (#) carry the version, the
// command line, the axes and the seed.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/outputs/sweep_record.hpp"
#include "sweep_fields.hpp"

namespace ionhop::outputs {
namespace {

// A cell that stays empty for a value that does not exist (NaN).
void cell(std::ostream& out, double value) {
    out << ',';
    if (!std::isnan(value)) out << value;
}

}  // namespace

void write_sweep_csv(const SweepRecord& record, const std::filesystem::path& path) {
    const runs::SweepResult& sweep = record.sweep;
    sweep_fields::check_points(sweep, path.string() + ": ");  // a column per axis
    std::ostringstream out;
    out << std::setprecision(10);
    out << "# ionhop " << record.program_version << " sweep";
    if (!sweep.points.empty()) {
        const runs::SweepPoint& first = sweep.points.front();
        const bool one_seed = std::all_of(sweep.points.begin(), sweep.points.end(), [&first](const auto& p) {
            return p.settings.seed == first.settings.seed;
        });
        out << ": " << first.prediction.material << ", " << sweep.points.size() << " points, seed ";
        if (one_seed) {
            out << first.settings.seed;
        } else {
            out << "per point (an axis)";
        }
    }
    out << '\n';
    out << "# command line: " << record.command_line << '\n';
    for (const runs::SweepAxis& axis : sweep.axes) {
        out << "# axis " << axis.key << " (" << sweep_fields::axis_units(axis.key) << "):";
        for (const double v : axis.values) out << ' ' << v;
        out << '\n';
    }
    out << "# dopant_per_formula_unit: realised in the supercell; activation_energy_eV: the Arrhenius fit "
           "of the point (empty without one)\n";
    const sweep_fields::SplitColumns splits(sweep);
    if (!splits.layers.empty()) {
        out << "# asr_*: the layer stack's area-specific resistance along x: total L/sigma_xx, each layer "
               "alone at its occupancy in the stack, interfaces the rest\n";
    }
    if (splits.grain_boundaries) {
        out << "# sigma_bulk, asr_per_boundary, sigma_gb: the brick-layer split, 1/sigma = 1/sigma_bulk + "
               "R_gb/d, sigma_gb = width / R_gb\n";
    }

    for (const runs::SweepAxis& axis : sweep.axes) out << axis.key << ',';
    out << "mobile_per_formula_unit,dopant_per_formula_unit,temperature_K,sigma_S_per_cm,sigma_err_S_per_cm,"
           "tracer_D_cm2_per_s,tracer_D_err_cm2_per_s,collective_D_cm2_per_s,collective_D_err_cm2_per_s,"
           "haven_ratio,haven_ratio_err,activation_energy_eV,activation_energy_err_eV,replicas,events,"
           "collective_from_lag_fit,collective_converged";
    for (const std::string& name : splits.names()) out << ',' << name;
    out << '\n';
    for (const runs::SweepPoint& point : sweep.points) {
        const sweep_fields::PointSummary summary = sweep_fields::summarize(point);
        for (std::size_t t = 0; t < point.prediction.points.size(); ++t) {
            const runs::PredictionPoint& row = point.prediction.points[t];
            const engine::TransportEstimate& e = row.estimate;
            for (const double v : point.values) out << v << ',';
            out << point.prediction.mobile_per_formula_unit;
            cell(out, summary.dopant_per_formula_unit);
            for (const double v :
                 {row.temperature_K, e.sigma.value, e.sigma.standard_error, e.tracer_D.value,
                  e.tracer_D.standard_error, e.collective_D.value, e.collective_D.standard_error,
                  e.haven_ratio.value, e.haven_ratio.standard_error, summary.activation_energy_eV.value,
                  summary.activation_energy_eV.standard_error})
                cell(out, v);
            out << ',' << e.replicas.size() << ',' << e.total_events << ','
                << (e.collective_from_lag_fit ? 1 : 0) << ',' << (e.collective_converged ? 1 : 0);
            for (const double v : splits.values(point, t)) cell(out, v);
            out << '\n';
        }
    }
    write_file_atomically(path, out.str());
}

}  // namespace ionhop::outputs
