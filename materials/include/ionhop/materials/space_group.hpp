#pragma once
// Space-group operations from spglib's database, and the orbit of a position under them
// (how Wyckoff positions in a lattice file become all the sites of the cell).
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace ionhop::materials {

struct SymmetryOperation {
    Eigen::Matrix3i rotation;     // acts on fractional coordinates
    Eigen::Vector3d translation;  // fractional
};

struct SpaceGroup {
    int number = 1;                             // International Tables, 1-230
    std::string setting;                        // spglib's choice string ("1", "2", "H", ...), may be empty
    std::string symbol;                         // Hermann-Mauguin short symbol, e.g. "Ia-3d"
    int hall_number = 1;                        // spglib's index of the setting, 1-530
    std::vector<SymmetryOperation> operations;  // including centring translations
};

// The group in the given setting; an empty setting picks spglib's default (the first
// Hall number of the group). Throws ionhop::Error for a number outside 1-230 or a
// setting the group does not have (the message lists the valid ones).
SpaceGroup space_group(int number, const std::string& setting = "");

// Settings spglib knows for a group, e.g. {"1", "2"} for P4_2/nmc (No. 137).
std::vector<std::string> space_group_settings(int number);

// Distinct images of `fractional` (wrapped into [0, 1)) under the group's operations;
// images closer than `tolerance` (fractional, per axis, periodic) are the same site.
std::vector<Eigen::Vector3d> orbit(const SpaceGroup& group, const Eigen::Vector3d& fractional,
                                   double tolerance = 1e-4);

// The multiplicity in a Wyckoff label such as "24d" (24); 0 when it has no leading number.
int wyckoff_multiplicity(const std::string& label);

}  // namespace ionhop::materials
