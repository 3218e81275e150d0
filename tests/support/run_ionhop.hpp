#pragma once
// Runs the ionhop binary (IONHOP_BINARY, set by tests/CMakeLists.txt) as a user would.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace ionhop::testing {

struct CommandResult {
    int status = -1;     // exit status; -1 if killed by a signal
    std::string output;  // stdout and stderr
};

inline CommandResult run_ionhop(const std::string& arguments) {
    const std::string command = std::string(IONHOP_BINARY) + " " + arguments + " 2>&1";
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
    const int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace ionhop::testing
