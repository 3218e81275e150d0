// VASP 5 POSCAR: comment, scale factor, three lattice vectors, element symbols, counts,
// optional "Selective dynamics", "Direct" or "Cartesian", then one line per atom.
#include "poscar_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/build.hpp"

namespace ionhop::materials {
namespace {

class Lines {
public:
    Lines(const std::string& text, const std::string& file) : file_(file) {
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            lines_.push_back(line);
        }
    }

    // The next line, split into words; `what` names the line in the error if it is missing.
    std::vector<std::string> next(const std::string& what) {
        if (index_ >= lines_.size()) {
            fail("the file ends before the " + what + " line", index_ + 1);
        }
        std::istringstream in(lines_[index_++]);
        std::vector<std::string> words;
        for (std::string word; in >> word;) words.push_back(word);
        return words;
    }

    std::vector<std::string> peek() const {
        std::vector<std::string> words;
        if (index_ < lines_.size()) {
            std::istringstream in(lines_[index_]);
            for (std::string word; in >> word;) words.push_back(word);
        }
        return words;
    }

    bool empty() const { return lines_.empty(); }

    // Errors about the line just read.
    [[noreturn]] void fail(const std::string& message) const { fail(message, index_); }

    [[noreturn]] void fail(const std::string& message, std::size_t line) const {
        throw Error(file_ + ":" + std::to_string(line) + ": " + message);
    }

private:
    std::string file_;
    std::vector<std::string> lines_;
    std::size_t index_ = 0;
};

bool parse_number(const std::string& word, double& value) {
    const char* end = word.data() + word.size();
    const auto [stop, error] = std::from_chars(word.data(), end, value);
    return error == std::errc() && stop == end && std::isfinite(value);
}

double number(Lines& lines, const std::string& word, const std::string& what) {
    double value = 0.0;
    if (!parse_number(word, value)) {
        lines.fail(what + ": '" + word + "' is not a number");
    }
    return value;
}

Eigen::Vector3d triple(Lines& lines, const std::vector<std::string>& words, const std::string& what) {
    if (words.size() < 3) {
        lines.fail(what + ": expected three numbers");
    }
    return {number(lines, words[0], what), number(lines, words[1], what), number(lines, words[2], what)};
}

// "Li_sv" or "Li/5dbc" (VASP 6 writes the potential's hash) name the element "Li".
std::string element_of(const std::string& symbol) { return symbol.substr(0, symbol.find_first_of("_/")); }

bool starts_with_letter(const std::vector<std::string>& words, const std::string& letters) {
    return !words.empty() && letters.find(words[0][0]) != std::string::npos;
}

}  // namespace

ImportedStructure parse_poscar_structure(const std::string& text, const std::string& file) {
    Lines lines(text, file);
    if (lines.empty()) {
        lines.fail("empty file; expected a VASP 5 POSCAR", 1);
    }
    lines.next("comment");
    const std::vector<std::string> scale_words = lines.next("scale factor");
    if (scale_words.size() != 1) {
        lines.fail("expected one scale factor (a multiplier, or minus the cell volume in A^3)");
    }
    const double scale_factor = number(lines, scale_words[0], "scale factor");
    if (scale_factor == 0.0) {
        lines.fail("the scale factor must not be 0");
    }
    Eigen::Matrix3d vectors;
    for (int row = 0; row < 3; ++row) {
        vectors.row(row) = triple(lines, lines.next("lattice vector"), "lattice vector").transpose();
    }
    const double volume = std::abs(vectors.determinant());
    if (!(volume > 0.0)) {
        lines.fail("the lattice vectors span no volume");
    }
    // A negative factor is the target volume (VASP's convention).
    const double scale = scale_factor > 0.0 ? scale_factor : std::cbrt(-scale_factor / volume);
    vectors *= scale;

    const std::vector<std::string> symbols = lines.next("element symbols");
    double ignored = 0.0;
    if (symbols.empty() || parse_number(symbols[0], ignored)) {
        lines.fail("expected the element symbols (VASP 5 format; VASP 4 files without them are not read)");
    }
    const std::vector<std::string> count_words = lines.next("atom counts");
    if (count_words.size() != symbols.size()) {
        lines.fail("expected " + std::to_string(symbols.size()) +
                   " atom counts (one per element symbol), found " + std::to_string(count_words.size()));
    }
    std::vector<int> counts;
    for (const std::string& word : count_words) {
        int count = 0;
        const auto [stop, error] = std::from_chars(word.data(), word.data() + word.size(), count);
        if (error != std::errc() || stop != word.data() + word.size() || count < 1) {
            lines.fail("atom count '" + word + "' is not a positive integer");
        }
        counts.push_back(count);
    }
    if (starts_with_letter(lines.peek(), "sS")) {
        lines.next("selective dynamics");
    }
    const std::vector<std::string> mode = lines.next("Direct or Cartesian");
    const bool cartesian = starts_with_letter(mode, "cCkK");
    if (!cartesian && !starts_with_letter(mode, "dD")) {
        lines.fail("expected \"Direct\" or \"Cartesian\"");
    }

    ImportedStructure imported;
    imported.cell.vectors_A = vectors;
    const lattices::Cell cell = make_cell(imported.cell);
    imported.symmetry = "POSCAR: no symmetry, one site class per element";
    for (std::size_t k = 0; k < symbols.size(); ++k) {
        ImportedAtomSite site;
        site.label = element_of(symbols[k]);
        site.element = site.label;
        for (int i = 0; i < counts[k]; ++i) {
            Eigen::Vector3d p = triple(lines, lines.next("atom coordinate"), "atom coordinates");
            // Cartesian positions are scaled like the lattice vectors.
            site.positions.push_back(wrapped_fractional(cartesian ? cell.to_fractional(p * scale) : p));
        }
        // "Li S Li" lists one element twice: still one class.
        auto same = std::find_if(imported.sites.begin(), imported.sites.end(),
                                 [&](const ImportedAtomSite& other) { return other.label == site.label; });
        if (same == imported.sites.end()) {
            imported.sites.push_back(std::move(site));
        } else {
            same->positions.insert(same->positions.end(), site.positions.begin(), site.positions.end());
        }
    }
    return imported;
}

}  // namespace ionhop::materials
