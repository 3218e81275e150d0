#include "ionhop/lattices/test_lattices.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "ionhop/core/error.hpp"

namespace ionhop::lattices {
namespace {

TEST(TestLattices, ListsTheEightLatticesUnderUniqueNames) {
    const std::vector<std::string> expected = {"chain",        "square", "honeycomb", "triangular",
                                               "simple-cubic", "bcc",    "fcc",       "diamond"};
    ASSERT_EQ(test_lattices().size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
        EXPECT_EQ(test_lattices()[k].name, expected[k]);
        EXPECT_EQ(&find_test_lattice(expected[k]), &test_lattices()[k]);
    }
}

TEST(TestLattices, EverySiteHasItsCoordinationNumber) {
    const double hop_length_A = 2.5;
    for (const TestLatticeInfo& info : test_lattices()) {
        SCOPED_TRACE(info.name);
        const LatticeGraph lattice = build_test_lattice(info.name, {.hop_length_A = hop_length_A});
        const auto& graph = lattice.graph();
        std::vector<int> incoming(lattice.num_sites(), 0);
        for (auto [edge, end] = boost::edges(graph); edge != end; ++edge) {
            ++incoming[boost::target(*edge, graph)];
            EXPECT_NEAR(graph[*edge].displacement_A.norm(), hop_length_A, 1e-12);
        }
        for (std::size_t s = 0; s < lattice.num_sites(); ++s) {
            EXPECT_EQ(int(boost::out_degree(s, graph)), info.coordination) << "site " << s;
            EXPECT_EQ(incoming[s], info.coordination) << "site " << s;
        }
    }
}

TEST(TestLattices, HopNetworkSpansTheStatedDimension) {
    for (const TestLatticeInfo& info : test_lattices()) {
        SCOPED_TRACE(info.name);
        const LatticeGraph lattice = info.build({});
        Eigen::MatrixXd displacements(3, lattice.num_hops());
        int column = 0;
        for (auto [edge, end] = boost::edges(lattice.graph()); edge != end; ++edge) {
            displacements.col(column++) = lattice.graph()[*edge].displacement_A;
        }
        EXPECT_EQ(displacements.fullPivLu().rank(), info.dimension);
        const int periodic =
            lattice.cell().periodic[0] + lattice.cell().periodic[1] + lattice.cell().periodic[2];
        EXPECT_EQ(periodic, info.dimension);
    }
}

TEST(TestLattices, SiteDensityMatchesTheStructure) {
    // Volume (3D) or area (2D) per site in units of d^3 or d^2, d the hop length.
    const double sqrt3 = std::sqrt(3.0);
    const std::vector<std::pair<std::string, double>> per_site = {
        {"square", 1.0},
        {"honeycomb", 3.0 * sqrt3 / 4.0},
        {"triangular", sqrt3 / 2.0},
        {"simple-cubic", 1.0},
        {"bcc", 4.0 / (3.0 * sqrt3)},
        {"fcc", 1.0 / std::sqrt(2.0)},
        {"diamond", 8.0 / (3.0 * sqrt3)},
    };
    const double d = 1.3;
    for (const auto& [name, expected] : per_site) {
        const LatticeGraph lattice = build_test_lattice(name, {.hop_length_A = d});
        const Cell& cell = lattice.cell();
        double measure = cell.volume_A3() / std::pow(d, 3);
        if (!cell.periodic[2]) {
            measure = cell.volume_A3() / cell.face_distances_A()[2] / (d * d);  // area
        }
        EXPECT_NEAR(measure / double(lattice.num_sites()), expected, 1e-12) << name;
    }
}

TEST(TestLattices, HopsCarryTheRequestedBarrierAndFrequency) {
    const LatticeGraph lattice =
        build_test_lattice("triangular", {.barrier_eV = 0.42, .attempt_frequency_Hz = 3e12});
    ASSERT_GT(lattice.num_hops(), 0u);
    for (auto [edge, end] = boost::edges(lattice.graph()); edge != end; ++edge) {
        EXPECT_EQ(lattice.graph()[*edge].barrier_eV, 0.42);
        EXPECT_EQ(lattice.graph()[*edge].attempt_frequency_Hz, 3e12);
    }
}

TEST(TestLattices, UnknownNameListsValidNames) {
    try {
        find_test_lattice("sc");
        FAIL() << "unknown name accepted";
    } catch (const Error& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("'sc'"), std::string::npos) << message;
        EXPECT_NE(message.find("simple-cubic"), std::string::npos) << message;
        EXPECT_NE(message.find("diamond"), std::string::npos) << message;
    }
}

TEST(TestLattices, RejectsInvalidOptions) {
    EXPECT_THROW(build_test_lattice("fcc", {.hop_length_A = 0.0}), Error);
    EXPECT_THROW(build_test_lattice("fcc", {.hop_length_A = NAN}), Error);
    EXPECT_THROW(build_test_lattice("fcc", {.barrier_eV = -0.1}), Error);
    EXPECT_THROW(build_test_lattice("fcc", {.attempt_frequency_Hz = 0.0}), Error);
    EXPECT_THROW(build_test_lattice("fcc", {.attempt_frequency_Hz = INFINITY}), Error);
}

}  // namespace
}  // namespace ionhop::lattices
