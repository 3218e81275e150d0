// The JSON summary: every number with its unit in the key name, the settings and the
// lattice file echoed so the run can be repeated.
#include <nlohmann/json.hpp>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/outputs/run_record.hpp"
#include "json_fields.hpp"

namespace ionhop::outputs {

void write_json(const RunRecord& record, const std::filesystem::path& path) {
    using namespace json_fields;
    json document = prediction_json(record.prediction, "points");
    document.update({
        {"program", "ionhop"},
        {"version", record.program_version},
        {"command_line", record.command_line},
        {"units", units_json()},
        {"settings", settings_json(record.settings)},
        {"lattice_file", record.lattice_text},
    });
    if (!record.config_text.empty()) document["config_file"] = record.config_text;
    for (const runs::StackResistance& r : record.stack_resistance) {
        json layers = json::array();
        for (const runs::LayerResistance& layer : r.layers) {
            layers.push_back({{"name", layer.name},
                              {"thickness_nm", layer.thickness_nm},
                              {"occupancy", measurement(layer.occupancy)},
                              {"sigma_S_per_cm", measurement(layer.sigma_S_per_cm)},
                              {"asr_Ohm_cm2", measurement(layer.asr_Ohm_cm2)}});
        }
        document["stack_resistance"].push_back(
            {{"temperature_K", r.temperature_K},
             {"length_nm", r.length_nm},
             {"sigma_xx_S_per_cm", measurement(r.sigma_xx_S_per_cm)},
             {"asr_total_Ohm_cm2", measurement(r.asr_total_Ohm_cm2)},
             {"layers", layers},
             {"asr_interfaces_Ohm_cm2", measurement(r.asr_interfaces_Ohm_cm2)}});
    }
    for (const runs::GrainBoundaryResistance& r : record.grain_boundary_resistance) {
        document["grain_boundary_resistance"].push_back(
            {{"temperature_K", r.temperature_K},
             {"grain_size_nm", r.grain_size_nm},
             {"width_nm", r.width_nm},
             {"sigma_total_S_per_cm", measurement(r.sigma_total_S_per_cm)},
             {"sigma_bulk_S_per_cm", measurement(r.sigma_bulk_S_per_cm)},
             {"asr_per_boundary_Ohm_cm2", measurement(r.asr_per_boundary_Ohm_cm2)},
             {"sigma_gb_S_per_cm", measurement(r.sigma_gb_S_per_cm)}});
    }
    write_file_atomically(path, document.dump(2) + "\n");
}

}  // namespace ionhop::outputs
