#include "ionhop/runs/value_list.hpp"

#include <gtest/gtest.h>

#include "ionhop/core/error.hpp"

namespace ionhop::runs {
namespace {

TEST(TemperatureList, RangesIncludeTheirEnd) {
    EXPECT_EQ(parse_temperature_list("300:600:100"), (std::vector<double>{300, 400, 500, 600}));
    EXPECT_EQ(parse_temperature_list("300:650:100"), (std::vector<double>{300, 400, 500, 600}));
    EXPECT_EQ(parse_temperature_list("450"), (std::vector<double>{450}));
    EXPECT_EQ(parse_temperature_list("300,450.5,600"), (std::vector<double>{300, 450.5, 600}));
}

TEST(TemperatureList, BadTextIsRefused) {
    for (const char* text : {"", "300:600", "300:600:0", "600:300:50", "abc", "300,-5", "300,,400", "300,",
                             "nan", "300:600:50:1", "1e9:2e9:1"}) {
        EXPECT_THROW(parse_temperature_list(text), Error) << text;
    }
}

TEST(ValueList, SweepValuesMayStartAtZeroOrBeNegative) {
    const auto x = parse_value_list("0:0.8:0.2", "x");
    ASSERT_EQ(x.size(), 5u);
    EXPECT_DOUBLE_EQ(x.front(), 0.0);
    EXPECT_DOUBLE_EQ(x.back(), 0.8);
    EXPECT_EQ(parse_value_list("-0.1,0,0.1", "shift"), (std::vector<double>{-0.1, 0.0, 0.1}));
    for (const char* text : {"", "0:1:0", "0:1:-0.1", "1:0:0.1", "a", "0,,1", "0:1e9:1"}) {
        EXPECT_THROW(parse_value_list(text, "x"), Error) << text;
    }
}

}  // namespace
}  // namespace ionhop::runs
