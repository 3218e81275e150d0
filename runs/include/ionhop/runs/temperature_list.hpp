#pragma once
// Temperatures on the command line: "300:600:50" (start:stop:step, stop included) or a
// list "300,450,600". Throws ionhop::Error naming what is wrong.
#include <string>
#include <vector>

namespace ionhop::runs {

std::vector<double> parse_temperature_list(const std::string& text);

}  // namespace ionhop::runs
