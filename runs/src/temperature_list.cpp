#include "ionhop/runs/temperature_list.hpp"

#include <cmath>
#include <sstream>

#include "ionhop/core/error.hpp"

namespace ionhop::runs {
namespace {

double parse_number(const std::string& item, const std::string& text) {
    std::size_t used = 0;
    double value = 0.0;
    try {
        value = std::stod(item, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != item.size() || item.empty() || !std::isfinite(value) || value <= 0.0) {
        throw Error(
            "temperatures '" + text + "': '" + item +
            "' is not a temperature in K > 0; write start:stop:step (300:600:50) or a list (300,450,600)");
    }
    return value;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, separator)) items.push_back(item);
    if (!text.empty() && text.back() == separator) items.emplace_back();
    return items;
}

}  // namespace

std::vector<double> parse_temperature_list(const std::string& text) {
    if (text.empty()) throw Error("temperatures: none given; write start:stop:step (300:600:50) or a list");
    std::vector<double> temperatures;
    if (text.find(':') != std::string::npos) {
        const auto parts = split(text, ':');
        if (parts.size() != 3) {
            throw Error("temperatures '" + text + "': a range is start:stop:step, e.g. 300:600:50");
        }
        const double start = parse_number(parts[0], text), stop = parse_number(parts[1], text);
        const double step = parse_number(parts[2], text);
        if (stop < start) throw Error("temperatures '" + text + "': stop is below start");
        const auto count = static_cast<long>(std::floor((stop - start) / step + 1e-9)) + 1;
        if (count > 1000) throw Error("temperatures '" + text + "': more than 1000 points");
        for (long i = 0; i < count; ++i) temperatures.push_back(start + static_cast<double>(i) * step);
        return temperatures;
    }
    for (const std::string& item : split(text, ',')) temperatures.push_back(parse_number(item, text));
    return temperatures;
}

}  // namespace ionhop::runs
