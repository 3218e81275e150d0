// The occupancy profile along x (layer stacks, bicrystals): the time-averaged fraction of
// each plane's sites holding an ion against the plane's position, with standard-error bars,
// one colour per temperature; SVG drawn by PLplot (headless svg device).
#include <plplot/plstream.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/outputs/run_record.hpp"

namespace ionhop::outputs {
namespace {

PLINT temperature_colour(std::size_t index) {
    constexpr PLINT colours[] = {1, 9, 3, 13, 8, 10, 14, 11, 4, 2};
    return colours[index % std::size(colours)];
}

}  // namespace

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

    // PLplot ends the program when it cannot open its file, so the file is opened here first.
    const std::filesystem::path temporary = partial_path(path);
    if (!std::ofstream(temporary, std::ios::binary | std::ios::trunc)) {
        discard_partial_file(path);
        throw Error(path.string() + ": cannot write the file");
    }
    {
        plstream pls;
        pls.sdev("svg");
        pls.sfnam(temporary.c_str());
        pls.spage(0, 0, 800, 500, 0, 0);
        pls.scolbg(255, 255, 255);
        pls.scol0(15, 0, 0, 0);  // colour 15 (white by default) draws the axes in black
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
            pls.col0(temperature_colour(t));
            pls.erry(n, xs.data(), low.data(), high.data());
            pls.poin(n, xs.data(), y.data(), 17);
            if (n > 1) pls.line(n, xs.data(), y.data());
            std::ostringstream label;
            label << "T = " << p.points[t].temperature_K << " K";
            labels.push_back(label.str());
        }
        const std::size_t n = labels.size();
        std::vector<PLINT> options(n, PL_LEGEND_LINE), colours, styles(n, 1);
        std::vector<PLFLT> widths(n, 1.0);
        std::vector<const char*> texts;
        for (std::size_t t = 0; t < n; ++t) {
            colours.push_back(temperature_colour(t));
            texts.push_back(labels[t].c_str());
        }
        PLFLT width = 0.0, height = 0.0;
        pls.legend(&width, &height, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
                   PL_POSITION_INSIDE | PL_POSITION_TOP | PL_POSITION_RIGHT, 0.0, 0.0, 0.08, 0, 15, 1, 0, 0,
                   static_cast<PLINT>(n), options.data(), 1.0, 0.7, 2.0, 0.0, colours.data(), texts.data(),
                   nullptr, nullptr, nullptr, nullptr, colours.data(), styles.data(), widths.data(), nullptr,
                   nullptr, nullptr, nullptr);
    }  // the stream's destructor finishes the file
    publish_partial_file(path);
}

}  // namespace ionhop::outputs
