#pragma once
// Proposes hop and exclusion classes from the geometry of the mobile sites alone (the
// rules are documented in ionhop/materials/structure_import.hpp).
#include <string>

#include "ionhop/materials/lattice_description.hpp"

namespace ionhop::materials {

struct HopRules {
    double hop_cutoff_A = 3.5;
    double exclusion_cutoff_A = 2.0;
    std::string hop_source;        // reference key(s) for the placeholder kinetics
    std::string exclusion_source;  // reference key(s) for the exclusion rule
};

// Appends to d.hops one class per distance shell of each pair of mobile classes up to the
// cutoff, and to d.exclusions one class per pair of mobile classes with sites closer than
// the exclusion cutoff. Throws ionhop::Error (prefixed with `origin`) when no two mobile
// sites lie within the hop cutoff.
void propose_hops(LatticeDescription& d, const HopRules& rules, const std::string& origin);

}  // namespace ionhop::materials
