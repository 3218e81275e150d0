#pragma once
// A sweep: predictions over a grid of config values (a dopant content, the Li content, a
// barrier, any numeric key of the config; one axis or several). Points run in parallel;
// every point runs with the config's seed, so any point reruns alone with the same
// result (`ionhop predict ... --seed`), whatever the thread count or the other points.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "ionhop/runs/prediction.hpp"
#include "ionhop/runs/resistance_split.hpp"
#include "ionhop/runs/run_config.hpp"

namespace ionhop::runs {

struct SweepPoint {
    std::vector<double> values;  // one per axis, in axis order
    PredictionSettings settings;
    std::string lattice_text;  // the lattice file this point ran (overrides applied)
    Prediction prediction;
    // Layer stacks and microstructures: the point's resistance split, as `ionhop run` gives it.
    ResistanceSplit resistance;
};

struct SweepResult {
    std::vector<SweepAxis> axes;
    std::vector<SweepPoint> points;  // grid order: the last axis varies fastest
};

// Called once per point as it finishes (points finish in any order; calls never overlap).
using SweepProgress = std::function<void(const SweepPoint&, std::size_t index, std::size_t count)>;

// Which points a process runs when the sweep is spread over processes (by grid index).
using PointSelection = std::function<bool(std::size_t index)>;

// Checks every point before running any (a bad point stops the sweep with an error naming
// its values), then runs them all, or only the `selected` ones (the others are left
// without a prediction). Throws ionhop::Error; a config without [[sweep]] is an error.
SweepResult run_sweep(const RunConfig& config, const SweepProgress& progress = {},
                      const PointSelection& selected = {});

}  // namespace ionhop::runs
