#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ionhop/core/error.hpp"
#include "support/ring_table.hpp"

using ionhop::testing::ring_table;

namespace {

std::string validation_message(const ionhop::engine::HopTable& table) {
    try {
        table.validate();
    } catch (const ionhop::Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(HopTable, ValidRingPasses) { EXPECT_NO_THROW(ring_table(5, 1.0).validate()); }

TEST(HopTable, RejectsNegativeOrNaNTemperature) {
    auto t = ring_table(5, 1.0, -10.0);
    EXPECT_NE(validation_message(t).find("temperature"), std::string::npos);
    t.temperature_K = std::numeric_limits<double>::quiet_NaN();
    EXPECT_NE(validation_message(t).find("temperature"), std::string::npos);
}

TEST(HopTable, RejectsNonPositiveOrNaNRates) {
    auto t = ring_table(5, 1.0);
    t.hop_rate_Hz[3] = std::numeric_limits<double>::quiet_NaN();
    EXPECT_NE(validation_message(t).find("hop 3"), std::string::npos);
    t.hop_rate_Hz[3] = -1.0;
    EXPECT_NE(validation_message(t).find("rate"), std::string::npos);
}

TEST(HopTable, RejectsSitePositionsOfTheWrongCountOrNotFinite) {
    auto t = ring_table(5, 1.0);
    t.site_position_A.assign(4, Eigen::Vector3d::Zero());
    EXPECT_NE(validation_message(t).find("site_position_A"), std::string::npos) << validation_message(t);
    t.site_position_A.assign(5, Eigen::Vector3d::Zero());
    EXPECT_EQ(validation_message(t), "");
    t.site_position_A[2].y() = std::numeric_limits<double>::infinity();
    EXPECT_NE(validation_message(t).find("site 2 has a non-finite position"), std::string::npos)
        << validation_message(t);
}

TEST(HopTable, RejectsAHopWithoutReverse) {
    auto t = ring_table(5, 1.0);
    t.hop_target[0] = 2;  // 0 -> 2 with displacement +1: no 2 -> 0 with -1
    EXPECT_NE(validation_message(t).find("reverse"), std::string::npos);
}

TEST(HopTable, RejectsAnEmptyLattice) {
    ionhop::engine::HopTable t;
    t.temperature_K = 300;
    t.volume_A3 = 1;
    EXPECT_NE(validation_message(t).find("empty"), std::string::npos);
}

TEST(HopTable, RejectsAsymmetricInteractions) {
    auto t = ring_table(4, 1.0);
    t.pair_begin = {0, 1, 1, 1, 1};
    t.pair_partner = {1};
    t.pair_energy_eV = {0.1};
    t.hop_endpoint_pair_energy_eV.assign(t.num_hops(), 0.0);
    EXPECT_NE(validation_message(t).find("not symmetric"), std::string::npos);
}
