#pragma once
// Dopants of a material (its [[dopants]] table) placed at random on their host sites of a
// supercell: how many for a content x, what they do to the mobile-ion count, and one
// random configuration per seed, as point defects for the rate model.
#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ionhop/materials/build.hpp"
#include "ionhop/materials/lattice_description.hpp"
#include "ionhop/models/point_defects.hpp"

namespace ionhop::runs {

struct DopingRequest {
    std::string dopant;             // a name from the material's [[dopants]]
    double per_formula_unit = 0.0;  // content x

    bool operator==(const DopingRequest&) const = default;
};

struct DopingPlan {
    materials::DopantSpec spec;
    bool blocks_host = false;              // the host is a mobile-ion site class
    std::size_t count = 0;                 // dopants in the supercell
    double per_formula_unit = 0.0;         // realised x: count / formula units
    long long mobile_change = 0;           // mobile ions added (+) or removed (-) in the supercell
    std::vector<Eigen::Vector3d> hosts_A;  // every host site of the supercell, Cartesian
};

// Throws ionhop::Error naming the material and the dopant for an unknown dopant (listing
// the valid ones), a negative or non-finite x, x above the dopant's maximum (with its
// reason) or more dopants than host sites.
DopingPlan plan_doping(const materials::LatticeDescription& material, const materials::MaterialLattice& built,
                       const Eigen::Vector3i& repetitions, const DopingRequest& request);

// One configuration: `plan.count` distinct hosts drawn uniformly from stream (seed, stream).
std::vector<models::PointDefect> place_dopants(const DopingPlan& plan, std::uint64_t seed,
                                               std::uint64_t stream);

}  // namespace ionhop::runs
