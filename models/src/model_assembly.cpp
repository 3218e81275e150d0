#include "ionhop/models/model_assembly.hpp"

namespace ionhop::models {

ModelAssembly::ModelAssembly(const lattices::LatticeGraph& unit_lattice,
                             const Eigen::Vector3i& repetitions_in, const Conditions& conditions_in)
    : unit(unit_lattice), repetitions(repetitions_in), conditions(conditions_in) {
    const std::size_t n = num_supercell_sites();
    site_energy_eV.resize(n);
    site_blocked.assign(n, 0);
    site_barrier_shift_eV.assign(n, 0.0);
    for (std::size_t s = 0; s < n; ++s) site_energy_eV[s] = unit.site(unit_site_of(s)).energy_eV;
    for (const auto& pair : unit.exclusions()) {
        exclusions.push_back(UnitPair{pair.first, pair.second, pair.image, 0.0});
    }
}

std::size_t ModelAssembly::num_supercell_sites() const {
    return unit.num_sites() * static_cast<std::size_t>(repetitions.prod());
}

std::size_t ModelAssembly::unit_site_of(std::size_t supercell_site) const {
    return supercell_site % unit.num_sites();
}

Eigen::Vector3d ModelAssembly::position_A(std::size_t supercell_site) const {
    // Supercell site index = ((w * n_b + v) * n_a + u) * N + i (see make_supercell).
    const std::size_t n = unit.num_sites();
    std::size_t copy = supercell_site / n;
    const auto u = static_cast<int>(copy % repetitions.x());
    copy /= repetitions.x();
    const auto v = static_cast<int>(copy % repetitions.y());
    const auto w = static_cast<int>(copy / repetitions.y());
    const Eigen::Vector3d fractional = unit.site(supercell_site % n).fractional + Eigen::Vector3d(u, v, w);
    return unit.cell().to_cartesian_A(fractional);
}

}  // namespace ionhop::models
