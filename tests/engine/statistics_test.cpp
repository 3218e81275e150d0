// Means, standard errors and ratio propagation against hand-computed values.
#include "ionhop/engine/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {
namespace {

TEST(Statistics, MeanAndStandardErrorOfOneToFourAreTwoPointFiveAndSqrtFiveThirdsOverTwo) {
    const Measurement m = mean_with_error({1.0, 2.0, 3.0, 4.0});
    EXPECT_DOUBLE_EQ(m.value, 2.5);
    // Sample variance 5/3, n = 4.
    EXPECT_DOUBLE_EQ(m.standard_error, std::sqrt(5.0 / 3.0) / 2.0);
}

TEST(Statistics, StandardErrorSurvivesLargeCommonOffset) {
    const double offset = 1e9;
    const Measurement m = mean_with_error({offset + 1.0, offset + 2.0, offset + 3.0, offset + 4.0});
    EXPECT_DOUBLE_EQ(m.value, offset + 2.5);
    EXPECT_NEAR(m.standard_error, std::sqrt(5.0 / 3.0) / 2.0, 1e-6);
}

TEST(Statistics, IdenticalSamplesHaveZeroStandardError) {
    const Measurement m = mean_with_error({0.7, 0.7, 0.7});
    EXPECT_DOUBLE_EQ(m.value, 0.7);
    EXPECT_NEAR(m.standard_error, 0.0, 1e-15);  // 0.7 * 3 / 3 rounds in the last bit
}

TEST(Statistics, OneSampleHasInfiniteStandardError) {
    // Spelled out: a braced single number would also match the tensor overload.
    const Measurement m = mean_with_error(std::vector<double>{3.0});
    EXPECT_DOUBLE_EQ(m.value, 3.0);
    EXPECT_TRUE(std::isinf(m.standard_error));
}

TEST(Statistics, EmptyOrNonFiniteSamplesThrow) {
    EXPECT_THROW(mean_with_error(std::vector<double>{}), ionhop::Error);
    EXPECT_THROW(mean_with_error({1.0, std::nan(""), 2.0}), ionhop::Error);
    EXPECT_THROW(mean_with_error({1.0, std::numeric_limits<double>::infinity()}), ionhop::Error);
}

TEST(Statistics, NonFiniteSampleErrorNamesTheSampleIndex) {
    try {
        mean_with_error({1.0, 2.0, std::nan("")});
        FAIL() << "expected ionhop::Error";
    } catch (const ionhop::Error& e) {
        EXPECT_NE(std::string(e.what()).find("sample 2"), std::string::npos) << e.what();
    }
}

TEST(Statistics, TensorMeanAndErrorAreElementWiseScalarResults) {
    std::vector<Eigen::Matrix3d> samples(4);
    std::vector<std::vector<double>> per_element(9);
    for (int s = 0; s < 4; ++s) {
        for (int k = 0; k < 9; ++k) {
            // Different spread per element so a mix-up of elements would show.
            const double v = (k + 1) * (s + 1) + 0.1 * k * s * s;
            samples[s](k / 3, k % 3) = v;
            per_element[k].push_back(v);
        }
    }
    const TensorMeasurement t = mean_with_error(samples);
    for (int k = 0; k < 9; ++k) {
        const Measurement m = mean_with_error(per_element[k]);
        EXPECT_DOUBLE_EQ(t.value(k / 3, k % 3), m.value) << "element " << k;
        EXPECT_DOUBLE_EQ(t.standard_error(k / 3, k % 3), m.standard_error) << "element " << k;
    }
}

TEST(Statistics, TensorOneSampleHasInfiniteErrorsAndEmptyOrNanThrows) {
    const TensorMeasurement one = mean_with_error(std::vector<Eigen::Matrix3d>{Eigen::Matrix3d::Identity()});
    EXPECT_TRUE(one.value.isIdentity());
    EXPECT_TRUE(std::isinf(one.standard_error(1, 2)));

    EXPECT_THROW(mean_with_error(std::vector<Eigen::Matrix3d>{}), ionhop::Error);
    Eigen::Matrix3d bad = Eigen::Matrix3d::Zero();
    bad(2, 1) = std::nan("");
    EXPECT_THROW(mean_with_error(std::vector<Eigen::Matrix3d>{Eigen::Matrix3d::Zero(), bad}), ionhop::Error);
}

TEST(Statistics, RelativeErrorIsErrorOverAbsoluteValueAndInfiniteAtZero) {
    EXPECT_DOUBLE_EQ((Measurement{-4.0, 1.0}).relative_error(), 0.25);
    EXPECT_DOUBLE_EQ((Measurement{2.0, 0.5}).relative_error(), 0.25);
    EXPECT_TRUE(std::isinf((Measurement{0.0, 1.0}).relative_error()));
    EXPECT_GT((Measurement{0.0, 1.0}).relative_error(), 0.0);
}

TEST(Statistics, RatioAddsRelativeErrorsInQuadrature) {
    const Measurement r = ratio({10.0, 1.0}, {4.0, 0.2});
    EXPECT_DOUBLE_EQ(r.value, 2.5);
    // Relative errors 0.1 and 0.05.
    EXPECT_DOUBLE_EQ(r.standard_error, 2.5 * std::sqrt(0.1 * 0.1 + 0.05 * 0.05));
}

TEST(Statistics, RatioWithNegativeDenominatorHasPositiveError) {
    const Measurement r = ratio({3.0, 0.3}, {-2.0, 0.4});
    EXPECT_DOUBLE_EQ(r.value, -1.5);
    EXPECT_DOUBLE_EQ(r.standard_error, 1.5 * std::sqrt(0.1 * 0.1 + 0.2 * 0.2));
}

TEST(Statistics, RatioWithZeroNumeratorHasErrorOfNumeratorOverDenominator) {
    const Measurement r = ratio({0.0, 0.6}, {-3.0, 1.0});
    EXPECT_DOUBLE_EQ(r.value, 0.0);
    EXPECT_DOUBLE_EQ(r.standard_error, 0.2);
}

TEST(Statistics, RatioWithZeroDenominatorThrows) {
    EXPECT_THROW(ratio({1.0, 0.1}, {0.0, 0.1}), ionhop::Error);
}

}  // namespace
}  // namespace ionhop::engine
