#include "ionhop/materials/interphase_table.hpp"

#include <cmath>
#include <sstream>
#include <toml.hpp>

#include "embedded_interphases.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"
#include "ionhop/materials/toml_fields.hpp"

namespace ionhop::materials {
namespace {

using namespace toml_fields;

inline constexpr const char* interphase_format = "ionhop-interphases/1";

// A number, or the string "unknown" (empty); nothing else.
std::optional<double> number_or_unknown(const Node& table, const std::string& key) {
    const toml::value& value = table.value.as_table().at(key);
    if (value.is_string()) {
        if (value.as_string().str != "unknown")
            fail(value, join(table.path, key), "expected a number or \"unknown\"");
        return std::nullopt;
    }
    const double x = number(table, key);
    if (!(x >= 0.0)) fail(value, join(table.path, key), "must be >= 0");
    return x;
}

std::string format_number(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

}  // namespace

std::vector<InterphasePhase> parse_interphase_table(const std::string& file_text, const std::string& origin) {
    toml::value root;
    try {
        std::istringstream in(file_text);
        root = toml::parse(in, origin);
    } catch (const std::exception& error) {
        throw Error(origin + ": not valid TOML: " + error.what());
    }
    const Node document{root, ""};
    reject_unknown_keys(document, {"format", "phase"});
    if (text_or(document, "format", "") != interphase_format) {
        throw Error(origin + ": format must be \"" + interphase_format + "\"");
    }
    std::vector<InterphasePhase> phases;
    const toml::array& entries = array(document, "phase");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Node entry{entries[i], "phase[" + std::to_string(i) + "]"};
        if (!entries[i].is_table()) fail(entries[i], entry.path, "expected a table");
        reject_unknown_keys(entry, {"name", "formula", "structure", "li_density_per_nm3", "density_source",
                                    "sigma_RT_S_per_cm", "sigma_T_K", "sigma_source", "activation_energy_eV",
                                    "activation_source", "notes"});
        InterphasePhase phase;
        phase.name = text(entry, "name");
        phase.formula = text(entry, "formula");
        phase.structure = text(entry, "structure");
        phase.li_density_per_nm3 = number_or_unknown(entry, "li_density_per_nm3");
        phase.sigma_RT_S_per_cm = number_or_unknown(entry, "sigma_RT_S_per_cm");
        phase.activation_energy_eV = number_or_unknown(entry, "activation_energy_eV");
        phase.notes = text_or(entry, "notes", "");
        // Every number has its source.
        const auto source = [&](const std::optional<double>& value, const std::string& key) {
            if (!value) return std::string();
            if (!has(entry, key)) fail(entries[i], entry.path, "a value without its " + key);
            return text(entry, key);
        };
        phase.density_source = source(phase.li_density_per_nm3, "density_source");
        phase.sigma_source = source(phase.sigma_RT_S_per_cm, "sigma_source");
        phase.activation_source = source(phase.activation_energy_eV, "activation_source");
        if (phase.sigma_RT_S_per_cm) phase.sigma_T_K = number(entry, "sigma_T_K");
        for (const InterphasePhase& other : phases) {
            if (other.name == phase.name)
                fail(entries[i], join(entry.path, "name"), "'" + phase.name + "' twice");
        }
        phases.push_back(std::move(phase));
    }
    return phases;
}

const std::vector<InterphasePhase>& interphase_phases() {
    static const std::vector<InterphasePhase> phases =
        parse_interphase_table(std::string(embedded_interphase_table()), "interphases.toml");
    return phases;
}

const InterphasePhase& find_interphase(std::string_view name) {
    std::string valid;
    for (const InterphasePhase& phase : interphase_phases()) {
        if (phase.name == name) return phase;
        valid += (valid.empty() ? "" : ", ") + phase.name;
    }
    throw Error("unknown interphase phase '" + std::string(name) + "'; the table has: " + valid);
}

GenericLayerSpec layer_from_phase(const PhaseLayerRequest& request, double lateral_spacing_A) {
    const InterphasePhase& phase = find_interphase(request.phase);
    const std::string where = "layer '" + request.layer_name + "' (phase " + phase.name + "): ";
    std::vector<std::string> missing;
    const double density = request.site_density_per_nm3.value_or(phase.li_density_per_nm3.value_or(NAN));
    if (std::isnan(density)) missing.push_back("site_density_per_nm3");
    const double barrier = request.barrier_eV.value_or(phase.activation_energy_eV.value_or(NAN));
    if (std::isnan(barrier)) missing.push_back("barrier_eV (the table has no activation energy)");
    if (!request.attempt_frequency_Hz && !phase.sigma_RT_S_per_cm) {
        missing.push_back("attempt_frequency_Hz (the table has no conductivity to derive it from)");
    }
    if (!missing.empty()) {
        std::string list;
        for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
        throw Error(where + "unknown in the interphase table: give " + list);
    }
    if (!(lateral_spacing_A > 0.0) || !(density > 0.0)) {
        throw Error(where + "the site density and lateral spacing must be > 0");
    }

    GenericLayerSpec layer;
    layer.name = request.layer_name;
    layer.thickness_nm = request.thickness_nm;
    layer.site_density_per_nm3 = density;
    layer.barrier_eV = barrier;
    layer.site_energy_eV = request.site_energy_eV;
    std::ostringstream source;
    source << "interphase table, " << phase.name << ":";
    if (!request.site_density_per_nm3)
        source << " Li density " << density << "/nm^3 (" << phase.density_source << ");";
    if (!request.barrier_eV) {
        source << " barrier = E_a " << barrier << " eV (" << phase.activation_source << ");";
    }
    if (request.attempt_frequency_Hz) {
        layer.attempt_frequency_Hz = *request.attempt_frequency_Hz;
    } else {
        const double sigma = *phase.sigma_RT_S_per_cm, T = phase.sigma_T_K, c = 0.5;
        const double kT_J = units::thermal_energy_eV(T) * units::elementary_charge_C;
        const double rho_per_cm3 = density * 1e21;
        const double a_cm = lateral_spacing_A * 1e-8;
        const double d_cm = 1.0 / (rho_per_cm3 * a_cm * a_cm);
        const double e = units::elementary_charge_C;
        layer.attempt_frequency_Hz = sigma * kT_J /
                                     (e * e * rho_per_cm3 * c * (1.0 - c) * d_cm * d_cm *
                                      std::exp(-barrier / units::thermal_energy_eV(T)));
        source << " attempt frequency " << format_number(layer.attempt_frequency_Hz)
               << " Hz from sigma = " << sigma << " S/cm at " << T << " K (" << phase.sigma_source
               << ") for the layer alone at half filling;";
    }
    if (!request.source.empty()) source << " user values: " << request.source;
    layer.source = source.str();
    return layer;
}

}  // namespace ionhop::materials
