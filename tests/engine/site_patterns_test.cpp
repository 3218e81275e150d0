#include "ionhop/engine/site_patterns.hpp"

#include <gtest/gtest.h>

#include "ionhop/engine/prepared_table.hpp"
#include "ionhop/lattices/crystal.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/models/compile.hpp"
#include "support/conditions.hpp"
#include "support/ring_table.hpp"

using namespace ionhop;
using engine::SitePatterns;

namespace {

// Every hop of every site, read back through its pattern, is the table's hop.
void expect_patterns_reproduce_table(const engine::HopTable& table) {
    const engine::PreparedTable prepared(table);
    const SitePatterns& patterns = prepared.site_patterns();
    ASSERT_GT(patterns.num_patterns(), 0u);
    for (std::uint32_t s = 0; s < table.num_sites(); ++s) {
        const std::uint32_t p = patterns.pattern_of(s);
        ASSERT_EQ(patterns.degree(p), table.hop_begin[s + 1] - table.hop_begin[s]) << "site " << s;
        EXPECT_EQ(patterns.site_class(p), table.site_class[s]) << "site " << s;
        for (std::uint32_t k = 0; k < patterns.degree(p); ++k) {
            const std::uint32_t h = table.hop_begin[s] + k;
            const SitePatterns::Slot& slot = patterns.slots(p)[k];
            EXPECT_EQ(SitePatterns::target(s, slot), table.hop_target[h]) << "site " << s << " hop " << k;
            const Eigen::Vector3d displacement = prepared.site_position_A()[table.hop_target[h]] -
                                                 prepared.site_position_A()[s] + patterns.shift_A(slot.shift);
            EXPECT_LT((displacement - table.displacement_A(h)).norm(), 1e-9) << "site " << s << " hop " << k;
            EXPECT_EQ(slot.rate_class, prepared.class_of_hop()[h]);
            EXPECT_EQ(slot.reverse_rate_class, prepared.reverse_class_of_hop()[h]);
        }
    }
}

}  // namespace

TEST(SitePatterns, SimpleCubicSupercellFoldsToInteriorFacesEdgesAndCorners) {
    // Per axis a site is interior, on the low face or on the high face (its hop wraps):
    // 3^3 = 27 kinds of site, whatever the box size, stored one byte per site.
    const auto unit = lattices::build_test_lattice("simple-cubic", {});
    for (const int L : {3, 5, 8}) {
        const auto table = models::compile_hop_table(unit, Eigen::Vector3i::Constant(L), {},
                                                     ionhop::testing::at_temperature(300.0));
        const engine::PreparedTable prepared(table);
        EXPECT_EQ(prepared.site_patterns().num_patterns(), 27u) << "L = " << L;
        EXPECT_EQ(prepared.site_patterns().id_bytes(), 1u);
        expect_patterns_reproduce_table(table);
    }
}

TEST(SitePatterns, TwoSiteClassesAndTwoRatesAreKeptApart) {
    // Two classes alternating along x with different site energies: hops low -> high and
    // high -> low have different rates, so each class has its own patterns.
    const std::vector<lattices::BasisSite> basis = {{Eigen::Vector3d(0, 0, 0), "low"},
                                                    {Eigen::Vector3d(0.5, 0, 0), "high"}};
    auto unit = lattices::make_nearest_neighbour_crystal(lattices::make_orthorhombic_cell(2.0, 1.0, 1.0),
                                                         basis, lattices::HopParameters{0.25, 1e13});
    unit.site(1).energy_eV = 0.05;
    const auto table =
        models::compile_hop_table(unit, Eigen::Vector3i(3, 4, 4), {}, ionhop::testing::at_temperature(300.0));
    const engine::PreparedTable prepared(table);
    EXPECT_EQ(prepared.class_rates_Hz().size(), 3u);  // low -> high, high -> low, within a class
    expect_patterns_reproduce_table(table);
}

TEST(SitePatterns, ALatticeWithoutTranslationsGetsOnePatternPerKindOfSite) {
    // A ring of 7 sites: every site has hops to s - 1 and s + 1, except the two whose hops
    // wrap (0 and 6); the table has no positions, so they are walked from site 0 and the
    // walk closes the ring between sites 3 and 4, whose hops carry the ring's length as a
    // shift (hop_shifts.hpp): 5 patterns.
    const auto table = ionhop::testing::ring_table(7, 1.0);
    const engine::PreparedTable prepared(table);
    EXPECT_EQ(prepared.site_patterns().num_patterns(), 5u);
    expect_patterns_reproduce_table(table);
}
