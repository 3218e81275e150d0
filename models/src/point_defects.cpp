#include "ionhop/models/point_defects.hpp"

#include <cmath>
#include <sstream>
#include <utility>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/cell.hpp"

namespace ionhop::models {
namespace {

constexpr double same_site_A = 0.1;  // a blocking defect sits on a site closer than this

}  // namespace

PointDefects::PointDefects(std::vector<PointDefect> defects) : defects_(std::move(defects)) {
    for (std::size_t d = 0; d < defects_.size(); ++d) {
        const PointDefect& defect = defects_[d];
        const bool finite = defect.position_A.allFinite() && std::isfinite(defect.site_energy_shift_eV) &&
                            std::isfinite(defect.barrier_shift_eV) && std::isfinite(defect.radius_A);
        if (!finite || defect.radius_A < 0.0) {
            throw Error("point defects: defect " + std::to_string(d) +
                        " needs a finite position, finite shifts (eV) and a radius >= 0 (A)");
        }
    }
}

std::string PointDefects::describe() const {
    std::ostringstream out;
    out << defects_.size() << " point defects";
    return out.str();
}

void PointDefects::apply(ModelAssembly& assembly) const {
    const lattices::Cell& unit_cell = assembly.unit.cell();
    Eigen::Matrix3d super_vectors = unit_cell.vectors_A;
    for (int axis = 0; axis < 3; ++axis) super_vectors.row(axis) *= assembly.repetitions[axis];
    const lattices::Cell supercell = lattices::make_cell(super_vectors, unit_cell.periodic);
    const Eigen::Vector3d widths = supercell.face_distances_A();
    // Minimum-image distance between two Cartesian points of the supercell.
    const auto distance_A = [&](const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
        Eigen::Vector3d f = supercell.to_fractional(b - a);
        for (int axis = 0; axis < 3; ++axis) {
            if (supercell.periodic[axis]) f[axis] -= std::round(f[axis]);
        }
        return supercell.to_cartesian_A(f).norm();
    };

    const std::size_t n = assembly.num_supercell_sites();
    std::vector<Eigen::Vector3d> positions(n);
    for (std::size_t s = 0; s < n; ++s) positions[s] = assembly.position_A(s);
    for (std::size_t d = 0; d < defects_.size(); ++d) {
        const PointDefect& defect = defects_[d];
        for (int axis = 0; axis < 3; ++axis) {
            if (supercell.periodic[axis] && defect.radius_A >= 0.5 * widths[axis]) {
                std::ostringstream out;
                out << "point defects: perturbation radius " << defect.radius_A
                    << " A reaches half the supercell's width (" << widths[axis]
                    << " A); use a larger supercell or a smaller radius";
                throw Error(out.str());
            }
        }
        bool placed = !defect.blocks_site;
        for (std::size_t s = 0; s < n; ++s) {
            if (!assembly.unit.site(assembly.unit_site_of(s)).mobile) continue;
            const double r = distance_A(defect.position_A, positions[s]);
            if (r < same_site_A) {
                if (defect.blocks_site) {
                    assembly.site_blocked[s] = 1;
                    placed = true;
                }
                if (defect.blocks_site) continue;
            }
            if (r <= defect.radius_A) {
                assembly.site_energy_eV[s] += defect.site_energy_shift_eV;
                assembly.site_barrier_shift_eV[s] += defect.barrier_shift_eV;
            }
        }
        if (!placed) {
            std::ostringstream out;
            out << "point defects: defect " << d << " blocks a site, but no mobile-ion site lies within "
                << same_site_A << " A of its position (" << defect.position_A.transpose() << ") A";
            throw Error(out.str());
        }
    }
}

}  // namespace ionhop::models
