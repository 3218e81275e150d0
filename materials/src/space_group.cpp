#include "ionhop/materials/space_group.hpp"

extern "C" {
#include <spglib.h>
}

#include <cctype>
#include <cmath>
#include <sstream>

#include "ionhop/core/error.hpp"

namespace ionhop::materials {
namespace {

constexpr int num_hall_numbers = 530;  // spglib's settings of the 230 groups
constexpr int max_operations = 192;    // Fm-3m and Fd-3m with their centrings

void check_number(int number) {
    if (number < 1 || number > 230) {
        throw Error("space group number " + std::to_string(number) + " is not in 1-230");
    }
}

double wrap(double x) {
    double wrapped = x - std::floor(x);
    return wrapped >= 1.0 ? 0.0 : wrapped;  // -1e-17 wraps to 1.0 in floating point
}

bool same_site(const Eigen::Vector3d& a, const Eigen::Vector3d& b, double tolerance) {
    for (int axis = 0; axis < 3; ++axis) {
        const double d = a[axis] - b[axis];
        if (std::abs(d - std::round(d)) > tolerance) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::vector<std::string> space_group_settings(int number) {
    check_number(number);
    std::vector<std::string> settings;
    for (int hall = 1; hall <= num_hall_numbers; ++hall) {
        const SpglibSpacegroupType type = spg_get_spacegroup_type(hall);
        if (type.number == number) {
            settings.emplace_back(type.choice);
        }
    }
    return settings;
}

SpaceGroup space_group(int number, const std::string& setting) {
    check_number(number);
    std::string valid;
    for (int hall = 1; hall <= num_hall_numbers; ++hall) {
        const SpglibSpacegroupType type = spg_get_spacegroup_type(hall);
        if (type.number != number) {
            continue;
        }
        if (!setting.empty() && setting != type.choice) {
            valid += std::string(valid.empty() ? "" : ", ") + "\"" + type.choice + "\"";
            continue;
        }
        SpaceGroup group;
        group.number = number;
        group.setting = type.choice;
        group.symbol = type.international_short;
        group.hall_number = hall;
        int rotations[max_operations][3][3];
        double translations[max_operations][3];
        const int count = spg_get_symmetry_from_database(rotations, translations, hall);
        for (int op = 0; op < count; ++op) {
            SymmetryOperation operation;
            for (int i = 0; i < 3; ++i) {
                for (int j = 0; j < 3; ++j) {
                    operation.rotation(i, j) = rotations[op][i][j];
                }
                operation.translation[i] = translations[op][i];
            }
            group.operations.push_back(operation);
        }
        if (group.operations.empty()) {
            throw Error("spglib has no operations for space group " + std::to_string(number));
        }
        return group;
    }
    throw Error("space group " + std::to_string(number) + " has no setting \"" + setting +
                "\"; valid settings: " + (valid.empty() ? "none (leave it empty)" : valid));
}

std::vector<Eigen::Vector3d> orbit(const SpaceGroup& group, const Eigen::Vector3d& fractional,
                                   double tolerance) {
    std::vector<Eigen::Vector3d> images;
    for (const SymmetryOperation& op : group.operations) {
        Eigen::Vector3d image = op.rotation.cast<double>() * fractional + op.translation;
        for (int axis = 0; axis < 3; ++axis) {
            image[axis] = wrap(image[axis]);
        }
        bool seen = false;
        for (const Eigen::Vector3d& known : images) {
            if (same_site(known, image, tolerance)) {
                seen = true;
                break;
            }
        }
        if (!seen) {
            images.push_back(image);
        }
    }
    return images;
}

int wyckoff_multiplicity(const std::string& label) {
    int multiplicity = 0;
    for (char c : label) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            break;
        }
        multiplicity = multiplicity * 10 + (c - '0');
    }
    return multiplicity;
}

}  // namespace ionhop::materials
