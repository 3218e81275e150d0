#include "ionhop/lattices/supercell.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/neighbours.hpp"
#include "ionhop/lattices/test_lattices.hpp"

namespace ionhop::lattices {
namespace {

// Displacements of the hops leaving one site, sorted so two sites can be compared.
std::vector<Eigen::Vector3d> sorted_displacements(const LatticeGraph& lattice, std::size_t site) {
    std::vector<Eigen::Vector3d> displacements;
    for (auto [edge, end] = boost::out_edges(site, lattice.graph()); edge != end; ++edge) {
        displacements.push_back(lattice.graph()[*edge].displacement_A);
    }
    std::sort(displacements.begin(), displacements.end(), [](const auto& p, const auto& q) {
        return std::lexicographical_compare(p.begin(), p.end(), q.begin(), q.end(),
                                            [](double x, double y) { return x < y - 1e-9; });
    });
    return displacements;
}

Eigen::Vector3i repetitions_for(const Cell& cell) {
    return {cell.periodic[0] ? 3 : 1, cell.periodic[1] ? 2 : 1, cell.periodic[2] ? 4 : 1};
}

TEST(Supercell, PreservesCoordinationAndHopLengths) {
    for (const TestLatticeInfo& info : test_lattices()) {
        SCOPED_TRACE(info.name);
        const LatticeGraph unit = info.build({.hop_length_A = 1.7});
        const Eigen::Vector3i reps = repetitions_for(unit.cell());
        const LatticeGraph super = make_supercell(unit, reps);
        ASSERT_EQ(super.num_sites(), unit.num_sites() * reps.prod());
        EXPECT_EQ(super.num_hops(), unit.num_hops() * reps.prod());
        for (std::size_t s = 0; s < super.num_sites(); ++s) {
            const std::vector<Eigen::Vector3d> expected = sorted_displacements(unit, s % unit.num_sites());
            const std::vector<Eigen::Vector3d> actual = sorted_displacements(super, s);
            ASSERT_EQ(actual.size(), std::size_t(info.coordination));
            for (std::size_t k = 0; k < actual.size(); ++k) {
                EXPECT_NEAR((actual[k] - expected[k]).norm(), 0.0, 1e-12);
                EXPECT_NEAR(actual[k].norm(), 1.7, 1e-12);
            }
        }
    }
}

TEST(Supercell, HopsJoinExactlyTheNearestNeighbourPairs) {
    const LatticeGraph super =
        make_supercell(build_test_lattice("diamond", {.hop_length_A = 1.0}), {2, 3, 2});
    // Every nearest-neighbour pair of the supercell must be a hop pair, and nothing else.
    std::size_t matched = 0;
    for (const NeighbourPair& pair : find_pairs_within(super, 0.0, 1.0 + 1e-6)) {
        for (auto [edge, end] = boost::out_edges(pair.first, super.graph()); edge != end; ++edge) {
            if (boost::target(*edge, super.graph()) == pair.second &&
                super.graph()[*edge].image == pair.image) {
                ++matched;
            }
        }
    }
    EXPECT_EQ(2 * matched, super.num_hops());
    EXPECT_EQ(super.num_hops(), 4 * super.num_sites());
}

TEST(Supercell, IndexesSitesByCopyThenBasisSite) {
    const LatticeGraph unit = build_test_lattice("bcc", {});
    const Eigen::Vector3i reps(2, 3, 4);
    const LatticeGraph super = make_supercell(unit, reps);
    EXPECT_TRUE(super.cell().vectors_A.row(2).isApprox(4.0 * unit.cell().vectors_A.row(2)));
    for (int w = 0; w < 4; ++w) {
        for (int v = 0; v < 3; ++v) {
            for (int u = 0; u < 2; ++u) {
                for (std::size_t i = 0; i < 2; ++i) {
                    const std::size_t index = ((w * 3 + v) * 2 + u) * 2 + i;
                    const Eigen::Vector3d expected = (unit.site(i).fractional + Eigen::Vector3d(u, v, w))
                                                         .cwiseQuotient(reps.cast<double>());
                    EXPECT_TRUE(super.site(index).fractional.isApprox(expected))
                        << "copy (" << u << ", " << v << ", " << w << ") site " << i;
                }
            }
        }
    }
}

TEST(Supercell, RemapsExclusionImages) {
    LatticeGraph chain(make_orthorhombic_cell(1.0, 5.0, 5.0, {true, false, false}));
    chain.add_site(Site{});
    chain.add_exclusion(0, 0, {1, 0, 0});
    const LatticeGraph super = make_supercell(chain, {3, 1, 1});
    ASSERT_EQ(super.exclusions().size(), 3u);
    for (std::size_t copy = 0; copy < 3; ++copy) {
        const ExclusionPair& pair = super.exclusions()[copy];
        EXPECT_EQ(pair.first, copy);
        EXPECT_EQ(pair.second, (copy + 1) % 3);
        EXPECT_EQ(pair.image, Eigen::Vector3i(copy == 2 ? 1 : 0, 0, 0));
    }
}

TEST(Supercell, SiteRoundedOntoCellFaceKeepsItsHopDisplacements) {
    // (0.99999999999999989 + 1) / 2 rounds to 1.0 and wraps to 0 in the supercell.
    LatticeGraph chain(make_orthorhombic_cell(1.0, 5.0, 5.0, {true, false, false}));
    Site near_face;
    near_face.fractional.x() = std::nextafter(1.0, 0.0);
    chain.add_site(near_face);
    Site middle;
    middle.fractional.x() = 0.5;
    chain.add_site(middle);
    chain.add_hop_pair(1, 0, {0, 0, 0}, "nn", 0.2, 1e13);
    const LatticeGraph super = make_supercell(chain, {2, 1, 1});
    EXPECT_EQ(super.site(2).fractional.x(), 0.0);  // the rounded copy
    for (std::size_t s = 0; s < super.num_sites(); ++s) {
        const auto expected = sorted_displacements(chain, s % 2);
        const auto actual = sorted_displacements(super, s);
        ASSERT_EQ(actual.size(), expected.size());
        for (std::size_t k = 0; k < actual.size(); ++k) {
            EXPECT_NEAR((actual[k] - expected[k]).norm(), 0.0, 1e-12) << "site " << s;
        }
    }
}

TEST(Supercell, RejectsRepetitionsAlongOpenAxisNamingIt) {
    const LatticeGraph square = build_test_lattice("square", {});
    try {
        make_supercell(square, {2, 2, 2});
        FAIL() << "repeated along the open c axis";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("axis c"), std::string::npos) << error.what();
    }
    EXPECT_THROW(make_supercell(square, {0, 1, 1}), Error);
    EXPECT_THROW(make_supercell(square, {2, -1, 1}), Error);
}

}  // namespace
}  // namespace ionhop::lattices
