#pragma once
// Built-in test lattices with nearest-neighbour hops (chain, square, honeycomb,
// triangular, simple cubic, bcc, fcc, diamond), looked up by name.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ionhop/lattices/lattice_graph.hpp"

namespace ionhop::lattices {

struct TestLatticeOptions {
    double hop_length_A = 1.0;  // nearest-neighbour distance
    double barrier_eV = 0.2;
    double attempt_frequency_Hz = 1e13;
};

struct TestLatticeInfo {
    std::string name;
    std::string description;
    int dimension = 3;                                             // dimensionality of the hop network
    int coordination = 0;                                          // nearest neighbours per site
    std::function<LatticeGraph(const TestLatticeOptions&)> build;  // one conventional cell
};

// Every built-in test lattice, in a fixed order. Adding one: a file in src/builders/ and
// one line in src/test_lattice_registry.cpp.
const std::vector<TestLatticeInfo>& test_lattices();
const TestLatticeInfo& find_test_lattice(std::string_view name);  // throws ionhop::Error
LatticeGraph build_test_lattice(std::string_view name, const TestLatticeOptions& options);

}  // namespace ionhop::lattices
