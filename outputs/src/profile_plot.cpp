// The occupancy profile along x (layer stacks, bicrystals): the time-averaged fraction of
// each plane's sites holding an ion against the plane's position, with standard-error bars,
// one colour per temperature; SVG drawn by PLplot (headless svg device).
#include <plplot/plstream.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/outputs/run_record.hpp"
#include "plot_series.hpp"

namespace ionhop::outputs {
void write_profile_plot(const RunRecord& record, const std::filesystem::path& path) {
    const runs::Prediction& p = record.prediction;
    const std::vector<double>& x = p.profile_x_A;
    if (x.empty()) throw Error(path.string() + ": the run has no occupancy profile");
    double y_max = 0.0;
    for (const runs::PredictionPoint& point : p.points) {
        if (point.estimate.bin_occupancy.size() != x.size()) {
            throw Error(path.string() + ": a temperature lacks its occupancy profile");
        }
        for (const engine::Measurement& m : point.estimate.bin_occupancy) {
            y_max = std::max(y_max, m.value + (std::isfinite(m.standard_error) ? m.standard_error : 0.0));
        }
    }

    const std::filesystem::path temporary = open_plot_file(path);
    {
        plstream pls;
        set_up_svg(pls, temporary, 800, 500);
        pls.init();
        pls.col0(15);
        const double x_pad = 0.03 * (x.back() - x.front() + 1.0);
        const double legend_room = 0.12 * static_cast<double>(p.points.size());
        pls.env(x.front() - x_pad, x.back() + x_pad, 0.0, std::max(y_max, 1e-3) * (1.1 + legend_room), 0, 0);
        pls.lab("x (#fA)", "occupancy (fraction of sites)",
                (p.material + ": Li occupancy of each plane along x").c_str());
        std::vector<std::string> labels;
        for (std::size_t t = 0; t < p.points.size(); ++t) {
            std::vector<PLFLT> y, low, high;
            for (const engine::Measurement& m : p.points[t].estimate.bin_occupancy) {
                const double err = std::isfinite(m.standard_error) ? m.standard_error : 0.0;
                y.push_back(m.value), low.push_back(m.value - err), high.push_back(m.value + err);
            }
            const PLINT n = static_cast<PLINT>(x.size());
            std::vector<PLFLT> xs(x.begin(), x.end());
            pls.col0(series_colour(t));
            pls.erry(n, xs.data(), low.data(), high.data());
            pls.poin(n, xs.data(), y.data(), 17);
            if (n > 1) pls.line(n, xs.data(), y.data());
            std::ostringstream label;
            label << "T = " << p.points[t].temperature_K << " K";
            labels.push_back(label.str());
        }
        draw_series_legend(pls, labels);
    }  // the stream's destructor finishes the file
    publish_partial_file(path);
}

}  // namespace ionhop::outputs
