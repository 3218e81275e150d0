#pragma once
// The grain structure of a prediction ([microstructure] in run configs): a bicrystal of two
// grains stacked along x (two planar boundaries per period) or a polycrystal of N grains
// with random seeds and orientations, built from the material's unit cell by
// lattices/microstructure.hpp. The boundary's parameters are the user's, with a source.
#include <Eigen/Dense>
#include <cstdint>
#include <optional>
#include <string>

#include "ionhop/lattices/lattice_graph.hpp"
#include "ionhop/lattices/microstructure.hpp"

namespace ionhop::runs {

enum class MicrostructureKind { bicrystal, polycrystal };

struct MicrostructureRequest {
    MicrostructureKind kind = MicrostructureKind::polycrystal;

    // Polycrystal: `grains` grains in a cubic box of grains * grain_size^3.
    int grains = 0;
    double grain_size_nm = 0.0;       // edge of the cube of one grain's mean volume
    bool random_orientations = true;  // false: every grain aligned (translation boundaries only)

    // Bicrystal: two grains of `grain_cells` unit cells along x each, as wide in y and z as
    // the supercell settings make the crystal; the second grain rotated about its seed and
    // shifted. Needs a unit cell with its axes along x, y and z.
    int grain_cells = 0;
    Eigen::Vector3d rotation_axis = Eigen::Vector3d::UnitX();
    double rotation_angle_deg = 0.0;
    Eigen::Vector3d shift_A = Eigen::Vector3d::Zero();

    // The boundary: width (A), barrier scale, site-energy offset (eV), with their source.
    double width_A = 0.0;
    double barrier_scale = 0.0;
    double site_energy_eV = 0.0;
    std::string source;
    // Pairs across a boundary hop up to this distance; empty: the crystal's longest hop.
    std::optional<double> hop_cutoff_A;
    // Of two sites closer across a boundary, one goes; empty: half the crystal's shortest hop.
    std::optional<double> min_separation_A;
    // Seeds and orientations from this seed; empty: the run's seed.
    std::optional<std::uint64_t> seed;
};

// The grains and boundary of the request for this crystal. `repetitions` gives the bicrystal's
// width in unit cells along y and z. Throws ionhop::Error naming the [microstructure] key
// for a count, size, width, scale or energy out of range, a missing source, or a bicrystal of
// a cell whose axes are not along x, y and z.
lattices::MicrostructureSpec plan_microstructure(const lattices::LatticeGraph& unit,
                                                 const MicrostructureRequest& request,
                                                 const Eigen::Vector3i& repetitions, std::uint64_t run_seed);

const char* microstructure_kind_name(MicrostructureKind kind);

}  // namespace ionhop::runs
