#include "ionhop/lattices/microstructure.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/supercell.hpp"
#include "ionhop/lattices/test_lattices.hpp"

using namespace ionhop::lattices;

namespace {

constexpr double a = 2.0;  // simple-cubic spacing (A)

LatticeGraph cubic() { return build_test_lattice("simple-cubic", {a, 0.2, 1e13}); }

GrainBoundaryModel boundary(double scale = 1.0, double energy = 0.0) {
    GrainBoundaryModel b;
    b.width_A = 0.5 * a;  // the boundary hops' ends only
    b.barrier_scale = scale;
    b.site_energy_eV = energy;
    b.hop_cutoff_A = 1.05 * a;
    b.min_separation_A = 0.5 * a;
    return b;
}

// Two aligned grains of 6 cells along x: their crystals are in registry, so the bicrystal
// is the perfect crystal with boundary planes at x = 0 and x = 6a.
MicrostructureSpec aligned_bicrystal(double scale = 1.0, double energy = 0.0) {
    MicrostructureSpec spec;
    spec.box_A = {12 * a, 6 * a, 6 * a};
    spec.grains = {GrainSpec{{3 * a, 0, 0}, Eigen::Matrix3d::Identity(), {0, 0, 0}},
                   GrainSpec{{9 * a, 0, 0}, Eigen::Matrix3d::Identity(), {0, 0, 0}}};
    spec.boundary = boundary(scale, energy);
    return spec;
}

using Key = std::tuple<long, long, long>;

Key grid_key(const LatticeGraph& g, std::size_t s, const Eigen::Vector3d& box) {
    const Eigen::Vector3d p = g.cell().to_cartesian_A(g.site(s).fractional);
    const auto cell = [&](int axis) {
        const long n = std::lround(box[axis] / a);
        return ((std::lround(p[axis] / a) % n) + n) % n;
    };
    return {cell(0), cell(1), cell(2)};
}

}  // namespace

TEST(Microstructure, OneAlignedGrainIsTheSingleCrystal) {
    MicrostructureSpec spec;
    spec.box_A = {5 * a, 4 * a, 3 * a};
    spec.grains = {GrainSpec{{1.0, 2.0, 0.5}, Eigen::Matrix3d::Identity(), {-1.0, -2.0, -0.5}}};
    spec.boundary = boundary(3.0, 0.2);
    MicrostructureSummary summary;
    const LatticeGraph one = build_microstructure(cubic(), spec, &summary);
    const LatticeGraph crystal = make_supercell(cubic(), {5, 4, 3});
    EXPECT_EQ(one.num_sites(), crystal.num_sites());
    EXPECT_EQ(one.num_hops(), crystal.num_hops());
    EXPECT_EQ(summary.gb_sites, 0u);
    EXPECT_EQ(summary.boundary_hops, 0u);
    EXPECT_EQ(summary.removed_sites, 0u);
    std::set<Key> sites;
    for (std::size_t s = 0; s < one.num_sites(); ++s) sites.insert(grid_key(one, s, spec.box_A));
    EXPECT_EQ(sites.size(), 60u);  // every lattice point once
    const SiteGraph& g = one.graph();
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        EXPECT_NEAR(g[*e].displacement_A.norm(), a, 1e-9);
        EXPECT_DOUBLE_EQ(g[*e].barrier_eV, 0.2);  // no boundary: nothing scaled
    }
}

TEST(Microstructure, AlignedBicrystalKeepsTheCrystalAndTagsBothBoundaries) {
    MicrostructureSummary summary;
    const MicrostructureSpec spec = aligned_bicrystal(2.0, -0.1);
    const LatticeGraph bicrystal = build_microstructure(cubic(), spec, &summary);
    // The planes on the bisectors belong to both grains; one copy of each stays.
    EXPECT_EQ(summary.removed_sites, 2u * 36u);
    ASSERT_EQ(bicrystal.num_sites(), 12u * 36u);
    std::set<Key> sites;
    for (std::size_t s = 0; s < bicrystal.num_sites(); ++s) sites.insert(grid_key(bicrystal, s, spec.box_A));
    EXPECT_EQ(sites.size(), 12u * 36u);
    // Every site keeps its six neighbours; the bonds across each boundary plane are boundary
    // hops (36 per plane, both directions).
    const SiteGraph& g = bicrystal.graph();
    for (std::size_t s = 0; s < bicrystal.num_sites(); ++s) EXPECT_EQ(boost::out_degree(s, g), 6u);
    EXPECT_EQ(summary.boundary_hops, 2u * 2u * 36u);
    EXPECT_EQ(summary.seam_pairs, 0u);
    // Their ends, two planes per boundary, are gb sites with the energy offset; hops touching
    // them are scaled, the rest keep the crystal's barrier.
    EXPECT_EQ(summary.gb_sites, 4u * 36u);
    std::size_t scaled = 0;
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const bool touches = g[boost::source(*e, g)].region == "gb" || g[boost::target(*e, g)].region == "gb";
        EXPECT_DOUBLE_EQ(g[*e].barrier_eV, touches ? 0.4 : 0.2);
        scaled += touches;
        if (g[*e].hop_class == "gb") {
            EXPECT_NE(summary.grain_of_site[boost::source(*e, g)],
                      summary.grain_of_site[boost::target(*e, g)]);
        }
    }
    // 4 gb planes: 4 in-plane hops each, plus the x bonds 5-6, 6-7, 7-8 around each boundary.
    EXPECT_EQ(scaled, 36u * (4u * 4u + 2u * 3u * 2u));
    for (std::size_t s = 0; s < bicrystal.num_sites(); ++s) {
        const bool gb = bicrystal.site(s).region == "gb";
        EXPECT_DOUBLE_EQ(bicrystal.site(s).energy_eV, gb ? -0.1 : 0.0);
        EXPECT_EQ(bicrystal.site(s).site_class,
                  gb ? cubic().site(0).site_class + ":gb" : cubic().site(0).site_class);
    }
}

