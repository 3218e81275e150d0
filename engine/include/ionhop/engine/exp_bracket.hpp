#pragma once
// Whether u < exp(y), decided exactly but mostly without std::exp: a polynomial 2^z with a
// relative error below 2e-7 settles every u outside a band of +-1e-6 around it, and
// std::exp decides the few inside. The hot loops' acceptance tests are of this form.
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace ionhop::engine {

inline bool below_exp(double u, double y) {
    const double z = y * std::numbers::log2e;
    if (!(z > -1000.0 && z < 1000.0)) return u < std::exp(y);
    const double n = std::floor(z + 0.5);
    const double r = (z - n) * std::numbers::ln2;  // |r| <= ln2 / 2
    // Taylor series of e^r to r^6: remainder below |r|^7 / 7! * e^|r| < 1.7e-7.
    const double p =
        1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720))))));
    const double approx = p * std::bit_cast<double>(static_cast<std::uint64_t>(n + 1023.0) << 52);
    if (u < approx * (1.0 - 1e-6)) return true;
    if (u > approx * (1.0 + 1e-6)) return false;
    return u < std::exp(y);
}

}  // namespace ionhop::engine
