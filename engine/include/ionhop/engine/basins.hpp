#pragma once
// Superbasins of a hop table: groups of sites joined by fast hops, found from the rates.
//
// Each hop pair has a pair rate sqrt(k_ij k_ji) (its attempt frequency times the Boltzmann
// factor of its barrier, free of the site energies that make k_ij and k_ji differ). Sorted,
// the distinct pair rates show gaps; the widest gap of at least `min_rate_ratio` splits them
// into fast and slow. A basin is a connected group of sites joined by fast hops, joined also
// with the sites it excludes (so that every exclusion partner of a basin site lies in the
// basin, and what happens inside depends on the basin's own ions only). A basin is kept if
// it has at most `max_sites` sites and does not wrap around the periodic box (the position
// of a site inside it does not depend on the path: the ion's displacement is the difference
// of two site offsets).
#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ionhop/engine/hop_table.hpp"

namespace ionhop::engine {

struct AccelerationOptions {
    // On: used where it pays (basins_pay below); off: plain KMC everywhere.
    bool enabled = true;
    // Fast pair rates exceed the slow ones by this at least. Below ~100 a basin entry and
    // exit cost as much as the back-and-forth hops they replace (bench/README.md).
    double min_rate_ratio = 100.0;
    std::size_t max_basin_sites = 64;   // larger groups run as plain KMC
    std::size_t max_basin_ions = 10;    // a basin holding more runs as plain KMC
    std::size_t max_basin_states = 64;  // ion arrangements inside one basin

    void validate() const;  // throws ionhop::Error naming the bad field
};

struct BasinPartition {
    double fast_pair_rate_Hz = 0.0;           // hops at or above this pair rate are fast
    double slow_pair_rate_Hz = 0.0;           // the fastest pair rate below the gap
    std::vector<std::int32_t> basin_of_site;  // -1: not in a basin (plain KMC)
    std::vector<std::uint32_t> basin_begin;   // sites of basin b: basin_sites[basin_begin[b] ..)
    std::vector<std::uint32_t> basin_sites;
    std::vector<std::uint8_t> local_index;  // position of a basin site in its basin's list
    std::vector<Eigen::Vector3d> offset_A;  // path-independent site position inside its basin
    // Basins of one type have the same hops, rates and exclusions inside, and the same exit
    // rates, site by site in their local order (translated copies): their chains coincide.
    std::vector<std::uint32_t> basin_type;

    std::size_t num_basins() const { return basin_begin.empty() ? 0 : basin_begin.size() - 1; }
    bool empty() const { return num_basins() == 0; }
    double rate_ratio() const {
        return slow_pair_rate_Hz > 0.0 ? fast_pair_rate_Hz / slow_pair_rate_Hz : 0.0;
    }
};

// The partition at the widest gap of at least min_rate_ratio that yields a basin; empty
// when no gap does (acceleration cannot pay). Tables with pair interactions are refused
// (ionhop::Error): their rates change with the neighbours, so no fixed split exists.
BasinPartition find_basins(const HopTable& table, const AccelerationOptions& options);

// Whether acceleration can pay with `ions` ions on the table: the partition has basins and
// most of them, at the mean filling, hold few enough ions and arrangements (ordered
// placements of the ions on the basin's sites, an upper bound) for their chains. Crowded
// basins (argyrodite's cages, about 6 Li on 12 sites) would be refused one by one at a
// cost; then the whole run stays plain.
bool basins_pay(const BasinPartition& partition, const HopTable& table, std::size_t ions,
                const AccelerationOptions& options);

}  // namespace ionhop::engine
