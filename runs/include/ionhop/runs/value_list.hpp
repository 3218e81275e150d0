#pragma once
// Lists of numbers on the command line and in configs: "300:600:50" (start:stop:step,
// stop included) or a list "300,450,600". Throws ionhop::Error naming what is wrong.
#include <string>
#include <vector>

namespace ionhop::runs {

// `what` names the list in errors (e.g. "x"); negative values are allowed, a step must be > 0.
std::vector<double> parse_value_list(const std::string& text, const std::string& what);

// Temperatures in K: every value > 0.
std::vector<double> parse_temperature_list(const std::string& text);

}  // namespace ionhop::runs
