#include "commands/run_options.hpp"

namespace ionhop::apps {

void add_run_options(CLI::App& command, RunOptions& options, const std::string& output_help) {
    command.add_option("--T", options.temperatures, "Temperatures in K: start:stop:step or a list")
        ->capture_default_str();
    command.add_option("--supercell", options.supercell, "Repetitions a b c (default: >= 20 A across)")
        ->expected(3);
    command
        .add_option("--target-error", options.target_error,
                    "Relative standard error of sigma to reach at each temperature")
        ->capture_default_str();
    command.add_option("--max-replicas", options.max_replicas, "Replica budget per temperature")
        ->capture_default_str();
    command.add_option("--events-per-ion", options.events_per_ion, "Production events per ion per replica")
        ->capture_default_str();
    command.add_option("--threads", options.threads, "Threads (0: all cores); results do not depend on it")
        ->capture_default_str();
    command.add_option("--seed", options.seed, "Random seed")->capture_default_str();
    command.add_flag("--no-acceleration", options.no_acceleration,
                     "Plain KMC everywhere (default: exact superbasin acceleration where it pays)");
    command.add_option("-o,--output", options.output, output_help);
    command.add_flag("--quiet", options.quiet, "No progress on stderr");
    command.add_flag("--verbose", options.verbose, "Progress on stderr even when it is not a terminal");
}

}  // namespace ionhop::apps
