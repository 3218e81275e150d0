#pragma once
// A built-in test lattice (simple cubic, bcc, honeycomb, ...) as a lattice description, so
// it runs through the same prediction path as a material: every site listed, one hop
// class per pair of site classes joined by nearest-neighbour hops.
#include <string_view>

#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/materials/lattice_description.hpp"

namespace ionhop::materials {

// Composition: one "formula unit" per site, so contents are site fractions (0 to 1).
// Throws ionhop::Error for an unknown name or bad options.
LatticeDescription describe_test_lattice(std::string_view name, const lattices::TestLatticeOptions& options);

}  // namespace ionhop::materials
