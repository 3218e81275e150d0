#include "ionhop/engine/random_stream.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using ionhop::engine::RandomStream;

TEST(RandomStream, SameSeedAndStreamGiveTheSameSequence) {
    RandomStream a(42, 7), b(42, 7);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u64(), b.next_u64());
}

TEST(RandomStream, DifferentStreamsDiffer) {
    RandomStream a(42, 0), b(42, 1), c(43, 0);
    int same_ab = 0, same_ac = 0;
    for (int i = 0; i < 100; ++i) {
        const auto x = a.next_u64();
        same_ab += x == b.next_u64();
        same_ac += x == c.next_u64();
    }
    EXPECT_EQ(same_ab, 0);
    EXPECT_EQ(same_ac, 0);
}

TEST(RandomStream, UniformIsInTheOpenIntervalWithMeanOneHalf) {
    RandomStream s(1, 0);
    const int n = 200000;
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
        const double u = s.uniform_open01();
        ASSERT_GT(u, 0.0);
        ASSERT_LT(u, 1.0);
        sum += u;
    }
    // Standard error of the mean of U(0,1): 1 / sqrt(12 n).
    EXPECT_NEAR(sum / n, 0.5, 4.0 / std::sqrt(12.0 * n));
}

TEST(RandomStream, UniformIndexIsUnbiased) {
    RandomStream s(3, 0);
    const int n = 300000, k = 3;
    std::vector<int> counts(k, 0);
    for (int i = 0; i < n; ++i) {
        const auto j = s.uniform_index(k);
        ASSERT_LT(j, static_cast<std::uint64_t>(k));
        ++counts[j];
    }
    const double p = 1.0 / k, sigma = std::sqrt(n * p * (1 - p));
    for (int c : counts) EXPECT_NEAR(c, n * p, 4.0 * sigma);
}

TEST(RandomStream, PeekShowsTheComingDrawsWithoutChangingTheSequence) {
    // Peeks at every position of a block and across block boundaries (4 draws per block).
    RandomStream peeked(9, 3), plain(9, 3);
    for (int i = 0; i < 40; ++i) {
        const std::uint64_t ahead0 = peeked.peek_u64(0);
        const std::uint64_t ahead2 = peeked.peek_u64(i % 5);
        RandomStream copy = plain;
        for (int k = 0; k < i % 5; ++k) copy.next_u64();
        EXPECT_EQ(ahead2, copy.next_u64()) << "draw " << i << ", " << i % 5 << " ahead";
        const std::uint64_t drawn = peeked.next_u64();
        EXPECT_EQ(drawn, ahead0);
        EXPECT_EQ(drawn, plain.next_u64()) << "draw " << i;
    }
}

TEST(RandomStream, ExtremeBitsStayInsideTheOpenInterval) {
    EXPECT_GT(RandomStream::to_open01(0), 0.0);
    EXPECT_LT(RandomStream::to_open01(~std::uint64_t{0}), 1.0);  // (2^53 - 0.5) 2^-53 rounds to 1
    EXPECT_LT(static_cast<std::uint32_t>(RandomStream::to_open01(~std::uint64_t{0}) * 1e6), 1000000u);
    EXPECT_EQ(RandomStream::to_open01(std::uint64_t{1} << 63), 0.5 + 0x1.0p-54);
}
