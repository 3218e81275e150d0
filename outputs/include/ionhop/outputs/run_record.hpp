#pragma once
// Everything a writer needs about a finished prediction: the results, the settings and the
// lattice file the run used (echoed into every output so any result can be rerun).
#include <filesystem>
#include <string>

#include "ionhop/runs/prediction.hpp"
#include "ionhop/runs/resistance_split.hpp"

namespace ionhop::outputs {

struct RunRecord {
    std::string program_version;
    std::string command_line;
    std::string lattice_text;  // the lattice file of the material, as run
    std::string config_text;   // the config file of `ionhop run`; empty for `ionhop predict`
    runs::PredictionSettings settings;
    runs::Prediction prediction;
    // Layer stacks: the ASR split; microstructures: bulk and boundaries (brick layer).
    runs::ResistanceSplit resistance;
};

// The writers; each writes to a temporary name and renames when complete.
void write_csv(const RunRecord& record, const std::filesystem::path& path);
void write_json(const RunRecord& record, const std::filesystem::path& path);
void write_hdf5(const RunRecord& record, const std::filesystem::path& path);  // docs/output-format.md
// log10 sigma against 1000/T with error bars and the fit, SVG (PLplot).
void write_arrhenius_plot(const RunRecord& record, const std::filesystem::path& path);
// Occupancy of each plane along x against its position, one curve per temperature, SVG
// (PLplot); for runs with an occupancy profile (layer stacks, bicrystals).
void write_profile_plot(const RunRecord& record, const std::filesystem::path& path);

}  // namespace ionhop::outputs
