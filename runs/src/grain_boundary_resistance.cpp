#include "ionhop/runs/grain_boundary_resistance.hpp"

#include <algorithm>
#include <cmath>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/cell.hpp"
#include "ionhop/materials/build.hpp"

namespace ionhop::runs {
namespace {

engine::Measurement component(const engine::TransportEstimate& estimate, bool along_x) {
    if (!along_x) return estimate.sigma;
    return {estimate.sigma_S_per_cm.value(0, 0), estimate.sigma_S_per_cm.standard_error(0, 0)};
}

}  // namespace

std::vector<GrainBoundaryResistance> split_grain_boundary_resistance(
    const materials::LatticeDescription& material, const Prediction& prediction,
    const PredictionSettings& settings) {
    if (!settings.microstructure || !prediction.microstructure) {
        throw Error("grain-boundary resistance: the prediction has no microstructure");
    }
    const MicrostructureRequest& request = *settings.microstructure;
    const bool bicrystal = request.kind == MicrostructureKind::bicrystal;
    const double grain_size_nm =
        bicrystal ? 0.5 * prediction.microstructure->box_A.x() / 10.0 : request.grain_size_nm;

    PredictionSettings bulk = settings;
    bulk.microstructure.reset();
    bulk.site_fraction.reset();
    bulk.mobile_per_cell.reset();
    bulk.ion_count.reset();
    bulk.vacancies.reset();
    bulk.mobile_per_formula_unit = prediction.mobile_per_formula_unit;
    // The crystal in a supercell as large as the microstructure's box (the same box for an
    // aligned bicrystal, whose cell axes lie along x, y and z).
    const Eigen::Vector3d faces =
        lattices::make_cell(materials::make_cell(material.cell).vectors_A).face_distances_A();
    for (int axis = 0; axis < 3; ++axis) {
        bulk.repetitions[axis] =
            std::max(1, static_cast<int>(std::lround(prediction.microstructure->box_A[axis] / faces[axis])));
    }
    bulk.temperatures_K.clear();
    for (const PredictionPoint& point : prediction.points) bulk.temperatures_K.push_back(point.temperature_K);
    const Prediction crystal = run_prediction(material, bulk);

    std::vector<GrainBoundaryResistance> split;
    const double d_cm = grain_size_nm * 1e-7;
    for (std::size_t t = 0; t < prediction.points.size(); ++t) {
        GrainBoundaryResistance r;
        r.temperature_K = prediction.points[t].temperature_K;
        r.grain_size_nm = grain_size_nm;
        r.width_nm = request.width_A / 10.0;
        r.sigma_total_S_per_cm = component(prediction.points[t].estimate, bicrystal);
        r.sigma_bulk_S_per_cm = component(crystal.points[t].estimate, bicrystal);
        const engine::Measurement& total = r.sigma_total_S_per_cm;
        const engine::Measurement& grains = r.sigma_bulk_S_per_cm;
        if (total.value > 0.0 && grains.value > 0.0) {
            // R = d (1/sigma_total - 1/sigma_bulk); d(1/s) = ds / s^2.
            const double value = d_cm * (1.0 / total.value - 1.0 / grains.value);
            const double error = d_cm * std::hypot(total.standard_error / (total.value * total.value),
                                                   grains.standard_error / (grains.value * grains.value));
            r.asr_per_boundary_Ohm_cm2 = {value, error};
            const double width_cm = r.width_nm * 1e-7;
            // Undefined (NaN) when the boundaries do not resist: faster than the grains.
            r.sigma_gb_S_per_cm =
                value > 0.0 ? engine::Measurement{width_cm / value, width_cm / value * error / value}
                            : engine::Measurement{NAN, NAN};
        }
        split.push_back(r);
    }
    return split;
}

}  // namespace ionhop::runs
