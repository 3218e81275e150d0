#include "ionhop/lattices/supercell.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "ionhop/core/error.hpp"

namespace ionhop::lattices {
namespace {

const char* const axis_names[] = {"a", "b", "c"};

std::string describe(const Eigen::Vector3i& v) {
    return "(" + std::to_string(v.x()) + ", " + std::to_string(v.y()) + ", " + std::to_string(v.z()) + ")";
}

void check_repetitions(const LatticeGraph& unit, const Eigen::Vector3i& repetitions) {
    for (int axis = 0; axis < 3; ++axis) {
        if (repetitions[axis] < 1) {
            throw Error("supercell: repetitions " + describe(repetitions) + " along axis " +
                        axis_names[axis] + " must be >= 1");
        }
        if (!unit.cell().periodic[axis] && repetitions[axis] != 1) {
            throw Error("supercell: repetitions " + describe(repetitions) + " along axis " +
                        axis_names[axis] + " must be 1, because that axis is not periodic");
        }
    }
    const double total_sites = double(unit.num_sites()) * repetitions.cast<double>().prod();
    if (total_sites > double(std::numeric_limits<std::size_t>::max() / 2)) {
        throw Error("supercell: repetitions " + describe(repetitions) + " give too many sites to index");
    }
}

// Maps (copy, unit image) to (target copy, supercell image): the target lies in copy
// `copy + image`, which wraps around the supercell `image'` times.
struct CopyMap {
    Eigen::Vector3i repetitions;
    std::size_t unit_sites;

    std::size_t index(const Eigen::Vector3i& copy, std::size_t site) const {
        return ((std::size_t(copy.z()) * repetitions.y() + copy.y()) * repetitions.x() + copy.x()) *
                   unit_sites +
               site;
    }
    void wrap(const Eigen::Vector3i& shifted, Eigen::Vector3i& copy, Eigen::Vector3i& image) const {
        for (int axis = 0; axis < 3; ++axis) {
            const int n = repetitions[axis];
            const int c = shifted[axis];
            image[axis] = (c >= 0) ? c / n : -((-c + n - 1) / n);
            copy[axis] = c - image[axis] * n;
        }
    }
};

}  // namespace

LatticeGraph make_supercell(const LatticeGraph& unit, const Eigen::Vector3i& repetitions) {
    check_repetitions(unit, repetitions);
    Cell cell = unit.cell();
    for (int axis = 0; axis < 3; ++axis) {
        cell.vectors_A.row(axis) *= repetitions[axis];
    }
    LatticeGraph super(cell);
    const CopyMap map{repetitions, unit.num_sites()};
    const Eigen::Vector3d reps_d = repetitions.cast<double>();

    // All copies, in index order. add_site may wrap a coordinate that rounds to 1.0 back
    // to 0; `wrapped_by` records that so hop images can absorb it and the displacements
    // stay those of the unit cell.
    std::vector<Eigen::Vector3i> copies;
    for (int w = 0; w < repetitions.z(); ++w) {
        for (int v = 0; v < repetitions.y(); ++v) {
            for (int u = 0; u < repetitions.x(); ++u) {
                copies.emplace_back(u, v, w);
            }
        }
    }
    std::vector<Eigen::Vector3i> wrapped_by;
    wrapped_by.reserve(copies.size() * unit.num_sites());
    for (const Eigen::Vector3i& copy : copies) {
        for (std::size_t i = 0; i < unit.num_sites(); ++i) {
            Site site = unit.site(i);
            const Eigen::Vector3d wanted = (site.fractional + copy.cast<double>()).cwiseQuotient(reps_d);
            site.fractional = wanted;
            const std::size_t index = super.add_site(std::move(site));
            const Eigen::Vector3d moved = wanted - super.site(index).fractional;
            wrapped_by.push_back(moved.array().round().cast<int>());
        }
    }

    Eigen::Vector3i target_copy;
    Eigen::Vector3i image;
    for (const Eigen::Vector3i& copy : copies) {
        for (auto [edge, end] = boost::edges(unit.graph()); edge != end; ++edge) {
            const std::size_t from = boost::source(*edge, unit.graph());
            const std::size_t to = boost::target(*edge, unit.graph());
            const Hop& hop = unit.graph()[*edge];
            map.wrap(copy + hop.image, target_copy, image);
            const std::size_t new_from = map.index(copy, from);
            const std::size_t new_to = map.index(target_copy, to);
            super.add_hop(new_from, new_to, image + wrapped_by[new_to] - wrapped_by[new_from], hop.hop_class,
                          hop.barrier_eV, hop.attempt_frequency_Hz);
        }
        for (const ExclusionPair& pair : unit.exclusions()) {
            map.wrap(copy + pair.image, target_copy, image);
            const std::size_t first = map.index(copy, pair.first);
            const std::size_t second = map.index(target_copy, pair.second);
            super.add_exclusion(first, second, image + wrapped_by[second] - wrapped_by[first]);
        }
    }
    return super;
}

}  // namespace ionhop::lattices
