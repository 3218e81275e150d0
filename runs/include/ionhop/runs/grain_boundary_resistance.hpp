#pragma once
// Bulk and grain-boundary contributions of a microstructure's conductivity, by the
// brick-layer model (van Dijk and Burggraaf, Phys. Status Solidi A 63, 229 (1981)): grains
// of size d in series with boundaries of resistance R_gb per area,
//   1/sigma_total = 1/sigma_bulk + R_gb/d,   sigma_gb = delta / R_gb,
// with sigma_bulk predicted for the crystal alone (same settings and content, no grains)
// and delta the boundary width. A bicrystal has two boundaries per period of two grains
// of thickness d, so the same relation holds along its normal (x), exactly for aligned
// grains. Ohm cm^2 and S/cm; errors are standard errors, combined as independent.
#include <vector>

#include "ionhop/engine/statistics.hpp"
#include "ionhop/materials/lattice_description.hpp"
#include "ionhop/runs/prediction.hpp"

namespace ionhop::runs {

struct GrainBoundaryResistance {
    double temperature_K = 0.0;
    double grain_size_nm = 0.0;                // d: cube edge of a grain's mean volume, or slab thickness
    double width_nm = 0.0;                     // delta
    engine::Measurement sigma_total_S_per_cm;  // polycrystal: scalar sigma; bicrystal: sigma_xx
    engine::Measurement sigma_bulk_S_per_cm;   // the crystal alone, same component
    engine::Measurement asr_per_boundary_Ohm_cm2;
    engine::Measurement sigma_gb_S_per_cm;  // specific boundary conductivity delta / R_gb
};

// Runs the crystal alone at every temperature of `prediction` (which must be the prediction
// of `material` with `settings`, a microstructure among them) and splits the resistance.
std::vector<GrainBoundaryResistance> split_grain_boundary_resistance(
    const materials::LatticeDescription& material, const Prediction& prediction,
    const PredictionSettings& settings);

}  // namespace ionhop::runs
