#include "ionhop/runs/value_list.hpp"

#include <cmath>
#include <sstream>

#include "ionhop/core/error.hpp"

namespace ionhop::runs {
namespace {

constexpr long max_values = 1000;

std::string usage(const std::string& what, const std::string& text) { return what + " '" + text + "': "; }

// `expected` says what an item must be, e.g. "a number" or "a temperature in K > 0".
double parse_number(const std::string& item, const std::string& text, const std::string& what,
                    const std::string& expected) {
    std::size_t used = 0;
    double value = 0.0;
    try {
        value = std::stod(item, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != item.size() || item.empty() || !std::isfinite(value)) {
        throw Error(usage(what, text) + "'" + item + "' is not " + expected +
                    "; write start:stop:step (0:0.8:0.1) or a list (0,0.25,0.5)");
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

std::vector<double> parse_list(const std::string& text, const std::string& what,
                               const std::string& expected) {
    if (text.empty()) throw Error(what + ": none given; write start:stop:step (0:0.8:0.1) or a list");
    std::vector<double> values;
    if (text.find(':') != std::string::npos) {
        const auto parts = split(text, ':');
        if (parts.size() != 3) throw Error(usage(what, text) + "a range is start:stop:step, e.g. 0:0.8:0.1");
        const double start = parse_number(parts[0], text, what, expected);
        const double stop = parse_number(parts[1], text, what, expected);
        const double step = parse_number(parts[2], text, what, "a number");
        if (!(step > 0.0)) throw Error(usage(what, text) + "the step must be > 0");
        if (stop < start) throw Error(usage(what, text) + "stop is below start");
        const double count = std::floor((stop - start) / step + 1e-9) + 1.0;
        if (count > max_values) throw Error(usage(what, text) + "more than 1000 values");
        for (long i = 0; i < static_cast<long>(count); ++i)
            values.push_back(start + static_cast<double>(i) * step);
        return values;
    }
    for (const std::string& item : split(text, ','))
        values.push_back(parse_number(item, text, what, expected));
    return values;
}

}  // namespace

std::vector<double> parse_value_list(const std::string& text, const std::string& what) {
    return parse_list(text, what, "a number");
}

std::vector<double> parse_temperature_list(const std::string& text) {
    const std::vector<double> temperatures = parse_list(text, "temperatures", "a temperature in K > 0");
    for (double t : temperatures) {
        if (!(t > 0.0)) {
            throw Error("temperatures '" + text + "': " + std::to_string(t) +
                        " is not a temperature in K > 0");
        }
    }
    return temperatures;
}

}  // namespace ionhop::runs
