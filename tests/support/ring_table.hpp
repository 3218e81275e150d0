#pragma once
// A hand-built HopTable: a periodic ring of `sites` sites 1 Angstrom apart along x, each
// with a hop to both neighbours at `rate_Hz`. Lets engine tests run without lattices/.
#include <cstdint>

#include "ionhop/engine/hop_table.hpp"

namespace ionhop::testing {

inline engine::HopTable ring_table(std::uint32_t sites, double rate_Hz, double temperature_K = 300.0) {
    engine::HopTable t;
    t.class_names = {"ring"};
    t.site_class.assign(sites, 0);
    t.site_mobile.assign(sites, 1);
    t.displacement_table_A = {Eigen::Vector3d(1, 0, 0), Eigen::Vector3d(-1, 0, 0)};
    t.hop_begin.push_back(0);
    for (std::uint32_t s = 0; s < sites; ++s) {
        t.hop_target.push_back((s + 1) % sites);
        t.hop_vector.push_back(0);
        t.hop_target.push_back((s + sites - 1) % sites);
        t.hop_vector.push_back(1);
        t.hop_rate_Hz.push_back(rate_Hz);
        t.hop_rate_Hz.push_back(rate_Hz);
        t.hop_begin.push_back(static_cast<std::uint32_t>(t.hop_target.size()));
    }
    t.temperature_K = temperature_K;
    t.volume_A3 = sites * 1.0;
    t.transport_dimension = 1;
    return t;
}

}  // namespace ionhop::testing
