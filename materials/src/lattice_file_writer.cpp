// Writes a LatticeDescription as a lattice file: fixed key order, one table per class,
// numbers in their shortest round-trip form so reading the file back is lossless.
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/materials/lattice_file.hpp"

namespace ionhop::materials {
namespace {

std::string number(double x) {
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, x);
    std::string text(buffer, end);
    if (text.find_first_of(".eEn") == std::string::npos) {  // keep floats floats in TOML
        text += ".0";
    }
    return text;
}

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escape[8];
                    std::snprintf(escape, sizeof escape, "\\u%04x", c);
                    out += escape;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string bare_or_quoted_key(const std::string& key) {
    for (char c : key) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) {
            return quoted(key);
        }
    }
    return key.empty() ? quoted(key) : key;
}

// Appends piece by piece: GCC 12 warns falsely (-Wrestrict) on chained string sums here.
template <typename Vector>
std::string bracketed(const Vector& v, int size) {
    std::string out = "[";
    for (int i = 0; i < size; ++i) {
        out += i ? ", " : "";
        out += number(v[i]);
    }
    out += "]";
    return out;
}

template <typename Vector>
std::string triple(const Vector& v) {
    return bracketed(v, 3);
}

std::string pair(const std::array<double, 2>& v) { return bracketed(v, 2); }

void write_positions(std::ostream& out, const std::vector<Eigen::Vector3d>& positions) {
    if (positions.size() == 1) {
        out << "positions = [" << triple(positions[0]) << "]\n";
        return;
    }
    out << "positions = [\n";
    for (const Eigen::Vector3d& p : positions) {
        out << "  " << triple(p) << ",\n";
    }
    out << "]\n";
}

void write_cell(std::ostream& out, const LatticeDescription& d) {
    out << "\n[cell]\n";
    if (d.cell.parameters) {
        const auto& p = *d.cell.parameters;
        out << "lengths_A = " << triple(std::array<double, 3>{p[0], p[1], p[2]}) << '\n';
        out << "angles_deg = " << triple(std::array<double, 3>{p[3], p[4], p[5]}) << '\n';
    } else {
        const Eigen::Matrix3d& v = *d.cell.vectors_A;
        out << "vectors_A = [\n";
        for (int row = 0; row < 3; ++row) {
            out << "  " << triple(Eigen::Vector3d(v.row(row).transpose())) << ",\n";
        }
        out << "]\n";
    }
    if (d.cell.periodic != std::array<bool, 3>{true, true, true}) {
        out << "periodic = [";
        for (int axis = 0; axis < 3; ++axis) {
            out << (axis ? ", " : "") << (d.cell.periodic[axis] ? "true" : "false");
        }
        out << "]\n";
    }
    if (d.symmetry) {
        out << "space_group = " << d.symmetry->space_group << '\n';
        if (!d.symmetry->setting.empty()) {
            out << "setting = " << quoted(d.symmetry->setting) << '\n';
        }
    }
    out << "source = " << quoted(d.cell.source) << '\n';
}

void write_composition(std::ostream& out, const CompositionSpec& c) {
    out << "\n[composition]\n"
        << "formula = " << quoted(c.formula) << '\n'
        << "formula_units_per_cell = " << c.formula_units_per_cell << '\n'
        << "mobile_per_formula_unit = " << number(c.mobile_per_formula_unit) << '\n'
        << "mobile_range_per_formula_unit = " << pair(c.mobile_range) << '\n'
        << "source = " << quoted(c.source) << '\n';
}

void write_site_class(std::ostream& out, const SiteClassSpec& s, bool spectator) {
    out << (spectator ? "\n[[spectators]]\n" : "\n[[sites]]\n") << "class = " << quoted(s.name) << '\n';
    if (spectator) {
        out << "element = " << quoted(s.element) << '\n';
    }
    if (!s.wyckoff.empty()) {
        out << "wyckoff = " << quoted(s.wyckoff) << '\n';
    }
    write_positions(out, s.positions);
    if (!spectator) {
        out << "energy_eV = " << number(s.energy_eV) << '\n';
    }
    out << "source = " << quoted(s.source) << '\n';
}

