#include "ionhop/engine/log_weight_bins.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ionhop/core/error.hpp"
#include "ionhop/engine/random_stream.hpp"

using ionhop::engine::LogWeightBins;
using ionhop::engine::RandomStream;
using ionhop::engine::StateArchive;

namespace {

// Log-weights spread over several octaves, two sites sharing a bin.
const std::vector<double> kLogWeights = {0.0, 0.05, 1.3, 2.9, -1.7, 4.4};

LogWeightBins filled_bins() {
    LogWeightBins bins(kLogWeights.size(), -2.0, 5.0);
    for (std::uint32_t s = 0; s < kLogWeights.size(); ++s) bins.set(s, kLogWeights[s]);
    bins.prepare();
    return bins;
}

}  // namespace

TEST(LogWeightBins, EveryBinBoundsItsWeightsWithinAQuarterOctave) {
    const auto bins = filled_bins();
    RandomStream stream(3, 0);
    for (int i = 0; i < 2000; ++i) {
        const auto pick = bins.pick(stream.uniform_open01());
        const double x = kLogWeights[pick.site];
        EXPECT_LE(x, pick.log_bound + 1e-12);
        EXPECT_GT(x, pick.log_bound - std::log(2.0) / LogWeightBins::bins_per_octave - 1e-12);
        EXPECT_GE(pick.fraction, 0.0);
        EXPECT_LT(pick.fraction, 1.0);
    }
}

// A site is drawn with probability U(its bin) / sum of U over all sites: count the draws
// against that, each within 4 standard errors of its binomial count.
TEST(LogWeightBins, DrawsSitesInProportionToTheirBinBounds) {
    const auto bins = filled_bins();
    const int draws = 200000;
    std::vector<double> bound(kLogWeights.size());
    std::vector<int> count(kLogWeights.size(), 0);
    RandomStream stream(5, 0);
    for (int i = 0; i < draws; ++i) {
        const auto pick = bins.pick(stream.uniform_open01());
        ++count[pick.site];
        bound[pick.site] = std::exp(pick.log_bound);
    }
    double total = 0.0;
    for (const double b : bound) total += b;
    EXPECT_NEAR(total, bins.bound(), 1e-9 * total);
    for (std::size_t s = 0; s < count.size(); ++s) {
        const double p = bound[s] / total;
        EXPECT_NEAR(count[s], draws * p, 4.0 * std::sqrt(draws * p * (1 - p))) << "site " << s;
    }
}

TEST(LogWeightBins, MovesRemovesAndReportsEmpty) {
    LogWeightBins bins(3, 0.0, 3.0);
    EXPECT_TRUE(bins.empty());
    bins.set(1, 2.0);
    bins.set(1, 0.5);  // moved, not added twice
    bins.prepare();
    EXPECT_NEAR(bins.bound(), std::exp(std::ceil(0.5 * 4 / std::log(2.0)) * std::log(2.0) / 4), 1e-12);
    EXPECT_EQ(bins.pick(0.7).site, 1u);
    bins.remove(1);
    EXPECT_TRUE(bins.empty());
    EXPECT_THROW(LogWeightBins(3, 1.0, std::numeric_limits<double>::quiet_NaN()), ionhop::Error);
}

TEST(LogWeightBins, RestoredBinsDrawTheSameSitesAndRefuseAnotherState) {
    const auto bins = filled_bins();
    StateArchive archive("state.h5");
    bins.save(archive, "bins.");
    LogWeightBins restored(kLogWeights.size(), -2.0, 5.0);
    restored.restore(archive, "bins.", kLogWeights);
    for (const double u : {0.01, 0.3, 0.5, 0.77, 0.99}) EXPECT_EQ(restored.pick(u).site, bins.pick(u).site);
    auto moved = kLogWeights;
    moved[2] = 4.4;  // another bin than the archive lists it in
    EXPECT_THROW(restored.restore(archive, "bins.", moved), ionhop::Error);
    auto fewer = kLogWeights;
    fewer[0] = std::numeric_limits<double>::quiet_NaN();  // one member fewer than saved
    EXPECT_THROW(restored.restore(archive, "bins.", fewer), ionhop::Error);
}
