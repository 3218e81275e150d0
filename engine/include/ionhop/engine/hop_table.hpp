#pragma once
// The compiled lattice the engine runs on: flat CSR arrays indexed by site and hop.
// Built by models/compile.hpp from a LatticeGraph and a rate model; knows no materials.
#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ionhop::engine {

struct HopTable {
    // Sites.
    std::vector<std::int32_t> site_class;  // index into class_names
    std::vector<std::string> class_names;
    std::vector<std::uint8_t> site_mobile;  // 1 if the site can hold a mobile ion
    // Optional position of each site in the simulated cell (Angstrom), which makes most hops
    // free of bookkeeping for displacements (see hop_shifts.hpp); empty: derived from the hops.
    std::vector<Eigen::Vector3d> site_position_A;
    // Optional occupancy profile: bin of each site (e.g. its plane along x), in
    // [0, bin_count), reported as a time-averaged occupancy per bin. Empty: no profile.
    std::vector<std::int32_t> site_bin;
    int bin_count = 0;

    // Outgoing hops of site s: [hop_begin[s], hop_begin[s + 1]).
    std::vector<std::uint32_t> hop_begin;
    std::vector<std::uint32_t> hop_target;
    // Displacements are shared: a periodic lattice has few distinct hop vectors, and a
    // per-hop copy would triple the memory of large lattices.
    std::vector<std::uint32_t> hop_vector;  // index into displacement_table_A
    std::vector<Eigen::Vector3d> displacement_table_A;
    // Rate with both endpoints free of interactions (Hz):
    // nu * exp(-(E_KRA + (E_site(to) - E_site(from) - q E.dr) / 2) / kT).
    std::vector<double> hop_rate_Hz;

    // Pair interactions: site s interacts with pair_partner[pair_begin[s] .. pair_begin[s+1])
    // with energy pair_energy_eV (positive = repulsive). Empty when there are none.
    std::vector<std::uint32_t> pair_begin;
    std::vector<std::uint32_t> pair_partner;
    std::vector<double> pair_energy_eV;
    std::vector<double> hop_endpoint_pair_energy_eV;  // V(from, to) per hop, 0 if none

    // Exclusion: s may not be occupied while any of its partners is. Empty when none.
    std::vector<std::uint32_t> exclusion_begin;
    std::vector<std::uint32_t> exclusion_partner;
    std::vector<std::uint8_t> hop_endpoints_exclude;  // 1 if from and to exclude each other

    double temperature_K = 0.0;
    double volume_A3 = 0.0;                                    // volume of the simulated (super)cell
    double charge_e = 1.0;                                     // charge of the mobile ion in units of e
    Eigen::Vector3d field_V_per_cm = Eigen::Vector3d::Zero();  // uniform field in the rates
    int transport_dimension = 3;                               // rank of the span of the hop vectors

    std::size_t num_sites() const { return site_class.size(); }
    std::size_t num_hops() const { return hop_target.size(); }
    bool has_interactions() const { return !pair_partner.empty(); }
    bool has_exclusions() const { return !exclusion_partner.empty(); }
    std::size_t memory_bytes() const;  // heap memory held by the arrays

    const Eigen::Vector3d& displacement_A(std::size_t hop) const {
        return displacement_table_A[hop_vector[hop]];
    }

    // The hop from `hop`'s target back to `from` with the opposite displacement (periodic
    // images told apart); num_hops() if there is none (validate() refuses such tables).
    std::uint32_t reverse_hop(std::uint32_t from, std::uint32_t hop) const;

    // Checks sizes, indices, that every hop has a reverse hop (the engine relies on it to
    // find the hops into a site), finite positive rates, and symmetric interaction and
    // exclusion lists; throws ionhop::Error naming the first problem.
    void validate() const;
};

}  // namespace ionhop::engine
