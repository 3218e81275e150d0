#pragma once
// A crystal cell: three lattice vectors (Angstrom) and which of them are periodic.
#include <Eigen/Dense>
#include <array>

namespace ionhop::lattices {

struct Cell {
    Eigen::Matrix3d vectors_A = Eigen::Matrix3d::Identity();  // rows: a, b, c (Angstrom)
    std::array<bool, 3> periodic{true, true, true};

    Eigen::Vector3d to_cartesian_A(const Eigen::Vector3d& fractional) const;
    Eigen::Vector3d to_fractional(const Eigen::Vector3d& cartesian_A) const;
    double volume_A3() const;
    // Distance between opposite faces along each axis: the largest sphere a cell holds.
    Eigen::Vector3d face_distances_A() const;
};

// Checks the vectors are finite and span a volume; throws ionhop::Error otherwise.
Cell make_cell(const Eigen::Matrix3d& vectors_A, std::array<bool, 3> periodic = {true, true, true});
Cell make_orthorhombic_cell(double a_A, double b_A, double c_A,
                            std::array<bool, 3> periodic = {true, true, true});
// From lengths (A) and angles (degrees) in the crystallographic convention: a along x,
// b in the xy plane. Any triclinic cell; throws ionhop::Error for angles that span no volume.
Cell make_cell_from_parameters(double a_A, double b_A, double c_A, double alpha_deg, double beta_deg,
                               double gamma_deg, std::array<bool, 3> periodic = {true, true, true});

}  // namespace ionhop::lattices
