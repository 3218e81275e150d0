#pragma once
// A hand-built HopTable of site pairs: an L^3 box of cubic cells (3 Angstrom), each with
// sites A at (0,0,0) and B at (1,0,0) joined by a fast hop (1 Angstrom, `fast_Hz`); slow
// hops (`slow_Hz`) join B to the next cell's A along x (2 Angstrom) and A to A, B to B along
// y and z (3 Angstrom). For one ion on it, D_yy = D_zz = 9 slow Angstrom^2/s and
// D_xx = 3^2 / (2 (1/fast + 1/slow)) (a periodic chain of two bonds in series).
#include <cstdint>

#include "ionhop/engine/hop_table.hpp"

namespace ionhop::testing {

inline engine::HopTable pair_lattice_table(int cells, double fast_Hz, double slow_Hz,
                                           double temperature_K = 300.0) {
    engine::HopTable t;
    t.class_names = {"A", "B"};
    const auto n = static_cast<std::uint32_t>(cells);
    const auto site = [n](std::uint32_t x, std::uint32_t y, std::uint32_t z, std::uint32_t sub) {
        return (((x % n) * n + (y % n)) * n + (z % n)) * 2 + sub;
    };
    t.displacement_table_A = {{1, 0, 0}, {-1, 0, 0}, {2, 0, 0}, {-2, 0, 0},
                              {0, 3, 0}, {0, -3, 0}, {0, 0, 3}, {0, 0, -3}};
    t.hop_begin.push_back(0);
    const auto add = [&t](std::uint32_t target, std::uint32_t vector, double rate) {
        t.hop_target.push_back(target);
        t.hop_vector.push_back(vector);
        t.hop_rate_Hz.push_back(rate);
    };
    for (std::uint32_t x = 0; x < n; ++x) {
        for (std::uint32_t y = 0; y < n; ++y) {
            for (std::uint32_t z = 0; z < n; ++z) {
                for (std::uint32_t sub = 0; sub < 2; ++sub) {
                    t.site_class.push_back(static_cast<std::int32_t>(sub));
                    t.site_mobile.push_back(1);
                    if (sub == 0) {
                        add(site(x, y, z, 1), 0, fast_Hz);
                        add(site(x + n - 1, y, z, 1), 3, slow_Hz);
                    } else {
                        add(site(x, y, z, 0), 1, fast_Hz);
                        add(site(x + 1, y, z, 0), 2, slow_Hz);
                    }
                    add(site(x, y + 1, z, sub), 4, slow_Hz);
                    add(site(x, y + n - 1, z, sub), 5, slow_Hz);
                    add(site(x, y, z + 1, sub), 6, slow_Hz);
                    add(site(x, y, z + n - 1, sub), 7, slow_Hz);
                    t.hop_begin.push_back(static_cast<std::uint32_t>(t.hop_target.size()));
                }
            }
        }
    }
    t.temperature_K = temperature_K;
    t.volume_A3 = 27.0 * n * n * n;
    return t;
}

}  // namespace ionhop::testing
