// The sweep plot: log10 sigma at the first temperature (top), the activation energy and,
// for layer stacks and microstructures, log10 of the stack's total ASR or of one grain
// boundary's resistance at the first temperature, against the first axis, with
// standard-error bars, one colour per combination of the other axes' values; SVG drawn by
// PLplot (headless svg device). A panel without data (no positive sigma at the first
// temperature, no point with a fit, no split) is left out; with no panel there is nothing
// to plot and the writer throws ionhop::Error.
#include <plplot/plstream.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/outputs/sweep_record.hpp"
#include "plot_series.hpp"
#include "sweep_fields.hpp"

namespace ionhop::outputs {
namespace {

struct Marker {
    double x, y, low, high;  // the value and the ends of its error bar
};

// One quantity against the first axis, a curve (markers sorted by x) per series.
struct Panel {
    std::string y_label;
    std::string title;
    std::vector<std::vector<Marker>> curves;

    bool empty() const {
        return std::all_of(curves.begin(), curves.end(), [](const auto& c) { return c.empty(); });
    }
};

// A standard error that can be drawn: a missing or infinite one draws no bar.
double bar(double standard_error) { return std::isfinite(standard_error) ? standard_error : 0.0; }

// The panel over [x_min, x_max] (the first axis: the same in both panels), with room at
// the top for a legend of `legend_rows` rows.
void draw(plstream& pls, const Panel& panel, const std::string& x_label, double x_min, double x_max,
          std::size_t legend_rows) {
    double y_min = std::numeric_limits<double>::infinity(), y_max = -y_min;
    for (const auto& curve : panel.curves) {
        for (const Marker& m : curve) y_min = std::min(y_min, m.low), y_max = std::max(y_max, m.high);
    }
    const double x_pad = std::max(0.05 * (x_max - x_min), 0.05 * std::max(std::abs(x_max), 1.0)),
                 y_pad = std::max(0.08 * (y_max - y_min), 0.05),
                 legend_room = legend_rows ? (y_max - y_min + 2 * y_pad) * (0.05 + 0.09 * legend_rows) : 0.0;
    pls.col0(15);
    pls.env(x_min - x_pad, x_max + x_pad, y_min - y_pad, y_max + y_pad + legend_room, 0, 0);
    pls.lab(x_label.c_str(), panel.y_label.c_str(), panel.title.c_str());
    for (std::size_t s = 0; s < panel.curves.size(); ++s) {
        std::vector<PLFLT> x, y, low, high;
        for (const Marker& m : panel.curves[s]) {
            x.push_back(m.x), y.push_back(m.y), low.push_back(m.low), high.push_back(m.high);
        }
        const PLINT n = static_cast<PLINT>(x.size());
        if (n == 0) continue;
        pls.col0(series_colour(s));
        pls.erry(n, x.data(), low.data(), high.data());
        pls.poin(n, x.data(), y.data(), 17);
        if (n > 1) pls.line(n, x.data(), y.data());
    }
}

// log10 of a positive measurement with its error bar (a bar reaching zero is cut at 1/1000
// of the value); zero, negative or missing values have no logarithm and are left out.
void add_logarithm(std::vector<Marker>& curve, double x, const engine::Measurement& m) {
    if (!(m.value > 0.0)) return;
    const double err = bar(m.standard_error);
    curve.push_back({x, std::log10(m.value), std::log10(std::max(m.value - err, 1e-3 * m.value)),
                     std::log10(m.value + err)});
}

std::string with_units(const std::string& key) {
    const std::string units = sweep_fields::axis_units(key);
    return units == "1" ? key : key + " (" + units + ")";
}

}  // namespace

void write_sweep_plot(const SweepRecord& record, const std::filesystem::path& path) {
    const runs::SweepResult& sweep = record.sweep;
    if (sweep.axes.empty() || sweep.points.empty())
        throw Error(path.string() + ": the sweep has no points to plot");
    sweep_fields::check_points(sweep, path.string() + ": ");
    const runs::SweepPoint& first = sweep.points.front();
    const sweep_fields::PointSummary first_summary = sweep_fields::summarize(first);
    std::ostringstream temperature;
    temperature << first_summary.temperature_K;
    Panel sigma{
        "log#d10#u #gs (S/cm)", first.prediction.material + ": #gs at " + temperature.str() + " K", {}};
    Panel energy{
        "E#da#u (eV)", first.prediction.material + ": E#da#u of the Arrhenius fit of each point", {}};
    Panel stack_asr{"log#d10#u ASR (#gW cm#u2#d)",
                    "area-specific resistance of the stack along x at " + temperature.str() + " K",
                    {}};
    Panel boundary_asr{"log#d10#u R#dgb#u (#gW cm#u2#d)",
                       "resistance of one grain boundary (brick layer) at " + temperature.str() + " K",
                       {}};

    // A series per combination of the other axes' values, in the order they first appear.
    std::vector<std::vector<double>> series_values;
    std::vector<std::string> labels;
    double x_min = std::numeric_limits<double>::infinity(), x_max = -x_min;
    for (const runs::SweepPoint& point : sweep.points) {
        const std::vector<double> others(point.values.begin() + 1, point.values.end());
        auto found = std::find(series_values.begin(), series_values.end(), others);
        const std::size_t s = static_cast<std::size_t>(found - series_values.begin());
        if (found == series_values.end()) {
            series_values.push_back(others);
            std::ostringstream label;
            for (std::size_t a = 1; a < sweep.axes.size(); ++a)
                label << (a > 1 ? ", " : "") << sweep.axes[a].key << " = " << point.values[a];
            labels.push_back(label.str());
            for (Panel* panel : {&sigma, &energy, &stack_asr, &boundary_asr}) panel->curves.emplace_back();
        }
        const sweep_fields::PointSummary summary = sweep_fields::summarize(point);
        const double x = point.values.front();
        x_min = std::min(x_min, x), x_max = std::max(x_max, x);
        add_logarithm(sigma.curves[s], x, summary.sigma);
        if (!point.resistance.stack.empty()) {
            add_logarithm(stack_asr.curves[s], x, point.resistance.stack.front().asr_total_Ohm_cm2);
        }
        if (!point.resistance.grain_boundaries.empty()) {
            add_logarithm(boundary_asr.curves[s], x,
                          point.resistance.grain_boundaries.front().asr_per_boundary_Ohm_cm2);
        }
        const engine::Measurement& e_m = summary.activation_energy_eV;
        if (std::isfinite(e_m.value)) {
            const double err = bar(e_m.standard_error);
            energy.curves[s].push_back({x, e_m.value, e_m.value - err, e_m.value + err});
        }
    }
    std::vector<const Panel*> panels;
    for (Panel* panel : {&sigma, &energy, &stack_asr, &boundary_asr}) {
        if (panel->empty()) continue;
        for (auto& curve : panel->curves)
            std::sort(curve.begin(), curve.end(), [](const Marker& a, const Marker& b) { return a.x < b.x; });
        panels.push_back(panel);
    }
    if (panels.empty())
        throw Error(path.string() + ": no positive conductivity and no activation energy to plot");

    const std::filesystem::path temporary = open_plot_file(path);
    {
        plstream pls;
        set_up_svg(pls, temporary, 800, 450 * static_cast<PLINT>(panels.size()));
        pls.ssub(1, static_cast<PLINT>(panels.size()));
        pls.init();
        const std::string x_label = with_units(sweep.axes.front().key);
        const std::size_t legend_rows = labels.size() > 1 ? labels.size() : 0;
        for (const Panel* panel : panels) {
            const bool legend = panel == panels.front() && legend_rows > 0;
            draw(pls, *panel, x_label, x_min, x_max, legend ? legend_rows : 0);
            if (legend) draw_series_legend(pls, labels);
        }
    }  // the stream's destructor finishes the file
    publish_partial_file(path);
}

}  // namespace ionhop::outputs
