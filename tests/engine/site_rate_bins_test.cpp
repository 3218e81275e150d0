// Composition-rejection over binned site rates: draws in proportion to the rates, waiting
// times exponential with the total rate, O(1) updates that keep the bins consistent.
#include "ionhop/engine/site_rate_bins.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ionhop/core/error.hpp"

using ionhop::engine::RandomStream;
using ionhop::engine::StateArchive;

namespace {

struct NoRecord {};
using SiteRateBins = ionhop::engine::SiteRateBins<NoRecord>;

// Rates spread over many binary orders, with zeros among them.
SiteRateBins spread_rates() {
    SiteRateBins bins(6);
    const std::vector<double> rates = {3.0, 0.0, 1.5e-3, 7.9, 0.0, 4.0};
    for (std::uint32_t s = 0; s < rates.size(); ++s) bins.set(s, rates[s]);
    return bins;
}

}  // namespace

TEST(SiteRateBins, DrawsSitesInProportionToTheirRatesAndExponentialWaitingTimes) {
    const SiteRateBins bins = spread_rates();
    const double total = bins.total_Hz();
    EXPECT_DOUBLE_EQ(total, 3.0 + 1.5e-3 + 7.9 + 4.0);
    // Every rate lies in (bound / 2, bound] of its bin.
    EXPECT_GE(bins.bound_Hz(), total);
    EXPECT_LT(bins.bound_Hz(), 2.0 * total);
    RandomStream stream(7, 0);
    const int draws = 400000;
    std::vector<int> count(bins.size(), 0);
    double waiting = 0.0;
    for (int i = 0; i < draws; ++i) {
        const auto draw = bins.select(stream);
        ++count[draw.site];
        waiting += draw.waiting_time_s;
    }
    for (std::uint32_t s = 0; s < bins.size(); ++s) {
        const double p = bins.rate(s) / total;
        const double sigma = std::sqrt(draws * p * (1.0 - p));
        if (p == 0.0) {
            EXPECT_EQ(count[s], 0) << "site " << s << " has no rate";
        } else {
            EXPECT_NEAR(count[s], draws * p, 4.0 * sigma) << "site " << s;
        }
    }
    // Mean of exponential waiting times: 1 / total, standard error 1 / (total sqrt(draws)).
    EXPECT_NEAR(waiting / draws, 1.0 / total, 4.0 / (total * std::sqrt(draws)));
}

TEST(SiteRateBins, UpdatesMoveSitesBetweenBinsAndZeroRemovesThem) {
    SiteRateBins bins = spread_rates();
    bins.set(2, 0.0);    // the only rate in its bin: the range of bins shrinks
    bins.set(1, 6.0);    // from zero into the bin of 7.9 and 4.0
    bins.set(3, 7.95);   // same bin, new rate
    bins.set(0, 1e-40);  // far below the others
    EXPECT_DOUBLE_EQ(bins.total_Hz(), 1e-40 + 6.0 + 7.95 + 4.0);
    EXPECT_GE(bins.bound_Hz(), bins.total_Hz());
    EXPECT_LT(bins.bound_Hz(), 2.0 * bins.total_Hz());
    RandomStream stream(3, 0);
    for (int i = 0; i < 20000; ++i) {
        const auto site = bins.select(stream).site;
        EXPECT_TRUE(site == 0 || site == 1 || site == 3 || site == 5) << site;
    }
    for (std::uint32_t s = 0; s < bins.size(); ++s) bins.set(s, 0.0);
    EXPECT_EQ(bins.bound_Hz(), 0.0);
    EXPECT_TRUE(bins.empty());
    bins.set(4, 2.0);
    EXPECT_FALSE(bins.empty());
    EXPECT_EQ(bins.select(stream).site, 4u);
}

TEST(SiteRateBins, RestoredBinsDrawTheSameSites) {
    SiteRateBins bins = spread_rates();
    bins.set(1, 5.0);
    bins.set(3, 0.0);
    bins.set(3, 6.5);  // the order inside a bin now differs from a fresh fill
    StateArchive archive;
    bins.save(archive, "bins.");
    SiteRateBins restored(bins.size());
    restored.restore(archive, "bins.");
    RandomStream a(9, 1), b(9, 1);
    for (int i = 0; i < 1000; ++i) {
        const auto x = bins.select(a);
        const auto y = restored.select(b);
        ASSERT_EQ(x.site, y.site);
        ASSERT_EQ(x.waiting_time_s, y.waiting_time_s);
    }
}

TEST(SiteRateBins, RestoreRefusesInconsistentArchives) {
    StateArchive archive;
    spread_rates().save(archive, "bins.");
    SiteRateBins other(6);
    auto members = archive.get<std::uint32_t>("bins.members");
    std::swap(members.front(), members.back());  // sites listed in the wrong bins
    StateArchive wrong = archive;
    wrong.put("bins.members", members);
    EXPECT_THROW(other.restore(wrong, "bins."), ionhop::Error);
    StateArchive negative = archive;
    negative.put("bins.rate_Hz", std::vector<double>{-1.0, 0, 0, 0, 0, 0});
    EXPECT_THROW(other.restore(negative, "bins."), ionhop::Error);
    SiteRateBins smaller(5);
    EXPECT_THROW(smaller.restore(archive, "bins."), ionhop::Error);
}