void write_hop_class(std::ostream& out, const HopClassSpec& h) {
    out << "\n[[hops]]\n"
        << "class = " << quoted(h.name) << '\n'
        << "between = [" << quoted(h.from) << ", " << quoted(h.to) << "]\n"
        << "distance_A = " << pair(h.distance_A) << '\n';
    if (h.tabulated) {
        const auto list = [](const std::vector<double>& values) {
            std::string text = "[";
            for (std::size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + number(values[i]);
            return text + "]";
        };
        out << "tabulated = { parameter = " << quoted(h.tabulated->parameter)
            << ", at = " << list(h.tabulated->at) << ", barrier_eV = " << list(h.tabulated->barrier_eV)
            << ", attempt_frequency_Hz = " << list(h.tabulated->attempt_frequency_Hz) << " }\n";
    } else {
        out << "barrier_eV = " << number(h.barrier_eV) << '\n'
            << "attempt_frequency_Hz = " << number(h.attempt_frequency_Hz) << '\n';
    }
    out << "source = " << quoted(h.source) << '\n';
}

void write_parameter(std::ostream& out, const MaterialParameterSpec& p) {
    out << "\n[[parameters]]\n"
        << "name = " << quoted(p.name) << '\n'
        << "meaning = " << quoted(p.meaning) << '\n'
        << "value = " << number(p.value) << '\n'
        << "range = " << pair(p.range) << '\n'
        << "source = " << quoted(p.source) << '\n';
}

void write_exclusion(std::ostream& out, const ExclusionSpec& e) {
    out << "\n[[exclusions]]\n"
        << "class = " << quoted(e.name) << '\n'
        << "between = [" << quoted(e.between[0]) << ", " << quoted(e.between[1]) << "]\n"
        << "distance_A = " << pair(e.distance_A) << '\n'
        << "source = " << quoted(e.source) << '\n';
}

void write_dopant(std::ostream& out, const DopantSpec& dopant) {
    out << "\n[[dopants]]\n"
        << "name = " << quoted(dopant.name) << '\n'
        << "element = " << quoted(dopant.element) << '\n'
        << "host = " << quoted(dopant.host) << '\n'
        << "mobile_change_per_dopant = " << dopant.mobile_change_per_dopant << '\n';
    if (dopant.max_per_formula_unit) {
        out << "max_per_formula_unit = " << number(*dopant.max_per_formula_unit) << '\n'
            << "max_reason = " << quoted(dopant.max_reason) << '\n';
    }
    if (dopant.radius_A > 0.0) {
        out << "radius_A = " << number(dopant.radius_A) << '\n'
            << "site_energy_shift_eV = " << number(dopant.site_energy_shift_eV) << '\n'
            << "barrier_shift_eV = " << number(dopant.barrier_shift_eV) << '\n';
    }
    out << "source = " << quoted(dopant.source) << '\n';
}

}  // namespace

std::string format_lattice_text(const LatticeDescription& d) {
    std::ostringstream out;
    out << "# ionhop lattice file; units: Angstrom, degrees, eV, Hz. See docs/lattice-format.md.\n"
        << "format = " << quoted(lattice_format_version) << '\n'
        << "name = " << quoted(d.name) << '\n'
        << "description = " << quoted(d.description) << '\n'
        << "mobile_species = " << quoted(d.mobile_species) << '\n';
    if (!d.notes.empty()) {
        out << "notes = " << quoted(d.notes) << '\n';
    }
    out << "\n[references]\n";
    for (const auto& [key, citation] : d.references) {
        out << bare_or_quoted_key(key) << " = " << quoted(citation) << '\n';
    }
    write_cell(out, d);
    write_composition(out, d.composition);
    for (const MaterialParameterSpec& parameter : d.parameters) write_parameter(out, parameter);
    for (const SiteClassSpec& site : d.sites) write_site_class(out, site, false);
    for (const SiteClassSpec& site : d.spectators) write_site_class(out, site, true);
    for (const HopClassSpec& hop : d.hops) write_hop_class(out, hop);
    for (const ExclusionSpec& exclusion : d.exclusions) write_exclusion(out, exclusion);
    for (const DopantSpec& dopant : d.dopants) write_dopant(out, dopant);
    return out.str();
}

void write_lattice_file(const LatticeDescription& description, const std::filesystem::path& path) {
    write_file_atomically(path, format_lattice_text(description));
}

}  // namespace ionhop::materials
