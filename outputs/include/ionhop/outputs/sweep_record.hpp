#pragma once
// Everything a writer needs about a finished sweep: the points with their predictions, and
// the config (echoed into every output, so the sweep can be rerun with `ionhop run`).
#include <filesystem>
#include <string>

#include "ionhop/runs/sweep.hpp"

namespace ionhop::outputs {

struct SweepRecord {
    std::string program_version;
    std::string command_line;
    std::string config_text;  // the config that ran (for `ionhop sweep`: the one it generated)
    runs::SweepResult sweep;
};

// The writers; each writes to a temporary name and renames when complete
// (core/atomic_file.hpp). Units in every file; docs/output-format.md describes them.
void write_sweep_csv(const SweepRecord& record, const std::filesystem::path& path);
void write_sweep_json(const SweepRecord& record, const std::filesystem::path& path);
void write_sweep_hdf5(const SweepRecord& record, const std::filesystem::path& path);
// sigma at the first temperature and E_a against the first axis, with standard-error bars
// (one series per combination of the other axes), SVG (PLplot).
void write_sweep_plot(const SweepRecord& record, const std::filesystem::path& path);

}  // namespace ionhop::outputs
