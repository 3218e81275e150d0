#include "ionhop/runs/stack_resistance.hpp"

#include <algorithm>
#include <cmath>

#include "ionhop/core/error.hpp"

namespace ionhop::runs {
namespace {

// L / sigma with sigma's relative error; infinite resistance for sigma = 0.
engine::Measurement resistance(double length_cm, const engine::Measurement& sigma) {
    if (!(sigma.value > 0.0)) return {INFINITY, 0.0};
    const double value = length_cm / sigma.value;
    return {value, value * sigma.relative_error()};
}

engine::Measurement xx(const engine::TransportEstimate& estimate) {
    return {estimate.sigma_S_per_cm.value(0, 0), estimate.sigma_S_per_cm.standard_error(0, 0)};
}

}  // namespace

std::vector<StackResistance> split_stack_resistance(const materials::LayerStackSpec& stack,
                                                    const Prediction& stack_prediction,
                                                    const PredictionSettings& settings) {
    const std::vector<double> thickness_nm = materials::realised_thickness_nm(stack);
    double length_nm = 0.0;
    for (double t : thickness_nm) length_nm += t;
    std::vector<StackResistance> split;
    for (const PredictionPoint& point : stack_prediction.points) {
        StackResistance r;
        r.temperature_K = point.temperature_K;
        r.length_nm = length_nm;
        r.sigma_xx_S_per_cm = xx(point.estimate);
        r.asr_total_Ohm_cm2 = resistance(length_nm * 1e-7, r.sigma_xx_S_per_cm);
        split.push_back(r);
    }
    std::vector<double> bulk_sum(split.size(), 0.0), bulk_variance(split.size(), 0.0);
    for (std::size_t k = 0; k < stack.layers.size(); ++k) {
        const materials::GenericLayerSpec& layer = stack.layers[k];
        materials::LayerStackSpec alone = stack;
        alone.layers = {layer};
        alone.interface_barrier_eV.reset();
        for (std::size_t t = 0; t < split.size(); ++t) {
            const engine::TransportEstimate& estimate = stack_prediction.points[t].estimate;
            if (estimate.class_names.size() != stack.layers.size() || estimate.class_names[k] != layer.name) {
                throw Error("stack resistance: the prediction does not hold the layers of this stack");
            }
            LayerResistance part;
            part.name = layer.name;
            part.thickness_nm = thickness_nm[k];
            part.occupancy = estimate.class_occupancy[k];
            alone.site_fraction = std::clamp(part.occupancy.value, 1e-6, 1.0 - 1e-6);
            PredictionSettings bulk = settings;
            bulk.temperatures_K = {split[t].temperature_K};
            bulk.mobile_per_formula_unit.reset();
            bulk.site_fraction.reset();
            bulk.mobile_per_cell.reset();
            bulk.ion_count.reset();
            bulk.vacancies.reset();
            const Prediction p = run_prediction(materials::describe_layer_stack(alone), bulk);
            part.sigma_S_per_cm = xx(p.points[0].estimate);
            part.asr_Ohm_cm2 = resistance(part.thickness_nm * 1e-7, part.sigma_S_per_cm);
            bulk_sum[t] += part.asr_Ohm_cm2.value;
            bulk_variance[t] += part.asr_Ohm_cm2.standard_error * part.asr_Ohm_cm2.standard_error;
            split[t].layers.push_back(part);
        }
    }
    for (std::size_t t = 0; t < split.size(); ++t) {
        const engine::Measurement& total = split[t].asr_total_Ohm_cm2;
        split[t].asr_interfaces_Ohm_cm2 = {
            total.value - bulk_sum[t],
            std::sqrt(total.standard_error * total.standard_error + bulk_variance[t])};
    }
    return split;
}

}  // namespace ionhop::runs
