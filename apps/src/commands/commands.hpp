#pragma once
// Each command of the ionhop CLI lives in its own file and adds itself to the app here.
#include <CLI/CLI.hpp>
#include <string>

namespace ionhop::apps {

void add_demo_command(CLI::App& app);
// The command line as typed, echoed into output files.
void add_predict_command(CLI::App& app, const std::string& command_line);
void add_run_command(CLI::App& app, const std::string& command_line);
void add_sweep_command(CLI::App& app, const std::string& command_line);
void add_lattice_command(CLI::App& app);
// `lattice import`, a subcommand of `lattice` (called by add_lattice_command).
void add_lattice_import_command(CLI::App& lattice);

}  // namespace ionhop::apps
