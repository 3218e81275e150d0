#pragma once
// Private: one function per built-in test lattice (one file each in this folder), listed
// by src/test_lattice_registry.cpp. Each returns the lattice's name, metadata and builder;
// builders scale the cell so the nearest-neighbour distance is options.hop_length_A.
#include "ionhop/lattices/crystal.hpp"
#include "ionhop/lattices/test_lattices.hpp"

namespace ionhop::lattices::builders {

inline HopParameters hop_parameters(const TestLatticeOptions& options) {
    return {options.barrier_eV, options.attempt_frequency_Hz};
}

// Thickness of the open axes of 1D and 2D lattices, in hop lengths: only gives the cell a
// volume, since no hop crosses a non-periodic axis.
inline constexpr double open_axis_hop_lengths = 10.0;

TestLatticeInfo chain_lattice();
TestLatticeInfo square_lattice();
TestLatticeInfo honeycomb_lattice();
TestLatticeInfo triangular_lattice();
TestLatticeInfo simple_cubic_lattice();
TestLatticeInfo bcc_lattice();
TestLatticeInfo fcc_lattice();
TestLatticeInfo diamond_lattice();

}  // namespace ionhop::lattices::builders
