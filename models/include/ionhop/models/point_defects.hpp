#pragma once
// Point defects placed in the supercell, such as dopants: a defect may take the mobile-ion
// site at its position (an Al3+ on a Li site blocks it) and perturbs the mobile-ion sites
// within a radius: their energy (negative: the defect traps Li) and the barriers of the
// hops out of and into them. Shifts of several defects add up. Distances are minimum
// images in the supercell, so a radius must stay below half the supercell's width.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "ionhop/models/rate_model.hpp"

namespace ionhop::models {

struct PointDefect {
    Eigen::Vector3d position_A = Eigen::Vector3d::Zero();  // Cartesian, in the supercell
    bool blocks_site = false;  // takes the mobile-ion site at its position (within 0.1 A)
    double radius_A = 0.0;     // reach of the perturbation; 0: none
    double site_energy_shift_eV = 0.0;
    double barrier_shift_eV = 0.0;
};

class PointDefects : public RateTerm {
public:
    // Throws ionhop::Error for a negative or non-finite radius or a non-finite shift.
    explicit PointDefects(std::vector<PointDefect> defects);
    std::string describe() const override;
    // Throws ionhop::Error when a blocking defect finds no site at its position or a
    // radius reaches half the supercell's width.
    void apply(ModelAssembly& assembly) const override;

private:
    std::vector<PointDefect> defects_;
};

}  // namespace ionhop::models
