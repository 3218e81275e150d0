#pragma once
// An ion's unwrapped displacement without adding up every hop it takes. With a reference
// position per site,
//   displacement = position(site now) - position(site at the reset) + sum of hop shifts,
// where a hop's shift is its displacement minus the difference of its ends' positions.
// With positions inside the supercell a shift is a supercell translation, nonzero only for
// hops across the box boundary (about one hop in L on an L^3 box), so the hot loop writes
// an ion's record only then: on sc 128^3 the write of every hop into 24 MB of
// displacements halved the event rate (bench/README.md).
//
// Positions come from the table (compile writes them). A hand-made table without them gets
// positions by walking its hops from one site of each connected part (a spanning tree), so
// every shift is a closed loop's displacement: zero on the tree, a lattice translation
// for a periodic lattice.
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "ionhop/engine/hop_table.hpp"

namespace ionhop::engine {

struct HopShifts {
    std::vector<Eigen::Vector3d> walked_position_A;  // empty when the table holds positions
    std::vector<std::uint32_t> shift_of_hop;         // index into shift_A; 0: no shift
    std::vector<Eigen::Vector3d> shift_A;            // distinct shifts, shift_A[0] = 0
};

// Shifts shorter than this are rounding of position differences, not translations.
constexpr double negligible_shift_A = 1e-6;

HopShifts find_hop_shifts(const HopTable& table);

}  // namespace ionhop::engine
