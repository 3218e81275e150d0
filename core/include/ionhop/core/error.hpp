#pragma once
// The one exception type of ionhop. Messages say what is wrong, where (file:line or key
// path) and what would be valid; the CLI prints the message and exits with code 2.
#include <stdexcept>
#include <string>

namespace ionhop {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Raised when a simulation reaches a state where no ion can hop (every hop blocked).
class FrozenStateError : public Error {
public:
    using Error::Error;
};

}  // namespace ionhop
