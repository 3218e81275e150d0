#include "ionhop/runs/sweep.hpp"

#include <mutex>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/engine/parallel_indices.hpp"
#include "ionhop/materials/lattice_file.hpp"

namespace ionhop::runs {
namespace {

// The values of grid point `index`, the last axis varying fastest.
std::vector<double> grid_values(const std::vector<SweepAxis>& axes, std::size_t index) {
    std::vector<double> values(axes.size());
    for (std::size_t a = axes.size(); a-- > 0;) {
        values[a] = axes[a].values[index % axes[a].values.size()];
        index /= axes[a].values.size();
    }
    return values;
}

}  // namespace

SweepResult run_sweep(const RunConfig& config, const SweepProgress& progress,
                      const PointSelection& selected) {
    if (config.sweep.empty()) throw Error(config.origin + ": no [[sweep]] axis; give at least one");
    SweepResult result;
    result.axes = config.sweep;
    std::size_t count = 1;
    for (const SweepAxis& axis : config.sweep) {
        count *= axis.values.size();
        if (count > 10000) throw Error(config.origin + ": the sweep has more than 10000 points");
    }

    // Every point is read and checked before any runs: a bad point fails in seconds.
    std::vector<RunConfig> point_configs;
    for (std::size_t i = 0; i < count; ++i) {
        SweepPoint point;
        point.values = grid_values(config.sweep, i);
        std::vector<std::pair<std::string, double>> settings;
        for (std::size_t a = 0; a < config.sweep.size(); ++a)
            settings.emplace_back(config.sweep[a].key, point.values[a]);
        point_configs.push_back(with_values(config, settings));
        // The run's checkpoint and thread count hold for every point (a caller may set them
        // on the config it passes instead of in its text).
        point_configs.back().settings.checkpoint = config.settings.checkpoint;
        point_configs.back().settings.threads = config.settings.threads;
        point.settings = point_configs.back().settings;
        try {
            check_prediction(point_configs.back().lattice, point.settings);
        } catch (const Error& error) {
            std::ostringstream where;
            for (std::size_t a = 0; a < settings.size(); ++a) {
                where << (a ? ", " : "") << settings[a].first << " = " << settings[a].second;
            }
            throw Error("sweep point " + where.str() + ": " + error.what());
        }
        point.lattice_text = materials::format_lattice_text(point_configs.back().lattice);
        result.points.push_back(std::move(point));
    }

    std::mutex report;
    engine::for_each_index_in_parallel(count, config.settings.threads, [&](std::size_t i) {
        if (selected && !selected(i)) return;
        SweepPoint& point = result.points[i];
        const RunConfig& point_config = point_configs[i];
        point.prediction = run_prediction(point_config.lattice, point.settings);
        point.resistance =
            split_resistance(point_config.lattice, point_config.stack, point.prediction, point.settings);
        if (progress) {
            const std::lock_guard<std::mutex> lock(report);
            progress(point, i, count);
        }
    });
    return result;
}

}  // namespace ionhop::runs
