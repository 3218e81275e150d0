#pragma once
// Typed access to the values of a parsed TOML document, with errors that name the file,
// the line and the key path (e.g. "lgps.toml:42: hops[1].barrier_eV: ...").
#include <Eigen/Dense>
#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <toml.hpp>
#include <vector>

namespace ionhop::materials::toml_fields {

// A table of the document and where it sits, for messages.
struct Node {
    const toml::value& value;
    std::string path;  // "" for the document, "hops[1]" for the second [[hops]] table
};

// The document in `text`; `origin` names it in messages. Throws ionhop::Error
// "origin:line: not valid TOML: ..." for text that is not UTF-8 (checked first: toml11 3.7
// reads past its buffer on some invalid sequences) or not TOML.
toml::value parse_toml(const std::string& text, const std::string& origin);

[[noreturn]] void fail(const toml::value& at, const std::string& path, const std::string& message);

std::string join(std::string_view path, std::string_view key);

// Throws for any key of the table not listed in `allowed` (the message lists them).
void reject_unknown_keys(const Node& table, std::initializer_list<std::string_view> allowed);

bool has(const Node& table, const std::string& key);
Node child(const Node& table, const std::string& key);  // required table

std::string text(const Node& table, const std::string& key);  // required string
std::string text_or(const Node& table, const std::string& key, const std::string& fallback);
long long integer(const Node& table, const std::string& key);
// Integers are accepted where a number is expected; nan and inf are refused.
double number(const Node& table, const std::string& key);
bool boolean_or(const Node& table, const std::string& key, bool fallback);
std::array<double, 2> number_pair(const Node& table, const std::string& key);
std::array<double, 3> number_triple(const toml::value& value, const std::string& path);
std::vector<double> number_list(const Node& table, const std::string& key);  // finite numbers
std::array<bool, 3> boolean_triple(const Node& table, const std::string& key);
std::array<std::string, 2> text_pair(const Node& table, const std::string& key);
const toml::array& array(const Node& table, const std::string& key);

}  // namespace ionhop::materials::toml_fields
