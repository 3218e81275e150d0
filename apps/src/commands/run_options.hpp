#pragma once
// Options every simulating command shares (predict, sweep): temperatures, supercell,
// precision, threads, seed, output files and progress.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace ionhop::apps {

struct RunOptions {
    std::string temperatures = "300:600:50";
    std::vector<int> supercell;
    double target_error = 0.05;
    int max_replicas = 256;
    std::uint64_t events_per_ion = 400;
    int threads = 0;
    std::uint64_t seed = 1;
    bool no_acceleration = false;
    std::string output;
    bool quiet = false;
    bool verbose = false;
};

// `output_help` says which files -o writes.
void add_run_options(CLI::App& command, RunOptions& options, const std::string& output_help);

}  // namespace ionhop::apps
