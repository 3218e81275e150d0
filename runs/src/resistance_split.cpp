#include "ionhop/runs/resistance_split.hpp"

namespace ionhop::runs {

ResistanceSplit split_resistance(const materials::LatticeDescription& material,
                                 const std::optional<materials::LayerStackSpec>& stack,
                                 const Prediction& prediction, const PredictionSettings& settings) {
    ResistanceSplit split;
    if (!prediction.frozen_note.empty() || !settings.field_V_per_cm.isZero()) return split;
    if (stack) split.stack = split_stack_resistance(*stack, prediction, settings);
    if (settings.microstructure) {
        split.grain_boundaries = split_grain_boundary_resistance(material, prediction, settings);
    }
    return split;
}

}  // namespace ionhop::runs
