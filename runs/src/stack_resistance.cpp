#include "ionhop/runs/stack_resistance.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "ionhop/core/error.hpp"

namespace ionhop::runs {
namespace {

// L / sigma with sigma's relative error; infinite resistance for sigma = 0.
engine::Measurement resistance(double length_cm, const engine::Measurement& sigma) {
    if (!(sigma.value > 0.0)) return {INFINITY, 0.0};
    const double value = length_cm / sigma.value;
    return {value, value * sigma.relative_error()};
}

// The fraction of a layer's sites holding Li: its classes' occupancies weighed by their
// site counts (errors combined as independent).
engine::Measurement layer_occupancy(const engine::TransportEstimate& estimate,
                                    const std::vector<std::string>& classes,
                                    const std::map<std::string, double>& sites_of_class) {
    double occupied = 0.0, variance = 0.0, sites = 0.0;
    for (const std::string& name : classes) {
        const auto found = std::find(estimate.class_names.begin(), estimate.class_names.end(), name);
        if (found == estimate.class_names.end()) {
            throw Error("stack resistance: the prediction has no site class '" + name + "' of this stack");
        }
        const engine::Measurement& occupancy = estimate.class_occupancy[found - estimate.class_names.begin()];
        const double n = sites_of_class.at(name);
        occupied += n * occupancy.value;
        variance += n * n * occupancy.standard_error * occupancy.standard_error;
        sites += n;
    }
    return {occupied / sites, std::sqrt(variance) / sites};
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
    // Sites per class in the stack, to weigh the class occupancies of a layer.
    std::map<std::string, double> sites_of_class;
    for (const materials::SiteClassSpec& sites : materials::describe_layer_stack(stack).sites) {
        sites_of_class[sites.name] = static_cast<double>(sites.positions.size());
    }
    std::vector<double> bulk_sum(split.size(), 0.0), bulk_variance(split.size(), 0.0);
    for (std::size_t k = 0; k < stack.layers.size(); ++k) {
        const std::vector<std::string> classes = materials::layer_site_classes(stack, k);
        const materials::LatticeDescription alone = materials::describe_layer_alone(stack, k);
        for (std::size_t t = 0; t < split.size(); ++t) {
            const engine::TransportEstimate& estimate = stack_prediction.points[t].estimate;
            LayerResistance part;
            part.name = materials::layer_name(stack.layers[k]);
            part.thickness_nm = thickness_nm[k];
            part.occupancy = layer_occupancy(estimate, classes, sites_of_class);
            PredictionSettings bulk = settings;
            bulk.temperatures_K = {split[t].temperature_K};
            bulk.repetitions = stack_prediction.repetitions;  // the layer's part of the stack's box
            bulk.mobile_per_formula_unit.reset();
            bulk.mobile_per_cell.reset();
            bulk.ion_count.reset();
            bulk.vacancies.reset();
            bulk.site_fraction = std::clamp(part.occupancy.value, 1e-6, 1.0 - 1e-6);
            bulk.occupancy_profile_x = false;
            const Prediction p = run_prediction(alone, bulk);
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
