// The Arrhenius plot: log10 sigma against 1000/T with error bars and the fitted line, as
// SVG, drawn by PLplot (headless svg device).
#include <plplot/plstream.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <vector>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"
#include "ionhop/outputs/run_record.hpp"

namespace ionhop::outputs {

void write_arrhenius_plot(const RunRecord& record, const std::filesystem::path& path) {
    const runs::Prediction& p = record.prediction;
    std::vector<PLFLT> x, y, low, high;
    for (const runs::PredictionPoint& point : p.points) {
        const engine::Measurement& sigma = point.estimate.sigma;
        if (!(sigma.value > 0.0)) continue;  // zero conductivity has no logarithm
        x.push_back(1000.0 / point.temperature_K);
        y.push_back(std::log10(sigma.value));
        low.push_back(std::log10(std::max(sigma.value - sigma.standard_error, 1e-3 * sigma.value)));
        high.push_back(std::log10(sigma.value + sigma.standard_error));
    }
    if (x.empty()) throw Error(path.string() + ": no positive conductivity to plot");

    std::vector<PLFLT> fit_x, fit_y;
    if (p.arrhenius) {
        // sigma = A / T exp(-E_a / kT), drawn over the measured range.
        const double lo = *std::min_element(x.begin(), x.end()), hi = *std::max_element(x.begin(), x.end());
        for (int i = 0; i <= 50; ++i) {
            const double inverse = lo + (hi - lo) * i / 50.0;  // 1000/T
            const double t = 1000.0 / inverse;
            const double ln_sigma = p.arrhenius->log_prefactor.value - std::log(t) -
                                    p.arrhenius->activation_energy_eV.value / units::thermal_energy_eV(t);
            fit_x.push_back(inverse);
            fit_y.push_back(ln_sigma / std::log(10.0));
        }
    }
    const auto [x_min, x_max] = std::minmax_element(x.begin(), x.end());
    double y_min = *std::min_element(low.begin(), low.end()),
           y_max = *std::max_element(high.begin(), high.end());
    for (const PLFLT v : fit_y) y_min = std::min(y_min, v), y_max = std::max(y_max, v);
    const double x_pad = std::max(0.05 * (*x_max - *x_min), 0.05),
                 y_pad = std::max(0.08 * (y_max - y_min), 0.05);

    const std::filesystem::path temporary = partial_path(path);
    {
        plstream pls;
        pls.sdev("svg");
        pls.sfnam(temporary.c_str());
        pls.scolbg(255, 255, 255);
        pls.scol0(15, 0, 0, 0);  // colour 15 (white by default) draws the axes in black
        pls.init();
        pls.col0(15);
        pls.env(*x_min - x_pad, *x_max + x_pad, y_min - y_pad, y_max + y_pad, 0, 0);
        char title[160];
        if (p.arrhenius) {
            std::snprintf(title, sizeof title, "%s: E#da#u = %.3f ± %.3f eV", p.material.c_str(),
                          p.arrhenius->activation_energy_eV.value,
                          p.arrhenius->activation_energy_eV.standard_error);
        } else {
            std::snprintf(title, sizeof title, "%s", p.material.c_str());
        }
        pls.lab("1000/T (1/K)", "log#d10#u #gs (S/cm)", title);
        pls.col0(1);
        pls.erry(static_cast<PLINT>(x.size()), x.data(), low.data(), high.data());
        pls.poin(static_cast<PLINT>(x.size()), x.data(), y.data(), 17);
        if (!fit_x.empty()) {
            pls.col0(9);
            pls.line(static_cast<PLINT>(fit_x.size()), fit_x.data(), fit_y.data());
        }
    }  // the stream's destructor finishes the file
    publish_partial_file(path);
}

}  // namespace ionhop::outputs
