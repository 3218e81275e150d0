#pragma once
// Runs a prediction and reports it: the table on stdout as temperatures finish, progress on
// stderr when it is a terminal, the fit and tensors, and the output files. Shared by
// `ionhop predict` (options) and `ionhop run` (config file).
#include <optional>
#include <string>

#include "ionhop/materials/lattice_description.hpp"
#include "ionhop/materials/layer_stack.hpp"
#include "ionhop/runs/prediction.hpp"

namespace ionhop::apps {

struct ReportOptions {
    std::string output_prefix;  // empty: no files
    std::string command_line;
    std::string config_text;  // `ionhop run`: the config file, echoed into the outputs
    bool quiet = false;
    bool verbose = false;
    // A stack of generic layers: also split its resistance into layers and interfaces.
    std::optional<materials::LayerStackSpec> stack;
};

// Finds out before a long run, not after it, that the outputs cannot be written.
void check_writable(const std::string& prefix);
// Progress on stderr: unless quiet, when it is a terminal or when asked for.
bool show_progress(const ReportOptions& options);

void run_and_report(const materials::LatticeDescription& material, const runs::PredictionSettings& settings,
                    const ReportOptions& options);

}  // namespace ionhop::apps
