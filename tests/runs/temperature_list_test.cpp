#include "ionhop/runs/temperature_list.hpp"

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

}  // namespace
}  // namespace ionhop::runs
