#pragma once
// The pieces of the JSON writers (json_writer.cpp, sweep_json_writer.cpp): every number
// with its unit in the key name, each measurement as {value, standard_error}.
#include <nlohmann/json.hpp>
#include <string>

#include "ionhop/runs/prediction.hpp"
#include "ionhop/runs/resistance_split.hpp"

namespace ionhop::outputs::json_fields {

using nlohmann::json;

json measurement(const engine::Measurement& m);
// One temperature: sigma, D*, D_sigma, Haven ratio, their tensors, occupancies, replicas.
json point_json(const runs::PredictionPoint& point);
// The units of the file, by quantity.
json units_json();
json settings_json(const runs::PredictionSettings& s);
// The fit, or {note} when there is none.
json arrhenius_json(const runs::Prediction& p);
// material, supercell, sites, ions, mobile_per_formula_unit, doping (with a dopant),
// the table of temperatures under `table_key` and arrhenius.
json prediction_json(const runs::Prediction& p, const std::string& table_key);

// Adds `stack_resistance` and `grain_boundary_resistance` (arrays over temperature) to
// `object`, each only when the split has it.
void add_resistance_split(json& object, const runs::ResistanceSplit& split);

}  // namespace ionhop::outputs::json_fields
