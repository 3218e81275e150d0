#include "ionhop/engine/rate_tree.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "ionhop/core/error.hpp"

using ionhop::engine::RateTree;

TEST(RateTree, TotalIsTheSumOfLeaves) {
    RateTree tree(5);
    tree.assign({1.0, 2.0, 0.0, 4.0, 8.0});
    EXPECT_DOUBLE_EQ(tree.total(), 15.0);
    tree.set(2, 16.0);
    EXPECT_DOUBLE_EQ(tree.total(), 31.0);
    EXPECT_DOUBLE_EQ(tree.leaf(2), 16.0);
}

TEST(RateTree, SelectsTheLeafWhoseCumulativeIntervalHoldsTheTarget) {
    RateTree tree(4);
    tree.assign({1.0, 0.0, 2.0, 3.0});
    const std::vector<std::pair<double, std::size_t>> cases = {{0.0, 0},   {0.999, 0}, {1.0, 2},  {2.5, 2},
                                                               {2.999, 2}, {3.0, 3},   {5.999, 3}};
    for (const auto& [target, expected] : cases) {
        double t = target;
        EXPECT_EQ(tree.select(t), expected) << "target " << target;
        EXPECT_GE(t, 0.0);
        EXPECT_LT(t, tree.leaf(expected));
    }
}

TEST(RateTree, NeverSelectsAnEmptyLeafEvenWhenRoundingOvershoots) {
    RateTree tree(3);
    tree.assign({0.1, 0.2, 0.0});
    double target = tree.total() * (1.0 + 1e-15);
    EXPECT_EQ(tree.select(target), 1u);
}

TEST(RateTree, RejectsZeroLeavesAndWrongSizes) {
    EXPECT_THROW(RateTree(0), ionhop::Error);
    RateTree tree(3);
    EXPECT_THROW(tree.assign({1.0, 2.0}), ionhop::Error);
}

TEST(RateTree, SelectionMatchesALinearScanOverManyLevels) {
    const std::size_t n = 1000;  // four levels of eight
    std::vector<double> rates(n);
    for (std::size_t i = 0; i < n; ++i) rates[i] = (i % 7 == 0) ? 0.0 : 0.5 + static_cast<double>(i % 13);
    RateTree tree(n);
    tree.assign(rates);
    rates[500] = 3.25;
    tree.set(500, 3.25);
    double total = 0.0;
    for (double r : rates) total += r;
    EXPECT_NEAR(tree.total(), total, 1e-9 * total);
    double cumulative = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (rates[i] == 0.0) continue;
        double target = cumulative + 0.5 * rates[i];
        ASSERT_EQ(tree.select(target), i);
        EXPECT_NEAR(target, 0.5 * rates[i], 1e-9 * total);
        cumulative += rates[i];
    }
}
