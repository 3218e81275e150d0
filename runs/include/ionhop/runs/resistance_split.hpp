#pragma once
// The resistance splits a prediction gets after its run, the same for `ionhop run` and for
// every point of a sweep: a layer stack's area-specific resistance in series
// (stack_resistance.hpp) and a microstructure's bulk and boundary parts by the brick-layer
// model (grain_boundary_resistance.hpp). Both run further predictions (the layers alone,
// the crystal alone) with the prediction's settings, so its seed, threads and checkpoint.
#include <optional>
#include <vector>

#include "ionhop/materials/lattice_description.hpp"
#include "ionhop/materials/layer_stack.hpp"
#include "ionhop/runs/grain_boundary_resistance.hpp"
#include "ionhop/runs/prediction.hpp"
#include "ionhop/runs/stack_resistance.hpp"

namespace ionhop::runs {

struct ResistanceSplit {
    std::vector<StackResistance> stack;                     // layer stacks, per temperature
    std::vector<GrainBoundaryResistance> grain_boundaries;  // microstructures, per temperature
};

// Empty parts where there is nothing to split: no stack (or no microstructure), a
// prediction with sigma = 0 (no percolating path, every replica frozen), or a field in the
// rates (its mean-square displacements include the drift).
ResistanceSplit split_resistance(const materials::LatticeDescription& material,
                                 const std::optional<materials::LayerStackSpec>& stack,
                                 const Prediction& prediction, const PredictionSettings& settings);

}  // namespace ionhop::runs
