// `ionhop lattices`: the built-in test lattices, by name.
#include <iomanip>
#include <iostream>

#include "commands/commands.hpp"
#include "ionhop/lattices/test_lattices.hpp"

namespace ionhop::apps {

void add_lattices_command(CLI::App& app) {
    auto* command = app.add_subcommand("lattices", "List the built-in test lattices");
    command->callback([] {
        std::cout << std::left << std::setw(14) << "name" << std::setw(6) << "dim" << std::setw(6) << "z"
                  << "description\n";
        for (const auto& info : lattices::test_lattices()) {
            std::cout << std::setw(14) << info.name << std::setw(6) << info.dimension << std::setw(6)
                      << info.coordination << info.description << '\n';
        }
    });
}

}  // namespace ionhop::apps
