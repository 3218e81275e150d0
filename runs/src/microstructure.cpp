#include "ionhop/runs/microstructure.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/engine/random_stream.hpp"

namespace ionhop::runs {
namespace {

// Stream of the grain seeds and orientations, apart from every replica's stream.
constexpr std::uint64_t microstructure_stream = 0x6d6963726f000000ULL;

[[noreturn]] void fail(const std::string& key, const std::string& message) {
    throw Error("[microstructure] " + key + ": " + message);
}

void check_positive(const std::string& key, double value) {
    if (!(std::isfinite(value) && value > 0.0)) {
        std::ostringstream out;
        out << "must be a finite number > 0, found " << value;
        fail(key, out.str());
    }
}

// Uniform random rotation from three uniform numbers (Shoemake, Graphics Gems III, 1992).
Eigen::Matrix3d random_rotation(engine::RandomStream& random) {
    const double u1 = random.uniform_open01(), u2 = random.uniform_open01(), u3 = random.uniform_open01();
    const double two_pi = 2.0 * std::numbers::pi;
    const Eigen::Quaterniond q(
        std::sqrt(u1) * std::cos(two_pi * u3), std::sqrt(1.0 - u1) * std::sin(two_pi * u2),
        std::sqrt(1.0 - u1) * std::cos(two_pi * u2), std::sqrt(u1) * std::sin(two_pi * u3));
    return q.normalized().toRotationMatrix();
}

std::pair<double, double> hop_length_range(const lattices::LatticeGraph& unit) {
    double shortest = std::numeric_limits<double>::infinity(), longest = 0.0;
    const auto& g = unit.graph();
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const double length = g[*e].displacement_A.norm();
        shortest = std::min(shortest, length);
        longest = std::max(longest, length);
    }
    if (longest == 0.0) throw Error("[microstructure]: the crystal has no hops");
    return {shortest, longest};
}

}  // namespace

const char* microstructure_kind_name(MicrostructureKind kind) {
    return kind == MicrostructureKind::bicrystal ? "bicrystal" : "polycrystal";
}

lattices::MicrostructureSpec plan_microstructure(const lattices::LatticeGraph& unit,
                                                 const MicrostructureRequest& request,
                                                 const Eigen::Vector3i& repetitions, std::uint64_t run_seed) {
    check_positive("width_A", request.width_A);
    check_positive("barrier_scale", request.barrier_scale);
    if (!std::isfinite(request.site_energy_eV)) fail("site_energy_eV", "must be finite");
    if (request.source.empty()) fail("source", "give the source of the boundary's parameters");
    const auto [shortest, longest] = hop_length_range(unit);

    lattices::MicrostructureSpec spec;
    spec.boundary.width_A = request.width_A;
    spec.boundary.barrier_scale = request.barrier_scale;
    spec.boundary.site_energy_eV = request.site_energy_eV;
    spec.boundary.hop_cutoff_A = request.hop_cutoff_A.value_or(longest + 1e-6);
    spec.boundary.min_separation_A = request.min_separation_A.value_or(0.5 * shortest);
    check_positive("hop_cutoff_A", spec.boundary.hop_cutoff_A);
    check_positive("min_separation_A", spec.boundary.min_separation_A);
    if (spec.boundary.hop_cutoff_A < spec.boundary.min_separation_A) {
        fail("hop_cutoff_A", "must be >= min_separation_A");
    }
    engine::RandomStream random(request.seed.value_or(run_seed), microstructure_stream);

    if (request.kind == MicrostructureKind::bicrystal) {
        if (request.grain_cells < 1) fail("grain_cells", "give the unit cells per grain along x, >= 1");
        const Eigen::Matrix3d& v = unit.cell().vectors_A;
        if ((v - Eigen::Matrix3d(v.diagonal().asDiagonal())).cwiseAbs().maxCoeff() > 1e-9 * v.norm()) {
            fail("kind", "a bicrystal needs a unit cell with its axes along x, y and z");
        }
        if (!request.shift_A.allFinite()) fail("shift_A", "must be finite");
        if (!std::isfinite(request.rotation_angle_deg)) fail("rotation_angle_deg", "must be finite");
        if (!request.rotation_axis.allFinite() || request.rotation_axis.norm() == 0.0) {
            fail("rotation_axis", "must be a finite non-zero vector");
        }
        const double length = 2.0 * request.grain_cells * v(0, 0);
        spec.box_A = {length, repetitions.y() * v(1, 1), repetitions.z() * v(2, 2)};
        lattices::GrainSpec first, second;
        first.seed_A = {0.25 * length, 0.0, 0.0};
        second.seed_A = {0.75 * length, 0.0, 0.0};
        second.rotation = lattices::axis_angle_rotation(request.rotation_axis, request.rotation_angle_deg);
        second.shift_A = request.shift_A;
        spec.grains = {first, second};
        return spec;
    }

    if (request.grains < 1) fail("grains", "give the number of grains, >= 1");
    check_positive("grain_size_nm", request.grain_size_nm);
    const double edge_A = 10.0 * request.grain_size_nm * std::cbrt(static_cast<double>(request.grains));
    spec.box_A = Eigen::Vector3d::Constant(edge_A);
    for (int g = 0; g < request.grains; ++g) {
        lattices::GrainSpec grain;
        for (int axis = 0; axis < 3; ++axis) {
            grain.seed_A[axis] = std::min(edge_A * random.uniform_open01(), std::nextafter(edge_A, 0.0));
        }
        if (request.random_orientations) grain.rotation = random_rotation(random);
        spec.grains.push_back(grain);
    }
    return spec;
}

}  // namespace ionhop::runs
