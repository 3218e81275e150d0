#include "ionhop/engine/exp_bracket.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/engine/random_stream.hpp"

using ionhop::engine::below_exp;
using ionhop::engine::RandomStream;

// The bracketed test must decide exactly as u < std::exp(y) would: random pairs over the
// range the acceptance tests use, pairs placed a hair either side of exp(y) (inside the band
// where the polynomial cannot decide), and the ends of the range.
TEST(ExpBracket, DecidesExactlyAsTheLibraryExponential) {
    RandomStream stream(7, 0);
    for (int i = 0; i < 200000; ++i) {
        const double y = -40.0 * stream.uniform_open01();
        const double u = stream.uniform_open01();
        ASSERT_EQ(below_exp(u, y), u < std::exp(y)) << "u = " << u << ", y = " << y;
        const double e = std::exp(y);
        for (const double near :
             {std::nextafter(e, 0.0), e, std::nextafter(e, 1.0), e * (1 - 3e-7), e * (1 + 3e-7)}) {
            ASSERT_EQ(below_exp(near, y), near < e) << "u = " << near << ", y = " << y;
        }
    }
    EXPECT_TRUE(below_exp(0.5, 0.0));
    EXPECT_FALSE(below_exp(0.5, -800.0));  // exp underflows: never accepted
    EXPECT_TRUE(below_exp(0.999, 800.0));
}
