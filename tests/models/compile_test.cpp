#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ionhop/core/error.hpp"
#include "ionhop/core/memory_budget.hpp"
#include "ionhop/lattices/crystal.hpp"
#include "ionhop/models/exclusion.hpp"
#include "ionhop/models/pair_interaction.hpp"
#include "ionhop/models/site_class_energy.hpp"
#include "ionhop/models/uniform_field.hpp"
#include "support/transport_fixtures.hpp"

using namespace ionhop;
using ionhop::testing::compile_test_lattice;

namespace {

// Index of the reverse of hop h (same pair of sites, opposite displacement).
std::uint32_t reverse_of(const engine::HopTable& t, std::uint32_t from, std::uint32_t h) {
    const std::uint32_t to = t.hop_target[h];
    for (std::uint32_t r = t.hop_begin[to]; r < t.hop_begin[to + 1]; ++r) {
        if (t.hop_target[r] == from && (t.displacement_A(r) + t.displacement_A(h)).norm() < 1e-9) return r;
    }
    ADD_FAILURE() << "no reverse for hop " << h;
    return h;
}

}  // namespace

TEST(Compile, SupercellHasSitesAndHopsOfEveryCopy) {
    const auto t = compile_test_lattice("fcc", {3, 2, 2}, 300.0);
    EXPECT_EQ(t.num_sites(), 4u * 12u);
    EXPECT_EQ(t.num_hops(), 12u * 4u * 12u);
    EXPECT_NEAR(t.volume_A3, std::pow(std::sqrt(2.0), 3) * 12.0, 1e-9);
    EXPECT_EQ(t.transport_dimension, 3);
}

TEST(Compile, ReverseHopRatesObeyDetailedBalanceWithSiteEnergiesAndField) {
    auto unit = lattices::build_test_lattice("diamond", {});
    for (std::size_t s = 0; s < unit.num_sites(); ++s)
        unit.site(s).energy_eV = 0.013 * static_cast<double>(s);
    models::RateModel model;
    model.add<models::UniformField>(Eigen::Vector3d(1e6, -2e5, 3e5));
    models::Conditions conditions;
    conditions.temperature_K = 350.0;
    const auto t = models::compile_hop_table(unit, {2, 2, 2}, model, conditions);
    const double kT = units::thermal_energy_eV(350.0);
    const Eigen::Vector3d field_V_per_A = Eigen::Vector3d(1e6, -2e5, 3e5) * 1e-8;
    for (std::uint32_t s = 0; s < t.num_sites(); ++s) {
        for (std::uint32_t h = t.hop_begin[s]; h < t.hop_begin[s + 1]; ++h) {
            const std::uint32_t to = t.hop_target[h];
            const double delta = unit.site(to % unit.num_sites()).energy_eV -
                                 unit.site(s % unit.num_sites()).energy_eV -
                                 field_V_per_A.dot(t.displacement_A(h));
            const double ratio = t.hop_rate_Hz[h] / t.hop_rate_Hz[reverse_of(t, s, h)];
            EXPECT_NEAR(std::log(ratio), -delta / kT, 1e-9) << "hop " << h;
        }
    }
}

TEST(Compile, NearestNeighbourInteractionGivesEverySiteItsCoordination) {
    models::RateModel model;
    model.add<models::PairInteraction>(0.0, 1.01, 0.05);
    const auto t = compile_test_lattice("simple-cubic", {4, 4, 4}, 300.0, model);
    for (std::size_t s = 0; s < t.num_sites(); ++s) EXPECT_EQ(t.pair_begin[s + 1] - t.pair_begin[s], 6u);
    for (const double v : t.hop_endpoint_pair_energy_eV) EXPECT_DOUBLE_EQ(v, 0.05);
}

TEST(Compile, ExclusionPairsListedTwiceCountOnce) {
    auto unit = lattices::build_test_lattice("square", {});
    unit.add_exclusion(0, 0, Eigen::Vector3i(1, 0, 0));
    models::RateModel model;
    model.add<models::ExclusionWithin>(1.01);  // includes the same +x pair again
    const auto t = compile_test_lattice("square", {4, 4, 1}, 300.0, model);
    for (std::size_t s = 0; s < t.num_sites(); ++s)
        EXPECT_EQ(t.exclusion_begin[s + 1] - t.exclusion_begin[s], 4u);
    for (const auto flag : t.hop_endpoints_exclude) EXPECT_EQ(flag, 1u);
}

TEST(Compile, RejectsBadTemperatureRepetitionsAndRanges) {
    const auto unit = lattices::build_test_lattice("simple-cubic", {});
    models::Conditions conditions;
    conditions.temperature_K = -5.0;
    EXPECT_THROW(models::compile_hop_table(unit, {2, 2, 2}, {}, conditions), Error);
    conditions.temperature_K = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THROW(models::compile_hop_table(unit, {2, 2, 2}, {}, conditions), Error);
    conditions.temperature_K = 300.0;
    EXPECT_THROW(models::compile_hop_table(unit, {0, 2, 2}, {}, conditions), Error);
    models::RateModel long_range;
    long_range.add<models::PairInteraction>(0.0, 2.5, 0.01);
    EXPECT_THROW(models::compile_hop_table(unit, {4, 4, 4}, long_range, conditions), Error);
    EXPECT_NO_THROW(models::compile_hop_table(unit, {6, 6, 6}, long_range, conditions));
}

TEST(Compile, RefusesASupercellThatCannotFitInMemoryBeforeBuildingIt) {
    // 850^3 simple-cubic sites (6.1e8 sites, 3.7e9 hops: under the 2^32 index limit) need
    // about 165 GB; refused up front, without allocating the table.
    const auto unit = lattices::build_test_lattice("simple-cubic", {});
    const double estimate = 850.0 * 850.0 * 850.0 * (64.0 + 6 * 34.0);
    if (available_memory_bytes() >= estimate) GTEST_SKIP() << "this machine has room for the supercell";
    try {
        models::compile_hop_table(unit, {850, 850, 850}, {}, models::Conditions{});
        FAIL() << "an 850^3 supercell was compiled";
    } catch (const Error& e) {
        EXPECT_NE(
            std::string(e.what()).find("compile: a supercell of 6.14125e+08 sites, 3.68475e+09 hops would "
                                       "need at least 153 GiB of memory"),
            std::string::npos)
            << e.what();
    }
}

TEST(Compile, RejectsAnEmptyLattice) {
    const lattices::LatticeGraph empty(lattices::make_orthorhombic_cell(1, 1, 1));
    EXPECT_THROW(models::compile_hop_table(empty, {1, 1, 1}, {}, {}), Error);
}

TEST(RateTerms, RejectNonFiniteAndInvalidParameters) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THROW(models::PairInteraction(0.0, nan, 0.1), Error);
    EXPECT_THROW(models::PairInteraction(2.0, 1.0, 0.1), Error);
    EXPECT_THROW(models::PairInteraction(0.0, 1.0, nan), Error);
    EXPECT_THROW(models::ExclusionWithin(-1.0), Error);
    EXPECT_THROW(models::UniformField(Eigen::Vector3d(nan, 0, 0)), Error);
    EXPECT_THROW(models::SiteClassEnergy("24d", nan), Error);
}

TEST(RateTerms, SiteClassEnergyNamesTheValidClassesWhenTheClassIsUnknown) {
    models::RateModel model;
    model.add<models::SiteClassEnergy>("96h", 0.1);
    try {
        compile_test_lattice("bcc", {2, 2, 2}, 300.0, model);
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("96h"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("classes are"), std::string::npos);
    }
}
