// The resistance splits of a prediction in HDF5 (schema: docs/output-format.md), shared by
// the results file of a run and each point of a sweep.
#include <hdf5.h>

#include <string>
#include <vector>

#include "hdf5_fields.hpp"

namespace ionhop::outputs::hdf5_fields {
namespace {

// stack_resistance: the series split of a layer stack's resistance, over T.
void write_stack_resistance(hid_t parent, const std::vector<runs::StackResistance>& split) {
    Handle g = group(parent, "stack_resistance");
    temperature_column(g, split);
    real_attribute(g, "length_nm", split.front().length_nm);
    measurement_column(
        g, "asr_total", split, [](const auto& r) { return r.asr_total_Ohm_cm2; }, "Ohm cm^2");
    measurement_column(
        g, "asr_interfaces", split, [](const auto& r) { return r.asr_interfaces_Ohm_cm2; }, "Ohm cm^2");
    measurement_column(
        g, "sigma_xx", split, [](const auto& r) { return r.sigma_xx_S_per_cm; }, "S/cm");
    Handle layers = group(g, "layers");
    for (std::size_t k = 0; k < split.front().layers.size(); ++k) {
        Handle layer = group(layers, split.front().layers[k].name);
        real_attribute(layer, "thickness_nm", split.front().layers[k].thickness_nm);
        measurement_column(
            layer, "asr", split, [k](const auto& r) { return r.layers[k].asr_Ohm_cm2; }, "Ohm cm^2");
        measurement_column(
            layer, "sigma", split, [k](const auto& r) { return r.layers[k].sigma_S_per_cm; }, "S/cm");
        measurement_column(
            layer, "occupancy", split, [k](const auto& r) { return r.layers[k].occupancy; },
            "fraction of sites");
    }
}

// grain_boundary_resistance: the brick-layer split of a microstructure, over T.
void write_grain_boundary_resistance(hid_t parent, const std::vector<runs::GrainBoundaryResistance>& split) {
    Handle g = group(parent, "grain_boundary_resistance");
    temperature_column(g, split);
    real_attribute(g, "grain_size_nm", split.front().grain_size_nm);
    real_attribute(g, "width_nm", split.front().width_nm);
    measurement_column(
        g, "sigma_total", split, [](const auto& r) { return r.sigma_total_S_per_cm; }, "S/cm");
    measurement_column(
        g, "sigma_bulk", split, [](const auto& r) { return r.sigma_bulk_S_per_cm; }, "S/cm");
    measurement_column(
        g, "asr_per_boundary", split, [](const auto& r) { return r.asr_per_boundary_Ohm_cm2; }, "Ohm cm^2");
    measurement_column(
        g, "sigma_gb", split, [](const auto& r) { return r.sigma_gb_S_per_cm; }, "S/cm");
}

}  // namespace

void write_resistance_split(hid_t parent, const runs::ResistanceSplit& split) {
    if (!split.stack.empty()) write_stack_resistance(parent, split.stack);
    if (!split.grain_boundaries.empty()) write_grain_boundary_resistance(parent, split.grain_boundaries);
}

}  // namespace ionhop::outputs::hdf5_fields
