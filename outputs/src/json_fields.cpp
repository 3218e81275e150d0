// The pieces of the JSON writers (json_fields.hpp).
#include "json_fields.hpp"

namespace ionhop::outputs::json_fields {
namespace {

json matrix(const Eigen::Matrix3d& m) {
    json rows = json::array();
    for (int i = 0; i < 3; ++i) rows.push_back({m(i, 0), m(i, 1), m(i, 2)});
    return rows;
}

json tensor(const engine::TensorMeasurement& t) {
    return {{"value", matrix(t.value)}, {"standard_error", matrix(t.standard_error)}};
}

json doping_json(const runs::DopingSummary& d) {
    return {{"dopant", d.dopant},
            {"host", d.host},
            {"requested_per_formula_unit", d.requested_per_formula_unit},
            {"per_formula_unit", d.per_formula_unit},
            {"count", d.count},
            {"mobile_change", d.mobile_change},
            {"blocks_host", d.blocks_host},
            {"configurations", "one random configuration per replica"}};
}

json microstructure_json(const runs::MicrostructureSummary& m) {
    return {{"kind", runs::microstructure_kind_name(m.kind)},
            {"grains", m.grains},
            {"box_A", {m.box_A.x(), m.box_A.y(), m.box_A.z()}},
            {"gb_sites", m.gb_sites},
            {"boundary_hops", m.boundary_hops},
            {"removed_sites", m.removed_sites},
            {"seam_pairs", m.seam_pairs}};
}

}  // namespace

json measurement(const engine::Measurement& m) {
    return {{"value", m.value}, {"standard_error", m.standard_error}};
}

json point_json(const runs::PredictionPoint& point) {
    const engine::TransportEstimate& e = point.estimate;
    json occupancy = json::object();
    for (std::size_t k = 0; k < e.class_names.size(); ++k) {
        occupancy[e.class_names[k]] = measurement(e.class_occupancy[k]);
    }
    json row = {{"temperature_K", point.temperature_K},
                {"sigma_S_per_cm", measurement(e.sigma)},
                {"sigma_tensor_S_per_cm", tensor(e.sigma_S_per_cm)},
                {"tracer_D_cm2_per_s", measurement(e.tracer_D)},
                {"tracer_D_tensor_cm2_per_s", tensor(e.tracer_D_cm2_per_s)},
                {"collective_D_cm2_per_s", measurement(e.collective_D)},
                {"collective_D_tensor_cm2_per_s", tensor(e.collective_D_cm2_per_s)},
                {"collective_D_windowed_cm2_per_s", measurement(e.collective_D_windowed)},
                {"collective_D_whole_run_cm2_per_s", measurement(e.collective_D_whole_run)},
                {"collective_from_lag_fit", e.collective_from_lag_fit},
                {"collective_converged", e.collective_converged},
                {"events_per_ion", point.events_per_ion},
                {"haven_ratio", measurement(e.haven_ratio)},
                {"site_class_occupancy", occupancy},
                {"replicas", e.replicas.size()},
                {"target_reached", e.target_reached},
                {"events", e.total_events},
                {"wall_time_s", e.wall_time_s},
                {"accelerated_replicas", e.accelerated_replicas},
                {"simulated_s_per_wall_s", e.simulated_s_per_wall_s}};
    if (e.has_field) row["drift_sigma_S_per_cm"] = measurement(e.drift_sigma);
    if (e.has_lag_fit) row["collective_D_lag_fit_cm2_per_s"] = measurement(e.collective_D_lag_fit);
    if (e.has_lag_fit_bend)
        row["collective_D_lag_fit_bend_cm2_per_s"] = measurement(e.collective_D_lag_fit_bend);
    return row;
}

json units_json() {
    return {
        {"temperature", "K"}, {"sigma", "S/cm"}, {"diffusion", "cm^2/s"}, {"energy", "eV"}, {"time", "s"}};
}

json settings_json(const runs::PredictionSettings& s) {
    return {{"temperatures_K", s.temperatures_K}, {"target_relative_error", s.target_relative_error},
            {"min_replicas", s.min_replicas},     {"max_replicas", s.max_replicas},
            {"events_per_ion", s.events_per_ion}, {"seed", s.seed},
            {"acceleration", s.acceleration}};
}

json arrhenius_json(const runs::Prediction& p) {
    if (!p.arrhenius) return {{"note", p.arrhenius_note}};
    const engine::ArrheniusFit& fit = *p.arrhenius;
    json arrhenius = {{"model", "sigma*T = A exp(-E_a / (k_B T))"},
                      {"activation_energy_eV", measurement(fit.activation_energy_eV)},
                      {"log_prefactor_ln_S_K_per_cm", measurement(fit.log_prefactor)},
                      {"prefactor_S_K_per_cm", fit.prefactor_S_K_per_cm},
                      {"chi2", fit.chi2},
                      {"degrees_of_freedom", fit.degrees_of_freedom},
                      {"curvature_detected", fit.curvature_detected}};
    if (fit.regime_break_K > 0.0) {
        arrhenius["two_regimes"] = {
            {"break_K", fit.regime_break_K},
            {"low_T_activation_energy_eV", measurement(fit.low_T_activation_energy_eV)},
            {"high_T_activation_energy_eV", measurement(fit.high_T_activation_energy_eV)}};
    }
    return arrhenius;
}

json prediction_json(const runs::Prediction& p, const std::string& table_key) {
    json object = {{"material", p.material},
                   {"supercell", {p.repetitions[0], p.repetitions[1], p.repetitions[2]}},
                   {"sites", p.sites},
                   {"ions", p.ions},
                   {"mobile_per_formula_unit", p.mobile_per_formula_unit},
                   {table_key, json::array()},
                   {"arrhenius", arrhenius_json(p)}};
    if (p.doping) object["doping"] = doping_json(*p.doping);
    if (p.microstructure) object["microstructure"] = microstructure_json(*p.microstructure);
    if (!p.frozen_note.empty()) object["frozen_note"] = p.frozen_note;
    for (const runs::PredictionPoint& point : p.points) {
        json row = point_json(point);
        if (!p.profile_x_A.empty() && point.estimate.bin_occupancy.size() == p.profile_x_A.size()) {
            json profile = json::array();
            for (std::size_t b = 0; b < p.profile_x_A.size(); ++b) {
                profile.push_back(
                    {{"x_A", p.profile_x_A[b]}, {"occupancy", measurement(point.estimate.bin_occupancy[b])}});
            }
            row["occupancy_profile_x"] = profile;
        }
        object[table_key].push_back(row);
    }
    return object;
}

void add_resistance_split(json& object, const runs::ResistanceSplit& split) {
    for (const runs::StackResistance& r : split.stack) {
        json layers = json::array();
        for (const runs::LayerResistance& layer : r.layers) {
            layers.push_back({{"name", layer.name},
                              {"thickness_nm", layer.thickness_nm},
                              {"occupancy", measurement(layer.occupancy)},
                              {"sigma_S_per_cm", measurement(layer.sigma_S_per_cm)},
                              {"asr_Ohm_cm2", measurement(layer.asr_Ohm_cm2)}});
        }
        object["stack_resistance"].push_back(
            {{"temperature_K", r.temperature_K},
             {"length_nm", r.length_nm},
             {"sigma_xx_S_per_cm", measurement(r.sigma_xx_S_per_cm)},
             {"asr_total_Ohm_cm2", measurement(r.asr_total_Ohm_cm2)},
             {"layers", layers},
             {"asr_interfaces_Ohm_cm2", measurement(r.asr_interfaces_Ohm_cm2)}});
    }
    for (const runs::GrainBoundaryResistance& r : split.grain_boundaries) {
        object["grain_boundary_resistance"].push_back(
            {{"temperature_K", r.temperature_K},
             {"grain_size_nm", r.grain_size_nm},
             {"width_nm", r.width_nm},
             {"sigma_total_S_per_cm", measurement(r.sigma_total_S_per_cm)},
             {"sigma_bulk_S_per_cm", measurement(r.sigma_bulk_S_per_cm)},
             {"asr_per_boundary_Ohm_cm2", measurement(r.asr_per_boundary_Ohm_cm2)},
             {"sigma_gb_S_per_cm", measurement(r.sigma_gb_S_per_cm)}});
    }
}

}  // namespace ionhop::outputs::json_fields
