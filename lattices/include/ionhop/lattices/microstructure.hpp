#pragma once
// Grains of one crystal in a periodic orthorhombic box: each grain a rotated (and shifted)
// copy of the unit-cell lattice clipped to its periodic Voronoi cell. A bicrystal (two slabs
// along x: two planar boundaries per period) and a polycrystal (N random grains) are the
// same construction with other seeds. Hops inside a grain are the crystal's own; pairs of
// sites in different grains (or across a grain's periodic seam) within a cutoff become
// boundary hops; sites within half the boundary width of a boundary plane, and the ends of
// every boundary hop, are tagged region "gb", take a site-energy offset, and every hop that
// touches one has its barrier scaled. The result is one LatticeGraph of the whole box.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "ionhop/lattices/lattice_graph.hpp"

namespace ionhop::lattices {

// Boundary sites keep their crystal class with this suffix ("24d:gb"), so the occupancy of
// each class is reported for the grains and for their boundaries apart.
inline constexpr const char* gb_class_suffix = ":gb";

struct GrainSpec {
    Eigen::Vector3d seed_A = Eigen::Vector3d::Zero();        // Voronoi seed, Cartesian, in the box
    Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();  // proper rotation of the crystal
    // The crystal's origin (unit-cell origin before rotation) sits at seed_A + shift_A.
    Eigen::Vector3d shift_A = Eigen::Vector3d::Zero();
};

struct GrainBoundaryModel {
    double width_A = 0.0;           // sites closer than width/2 to a boundary plane are "gb"
    double barrier_scale = 1.0;     // E_KRA of every hop touching a gb site is multiplied by it
    double site_energy_eV = 0.0;    // added to the energy of every gb site
    double hop_cutoff_A = 0.0;      // pairs across a boundary up to this distance hop
    double min_separation_A = 0.0;  // of two sites closer than this across a boundary, one goes
};

struct MicrostructureSpec {
    Eigen::Vector3d box_A = Eigen::Vector3d::Zero();  // orthorhombic, periodic along x, y, z
    std::vector<GrainSpec> grains;
    GrainBoundaryModel boundary;
};

struct MicrostructureSummary {
    std::size_t grains = 0;
    std::size_t sites = 0;
    std::size_t gb_sites = 0;
    std::size_t removed_sites = 0;  // overlaps across boundaries
    std::size_t boundary_hops = 0;  // directed hops across boundaries or seams
    std::size_t seam_pairs = 0;     // of those, between a grain and its own periodic image
    std::vector<std::size_t> grain_of_site;
};

// Throws ionhop::Error for a unit lattice that is not periodic along all three axes or has
// no sites, a box or boundary parameter that is not finite and positive (the energy only
// finite; barrier_scale > 0), no grains, a seed outside the box, a rotation that is not
// proper orthogonal, or a cutoff shorter than the minimum separation.
LatticeGraph build_microstructure(const LatticeGraph& unit, const MicrostructureSpec& spec,
                                  MicrostructureSummary* summary = nullptr);

// A rotation by angle_deg about the axis (any non-zero length) (Rodrigues).
Eigen::Matrix3d axis_angle_rotation(const Eigen::Vector3d& axis, double angle_deg);

}  // namespace ionhop::lattices
