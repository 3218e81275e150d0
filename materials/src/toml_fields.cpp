#include "ionhop/materials/toml_fields.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "ionhop/core/error.hpp"

namespace ionhop::materials::toml_fields {
namespace {

std::string type_name(const toml::value& value) {
    switch (value.type()) {
        case toml::value_t::boolean:
            return "a boolean";
        case toml::value_t::integer:
            return "an integer";
        case toml::value_t::floating:
            return "a number";
        case toml::value_t::string:
            return "a string";
        case toml::value_t::array:
            return "an array";
        case toml::value_t::table:
            return "a table";
        case toml::value_t::empty:
            return "nothing";
        default:
            return "a date or time";
    }
}

const toml::value& required(const Node& table, const std::string& key) {
    const auto& entries = table.value.as_table();
    const auto found = entries.find(key);
    if (found == entries.end()) {
        fail(table.value, table.path, "missing key '" + key + "'");
    }
    return found->second;
}

double as_number(const toml::value& value, const std::string& path) {
    double x = 0.0;
    if (value.is_integer()) {
        x = static_cast<double>(value.as_integer());
    } else if (value.is_floating()) {
        x = value.as_floating();
    } else {
        fail(value, path, "expected a number, found " + type_name(value));
    }
    if (!std::isfinite(x)) {
        fail(value, path, "expected a finite number, found " + std::to_string(x));
    }
    return x;
}

// The byte offset of the first byte that does not belong to a well-formed UTF-8 sequence
// (Unicode 15, table 3-7: no overlong forms, surrogates or code points above U+10FFFF),
// or text.size().
std::size_t invalid_utf8_at(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        const unsigned char lead = byte(i);
        std::size_t length = 0;
        unsigned char low = 0x80;  // range of the second byte
        unsigned char high = 0xBF;
        if (lead < 0x80) {
            length = 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) low = 0xA0;
            if (lead == 0xED) high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) low = 0x90;
            if (lead == 0xF4) high = 0x8F;
        } else {
            return i;
        }
        if (i + length > text.size()) return i;
        for (std::size_t k = 1; k < length; ++k) {
            const unsigned char c = byte(i + k);
            if (k == 1 ? (c < low || c > high) : (c < 0x80 || c > 0xBF)) return i;
        }
        i += length;
    }
    return text.size();
}

}  // namespace

toml::value parse_toml(const std::string& text, const std::string& origin) {
    if (const std::size_t at = invalid_utf8_at(text); at < text.size()) {
        const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1;
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[at]));
        throw Error(origin + ":" + std::to_string(line) + ": not valid TOML: byte " + byte +
                    " is not UTF-8 (TOML files are UTF-8 text)");
    }
    try {
        std::istringstream in(text);
        return toml::parse(in, origin);
    } catch (const toml::exception& error) {
        throw Error(origin + ": not valid TOML: " + error.what());
    }
}

void fail(const toml::value& at, const std::string& path, const std::string& message) {
    const toml::source_location location = at.location();
    std::string where = location.file_name();
    if (location.line() > 0) {
        where += ":" + std::to_string(location.line());
    }
    throw Error(where + ": " + (path.empty() ? "" : path + ": ") + message);
}

std::string join(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

void reject_unknown_keys(const Node& table, std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : table.value.as_table()) {
        bool known = false;
        for (std::string_view name : allowed) {
            known = known || key == name;
        }
        if (!known) {
            std::string valid;
            for (std::string_view name : allowed) {
                valid += (valid.empty() ? "" : ", ") + std::string(name);
            }
            fail(value, join(table.path, key), "unknown key; valid keys here: " + valid);
        }
    }
}

bool has(const Node& table, const std::string& key) { return table.value.as_table().count(key) > 0; }

Node child(const Node& table, const std::string& key) {
    const toml::value& value = required(table, key);
    if (!value.is_table()) {
        fail(value, join(table.path, key), "expected a table, found " + type_name(value));
    }
    return {value, join(table.path, key)};
}

std::string text(const Node& table, const std::string& key) {
    const toml::value& value = required(table, key);
    if (!value.is_string()) {
        fail(value, join(table.path, key), "expected a string, found " + type_name(value));
    }
    return value.as_string().str;
}

std::string text_or(const Node& table, const std::string& key, const std::string& fallback) {
    return has(table, key) ? text(table, key) : fallback;
}

long long integer(const Node& table, const std::string& key) {
    const toml::value& value = required(table, key);
    if (!value.is_integer()) {
        fail(value, join(table.path, key), "expected an integer, found " + type_name(value));
    }
    return value.as_integer();
}

double number(const Node& table, const std::string& key) {
    return as_number(required(table, key), join(table.path, key));
}

bool boolean_or(const Node& table, const std::string& key, bool fallback) {
    if (!has(table, key)) {
        return fallback;
    }
    const toml::value& value = required(table, key);
    if (!value.is_boolean()) {
        fail(value, join(table.path, key), "expected true or false, found " + type_name(value));
    }
    return value.as_boolean();
}

const toml::array& array(const Node& table, const std::string& key) {
    const toml::value& value = required(table, key);
    if (!value.is_array()) {
        fail(value, join(table.path, key), "expected an array, found " + type_name(value));
    }
    return value.as_array();
}

std::array<double, 2> number_pair(const Node& table, const std::string& key) {
    const toml::value& value = required(table, key);
    const std::string path = join(table.path, key);
    if (!value.is_array() || value.as_array().size() != 2) {
        fail(value, path, "expected two numbers [min, max], found " + type_name(value));
    }
    return {as_number(value.as_array()[0], path + "[0]"), as_number(value.as_array()[1], path + "[1]")};
}

std::array<double, 3> number_triple(const toml::value& value, const std::string& path) {
    if (!value.is_array() || value.as_array().size() != 3) {
        fail(value, path, "expected three numbers [x, y, z], found " + type_name(value));
    }
    std::array<double, 3> xyz{};
    for (std::size_t i = 0; i < 3; ++i) {
        xyz[i] = as_number(value.as_array()[i], path + "[" + std::to_string(i) + "]");
    }
    return xyz;
}

std::vector<double> number_list(const Node& table, const std::string& key) {
    const toml::array& values = array(table, key);
    std::vector<double> list;
    for (std::size_t i = 0; i < values.size(); ++i) {
        list.push_back(as_number(values[i], join(table.path, key) + "[" + std::to_string(i) + "]"));
    }
    return list;
}

std::array<bool, 3> boolean_triple(const Node& table, const std::string& key) {
    const toml::value& value = required(table, key);
    const std::string path = join(table.path, key);
    if (!value.is_array() || value.as_array().size() != 3) {
        fail(value, path, "expected three booleans, found " + type_name(value));
    }
    std::array<bool, 3> flags{};
    for (std::size_t i = 0; i < 3; ++i) {
        const toml::value& flag = value.as_array()[i];
        if (!flag.is_boolean()) {
            fail(flag, path, "expected true or false, found " + type_name(flag));
        }
        flags[i] = flag.as_boolean();
    }
    return flags;
}

std::array<std::string, 2> text_pair(const Node& table, const std::string& key) {
    const toml::value& value = required(table, key);
    const std::string path = join(table.path, key);
    if (!value.is_array() || value.as_array().size() != 2 || !value.as_array()[0].is_string() ||
        !value.as_array()[1].is_string()) {
        fail(value, path, "expected two class names [\"a\", \"b\"]");
    }
    return {value.as_array()[0].as_string().str, value.as_array()[1].as_string().str};
}

}  // namespace ionhop::materials::toml_fields
