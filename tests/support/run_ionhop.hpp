#pragma once
// Runs the ionhop binary (IONHOP_BINARY, set by tests/CMakeLists.txt) as a user would.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace ionhop::testing {

struct CommandResult {
    int status = -1;     // exit status; -1 if killed by a signal
    std::string output;  // stdout and stderr
};

// Runs a shell command line, stderr into the output.
inline CommandResult run_command(const std::string& command_line) {
    const std::string command = command_line + " 2>&1";
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
    const int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// The data rows of a CSV file written by ionhop (comment lines dropped), one per line;
// without the last column when it holds wall times, which differ from run to run.
inline std::string csv_rows(const std::filesystem::path& csv, bool drop_last_column = false) {
    std::ifstream in(csv);
    std::string line, rows;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        rows += (drop_last_column ? line.substr(0, line.rfind(',')) : line) + '\n';
    }
    return rows;
}

inline CommandResult run_ionhop(const std::string& arguments) {
    return run_command(std::string(IONHOP_BINARY) + " " + arguments);
}

}  // namespace ionhop::testing