TEST(Microstructure, WiderBoundaryTagsMorePlanes) {
    MicrostructureSpec spec = aligned_bicrystal();
    spec.boundary.width_A = 4.5 * a;  // planes within 2.25a of a bisector: 2 or 3 per side
    MicrostructureSummary summary;
    build_microstructure(cubic(), spec, &summary);
    // Distances to the bisector x = 6a: the shared plane 0, then a, 2a on either side.
    EXPECT_EQ(summary.gb_sites, 2u * 5u * 36u);
}

TEST(Microstructure, TwistedGrainMeetsItsNeighbourThroughBoundaryHopsOnly) {
    MicrostructureSpec spec = aligned_bicrystal();
    spec.box_A = {12 * a, 10 * a, 10 * a};
    spec.grains[1].rotation = axis_angle_rotation({1, 0, 0}, 36.87);  // the Sigma 5 twist
    MicrostructureSummary summary;
    const LatticeGraph twisted = build_microstructure(cubic(), spec, &summary);
    EXPECT_GT(summary.boundary_hops, 0u);
    EXPECT_GT(summary.gb_sites, 0u);
    // Sites about as dense as the crystal (boundary overlaps aside), none closer than the
    // minimum separation, hops no longer than the crystal's or the cutoff.
    EXPECT_NEAR(double(twisted.num_sites()), 1200.0, 0.1 * 1200.0);
    const SiteGraph& g = twisted.graph();
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        EXPECT_LE(g[*e].displacement_A.norm(), spec.boundary.hop_cutoff_A + 1e-9);
        EXPECT_GE(g[*e].displacement_A.norm(), spec.boundary.min_separation_A);
    }
    // Every boundary hop joins the two grains or a grain and its own periodic seam.
    std::size_t across = 0;
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        if (g[*e].hop_class != "gb") continue;
        across += summary.grain_of_site[boost::source(*e, g)] != summary.grain_of_site[boost::target(*e, g)];
    }
    EXPECT_EQ(across + 2 * summary.seam_pairs, summary.boundary_hops);
}

TEST(Microstructure, RefusesABoxThatCannotFitInMemoryBeforeBuildingIt) {
    // A 0.2 um cube of 2 A cells: 1e9 sites and 6e9 hops, about 1 TB as a graph.
    MicrostructureSpec spec = aligned_bicrystal();
    spec.box_A = {2e3, 2e3, 2e3};
    spec.grains[1].seed_A = {1e3, 0, 0};
    try {
        build_microstructure(cubic(), spec);
        FAIL() << "a 0.2 um box was built";
    } catch (const ionhop::Error& e) {
        EXPECT_NE(
            std::string(e.what()).find("microstructure: a box of 2000 x 2000 x 2000 A (about 1e+09 sites "
                                       "and 6e+09 hops) would need at least 978 GiB of memory"),
            std::string::npos)
            << e.what();
    }
}

TEST(Microstructure, RejectsBadSpecifications) {
    const LatticeGraph unit = cubic();
    MicrostructureSpec spec = aligned_bicrystal();
    spec.grains.clear();
    EXPECT_THROW(build_microstructure(unit, spec), ionhop::Error);
    spec = aligned_bicrystal();
    spec.grains[1].seed_A = {30 * a, 0, 0};  // outside the box
    EXPECT_THROW(build_microstructure(unit, spec), ionhop::Error);
    spec = aligned_bicrystal();
    spec.grains[1].rotation << 1, 0, 0, 0, 1, 0, 0, 0, -1;  // a mirror
    EXPECT_THROW(build_microstructure(unit, spec), ionhop::Error);
    spec = aligned_bicrystal();
    spec.boundary.width_A = -1.0;
    EXPECT_THROW(build_microstructure(unit, spec), ionhop::Error);
    spec = aligned_bicrystal();
    spec.boundary.barrier_scale = std::nan("");
    EXPECT_THROW(build_microstructure(unit, spec), ionhop::Error);
    spec = aligned_bicrystal();
    spec.boundary.hop_cutoff_A = 0.1;  // below the minimum separation
    EXPECT_THROW(build_microstructure(unit, spec), ionhop::Error);
    spec = aligned_bicrystal();
    spec.grains[1].seed_A = spec.grains[0].seed_A;
    EXPECT_THROW(build_microstructure(unit, spec), ionhop::Error);
}
