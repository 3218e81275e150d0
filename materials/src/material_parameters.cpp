#include "ionhop/materials/material_parameters.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "ionhop/core/error.hpp"

namespace ionhop::materials {
namespace {

MaterialParameterSpec* find_parameter(LatticeDescription& d, const std::string& name) {
    for (MaterialParameterSpec& p : d.parameters) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

}  // namespace

std::string material_parameter_names(const LatticeDescription& d) {
    std::string names;
    for (const MaterialParameterSpec& p : d.parameters) names += (names.empty() ? "" : ", ") + p.name;
    return names.empty() ? "none" : names;
}

HopRateParameters interpolate_hop(const HopTabulation& table, double x) {
    const std::vector<double>& at = table.at;
    if (at.empty() || !(x >= at.front() && x <= at.back())) {
        std::ostringstream message;
        message << "hop table of '" << table.parameter << "': " << x << " lies outside the tabulated points";
        throw Error(message.str());
    }
    if (table.barrier_eV.size() != at.size() || table.attempt_frequency_Hz.size() != at.size()) {
        throw Error("hop table of '" + table.parameter +
                    "': one barrier and one attempt frequency per point");
    }
    if (at.size() == 1) return {table.barrier_eV[0], table.attempt_frequency_Hz[0]};
    // Index of the interval [at[k], at[k+1]] holding x (the last one for x = at.back()).
    const auto above = static_cast<std::size_t>(std::upper_bound(at.begin(), at.end(), x) - at.begin());
    const std::size_t k = std::min(above, at.size() - 1) - 1;
    const double w = (x - at[k]) / (at[k + 1] - at[k]);
    // Exactly the tabulated numbers at the points themselves.
    if (w == 0.0) return {table.barrier_eV[k], table.attempt_frequency_Hz[k]};
    if (w == 1.0) return {table.barrier_eV[k + 1], table.attempt_frequency_Hz[k + 1]};
    const double log_nu =
        (1.0 - w) * std::log(table.attempt_frequency_Hz[k]) + w * std::log(table.attempt_frequency_Hz[k + 1]);
    return {(1.0 - w) * table.barrier_eV[k] + w * table.barrier_eV[k + 1], std::exp(log_nu)};
}

void resolve_tabulated_hops(LatticeDescription& d) {
    for (HopClassSpec& hop : d.hops) {
        if (!hop.tabulated) continue;
        const MaterialParameterSpec* parameter = find_parameter(d, hop.tabulated->parameter);
        if (!parameter) {
            throw Error("lattice '" + d.name + "': hop class '" + hop.name + "' is tabulated against '" +
                        hop.tabulated->parameter +
                        "', which is not a parameter of the material (parameters: " +
                        material_parameter_names(d) + ")");
        }
        const HopRateParameters resolved = interpolate_hop(*hop.tabulated, parameter->value);
        hop.barrier_eV = resolved.barrier_eV;
        hop.attempt_frequency_Hz = resolved.attempt_frequency_Hz;
    }
}

LatticeDescription with_material_parameter(LatticeDescription d, const std::string& name, double value) {
    MaterialParameterSpec* parameter = find_parameter(d, name);
    if (!parameter) {
        throw Error("material '" + d.name + "' has no parameter '" + name +
                    "'; its parameters: " + material_parameter_names(d));
    }
    if (!std::isfinite(value) || value < parameter->range[0] || value > parameter->range[1]) {
        std::ostringstream message;
        message << "material '" << d.name << "': parameter '" << name << "' (" << parameter->meaning
                << ") must lie in [" << parameter->range[0] << ", " << parameter->range[1] << "], found "
                << value;
        throw Error(message.str());
    }
    parameter->value = value;
    resolve_tabulated_hops(d);
    return d;
}

}  // namespace ionhop::materials
