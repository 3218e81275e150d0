#pragma once
// Area-specific resistance of a layer stack along its normal (x), split in series:
// ASR_total = L / sigma_xx(stack); each layer's bulk ASR_k = L_k / sigma_k, with sigma_k
// predicted for the layer alone at the Li occupancy it has in the stack; what remains,
// ASR_total - sum_k ASR_k, is the resistance of the interfaces (and of the depletion or
// accumulation next to them). Ohm cm^2; errors are standard errors, combined as
// independent.
#include <string>
#include <vector>

#include "ionhop/engine/statistics.hpp"
#include "ionhop/materials/layer_stack.hpp"
#include "ionhop/runs/prediction.hpp"

namespace ionhop::runs {

struct LayerResistance {
    std::string name;
    double thickness_nm = 0.0;           // realised
    engine::Measurement occupancy;       // fraction of the layer's sites holding Li, in the stack
    engine::Measurement sigma_S_per_cm;  // the layer alone, along x, at that occupancy
    engine::Measurement asr_Ohm_cm2;
};

struct StackResistance {
    double temperature_K = 0.0;
    double length_nm = 0.0;
    engine::Measurement sigma_xx_S_per_cm;  // the whole stack along x
    engine::Measurement asr_total_Ohm_cm2;
    std::vector<LayerResistance> layers;
    engine::Measurement asr_interfaces_Ohm_cm2;  // total minus the layers' bulk
};

// Runs the layers alone (one prediction per layer, same settings and seed) and splits the
// stack's resistance at every temperature of `stack_prediction`, which must be the
// prediction of describe_layer_stack(stack) with `settings`.
std::vector<StackResistance> split_stack_resistance(const materials::LayerStackSpec& stack,
                                                    const Prediction& stack_prediction,
                                                    const PredictionSettings& settings);

}  // namespace ionhop::runs
