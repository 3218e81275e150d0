#include "ionhop/lattices/neighbours.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/supercell.hpp"
#include "ionhop/lattices/test_lattices.hpp"

namespace ionhop::lattices {
namespace {

using PairKey = std::tuple<std::size_t, std::size_t, int, int, int>;

PairKey key_of(std::size_t first, std::size_t second, const Eigen::Vector3i& image) {
    return {first, second, image.x(), image.y(), image.z()};
}

// Oracle: every site pair over a generous box of images, each unordered pair once.
std::map<PairKey, double> brute_force_pairs(const LatticeGraph& lattice, double min_A, double max_A,
                                            int extra_images) {
    const Cell& cell = lattice.cell();
    const Eigen::Matrix3d to_cartesian = cell.vectors_A.transpose();
    Eigen::Vector3i range = Eigen::Vector3i::Zero();
    for (int axis = 0; axis < 3; ++axis) {
        if (cell.periodic[axis]) {
            range[axis] = static_cast<int>(std::ceil(max_A / cell.face_distances_A()[axis])) + extra_images;
        }
    }
    std::map<PairKey, double> pairs;
    for (std::size_t i = 0; i < lattice.num_sites(); ++i) {
        for (std::size_t j = i; j < lattice.num_sites(); ++j) {
            const Eigen::Vector3d base = lattice.separation_A(i, j, Eigen::Vector3i::Zero());
            for (int x = -range.x(); x <= range.x(); ++x) {
                for (int y = -range.y(); y <= range.y(); ++y) {
                    for (int z = -range.z(); z <= range.z(); ++z) {
                        const Eigen::Vector3i image(x, y, z);
                        if (i == j && !(image.x() > 0 || (image.x() == 0 && image.y() > 0) ||
                                        (image.x() == 0 && image.y() == 0 && image.z() > 0))) {
                            continue;  // a site and itself: one of +image / -image
                        }
                        const double d = (base + to_cartesian * image.cast<double>()).norm();
                        if (d >= min_A && d <= max_A) {
                            pairs[key_of(i, j, image)] = d;
                        }
                    }
                }
            }
        }
    }
    return pairs;
}

void expect_matches_brute_force(const LatticeGraph& lattice, double min_A, double max_A,
                                int extra_images = 1) {
    const std::map<PairKey, double> expected = brute_force_pairs(lattice, min_A, max_A, extra_images);
    const std::vector<NeighbourPair> found = find_pairs_within(lattice, min_A, max_A);
    std::map<PairKey, double> seen;
    for (const NeighbourPair& pair : found) {
        const PairKey key = key_of(pair.first, pair.second, pair.image);
        EXPECT_TRUE(seen.emplace(key, pair.distance_A).second) << "pair listed twice";
        EXPECT_NEAR(lattice.separation_A(pair.first, pair.second, pair.image).norm(), pair.distance_A, 1e-9);
    }
    EXPECT_EQ(found.size(), expected.size());
    for (const auto& [key, distance] : expected) {
        EXPECT_TRUE(seen.count(key)) << "missing pair " << std::get<0>(key) << "-" << std::get<1>(key)
                                     << " at " << distance << " A";
    }
}

LatticeGraph random_sites(const Cell& cell, int count, unsigned seed, double open_span = 1.0) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    LatticeGraph lattice(cell);
    for (int n = 0; n < count; ++n) {
        Site site;
        for (int axis = 0; axis < 3; ++axis) {
            site.fractional[axis] = unit(random) * (cell.periodic[axis] ? 1.0 : open_span);
        }
        lattice.add_site(site);
    }
    return lattice;
}

Eigen::Matrix3d skewed_vectors(double scale) {
    Eigen::Matrix3d vectors;
    vectors << 1.0, 0.0, 0.0,  //
        0.4, 0.9, 0.0,         //
        -0.3, 0.2, 1.1;
    return scale * vectors;
}

TEST(Neighbours, MatchesBruteForceInLargeTriclinicCell) {
    // Cell about 12 A across and a 3 A window: several bins per axis.
    const LatticeGraph lattice = random_sites(make_cell(skewed_vectors(12.0)), 150, 1);
    expect_matches_brute_force(lattice, 0.5, 3.0);
}

TEST(Neighbours, MatchesBruteForceWhenWindowExceedsCell) {
    // Window up to 2.5 cell lengths: many images of every site, including its own.
    const LatticeGraph lattice = random_sites(make_cell(skewed_vectors(2.0)), 3, 2);
    expect_matches_brute_force(lattice, 0.0, 5.0);
}

TEST(Neighbours, MatchesBruteForceInSlabWithOpenAxis) {
    const Cell slab = make_cell(skewed_vectors(8.0), {true, true, false});
    const LatticeGraph lattice = random_sites(slab, 120, 3, 2.5);
    expect_matches_brute_force(lattice, 0.0, 2.5);
}

TEST(Neighbours, FindsEachPairOnceAcrossImages) {
    LatticeGraph chain(make_orthorhombic_cell(1.0, 10.0, 10.0, {true, false, false}));
    chain.add_site(Site{});
    const std::vector<NeighbourPair> pairs = find_pairs_within(chain, 0.5, 2.5);
    // The site and its images at +1 and +2 cells; -1 and -2 are the same pairs.
    ASSERT_EQ(pairs.size(), 2u);
    EXPECT_EQ(pairs[0].image, Eigen::Vector3i(1, 0, 0));
    EXPECT_NEAR(pairs[0].distance_A, 1.0, 1e-12);
    EXPECT_EQ(pairs[1].image, Eigen::Vector3i(2, 0, 0));
    EXPECT_NEAR(pairs[1].distance_A, 2.0, 1e-12);
}

TEST(Neighbours, ReportsImagesForCoordinatesEditedOutOfRange) {
    LatticeGraph lattice(make_orthorhombic_cell(1.0, 1.0, 1.0));
    lattice.add_site(Site{});
    lattice.add_site(Site{});
    lattice.site(1).fractional = {2.5, -1.0, 0.0};  // same place as (0.5, 0, 0)
    // Site 1 sits 0.5 A from site 0 on both sides along x: two pairs, images relative to
    // the edited (unwrapped) coordinate.
    const std::vector<NeighbourPair> pairs = find_pairs_within(lattice, 0.0, 0.6);
    ASSERT_EQ(pairs.size(), 2u);
    std::set<int> image_x;
    for (const NeighbourPair& pair : pairs) {
        EXPECT_EQ(pair.first, 0u);
        EXPECT_EQ(pair.second, 1u);
        EXPECT_EQ(pair.image.y(), 1);
        EXPECT_EQ(pair.image.z(), 0);
        EXPECT_NEAR(pair.distance_A, 0.5, 1e-12);
        image_x.insert(pair.image.x());
    }
    EXPECT_EQ(image_x, (std::set<int>{-3, -2}));
}

TEST(Neighbours, FindsCoincidentSitesAtZeroDistance) {
    LatticeGraph lattice(make_orthorhombic_cell(3.0, 3.0, 3.0));
    lattice.add_site(Site{});
    lattice.add_site(Site{});
    const std::vector<NeighbourPair> pairs = find_pairs_within(lattice, 0.0, 0.0);
    ASSERT_EQ(pairs.size(), 1u);
    EXPECT_EQ(pairs[0].first, 0u);
    EXPECT_EQ(pairs[0].second, 1u);
    EXPECT_EQ(pairs[0].distance_A, 0.0);
}

TEST(Neighbours, RejectsInvalidWindow) {
    LatticeGraph lattice(make_orthorhombic_cell(1.0, 1.0, 1.0));
    lattice.add_site(Site{});
    EXPECT_THROW(find_pairs_within(lattice, -0.1, 1.0), Error);
    EXPECT_THROW(find_pairs_within(lattice, 2.0, 1.0), Error);
    EXPECT_THROW(find_pairs_within(lattice, 0.0, INFINITY), Error);
    EXPECT_TRUE(find_pairs_within(LatticeGraph(lattice.cell()), 0.0, 1.0).empty());
}

TEST(Neighbours, FindsAllBondsOfLargeSupercell) {
    // 16^3 fcc cells, 16384 sites: the bin grid path, six bonds per site.
    const LatticeGraph unit = build_test_lattice("fcc", {.hop_length_A = 2.0});
    const LatticeGraph lattice = make_supercell(unit, {16, 16, 16});
    const std::vector<NeighbourPair> pairs = find_pairs_within(lattice, 0.0, 2.0 * 1.001);
    EXPECT_EQ(pairs.size(), 6 * lattice.num_sites());
    std::vector<int> bonds(lattice.num_sites(), 0);
    for (const NeighbourPair& pair : pairs) {
        EXPECT_NEAR(pair.distance_A, 2.0, 1e-9);
        ++bonds[pair.first];
        ++bonds[pair.second];
    }
    EXPECT_EQ(*std::min_element(bonds.begin(), bonds.end()), 12);
    EXPECT_EQ(*std::max_element(bonds.begin(), bonds.end()), 12);
}

}  // namespace
}  // namespace ionhop::lattices
