#pragma once
// Each command of the ionhop CLI lives in its own file and adds itself to the app here.
#include <CLI/CLI.hpp>

namespace ionhop::apps {

void add_demo_command(CLI::App& app);
void add_lattice_command(CLI::App& app);

}  // namespace ionhop::apps
