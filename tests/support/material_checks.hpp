#pragma once
// Shared checks of the built-in materials' regression tests: class counts by name, a
// transport run on a supercell with a fixed replica count, and the cubic-symmetry claim on
// a conductivity tensor (diagonal elements equal, off-diagonal zero, within 4 standard errors).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ionhop/engine/statistics.hpp"
#include "ionhop/engine/transport.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/models/compile.hpp"

namespace ionhop::testing {

inline std::map<std::string, std::size_t> class_counts(const std::vector<materials::ClassCount>& list) {
    std::map<std::string, std::size_t> out;
    for (const materials::ClassCount& c : list) out[c.name] = c.count;
    return out;
}

// `replicas` independent replicas of 20 + `production_events_per_site` events per site (20
// collective windows).
inline engine::TransportEstimate material_transport(const materials::MaterialLattice& material,
                                                    double temperature_K, const Eigen::Vector3i& repetitions,
                                                    std::size_t ion_count, int replicas, std::uint64_t seed,
                                                    std::uint64_t production_events_per_site = 200) {
    models::Conditions conditions;
    conditions.temperature_K = temperature_K;
    const engine::HopTable table = models::compile_hop_table(material.unit, repetitions, {}, conditions);
    engine::TransportPlan plan;
    plan.ion_count = ion_count;
    plan.equilibration_events = 20 * table.num_sites();
    plan.production_events = production_events_per_site * table.num_sites();
    plan.blocks = 20;
    plan.min_replicas = plan.max_replicas = replicas;
    plan.seed = seed;
    return engine::estimate_transport(table, plan);
}

inline void expect_cubic_symmetry(const engine::TensorMeasurement& sigma) {
    for (int a = 0; a < 3; ++a) {
        EXPECT_GT(sigma.value(a, a), 4 * sigma.standard_error(a, a)) << a;
        for (int b = a + 1; b < 3; ++b) {
            EXPECT_LE(std::abs(sigma.value(a, a) - sigma.value(b, b)),
                      4 * std::hypot(sigma.standard_error(a, a), sigma.standard_error(b, b)))
                << "sigma_" << a << a << " " << sigma.value(a, a) << " vs sigma_" << b << b << " "
                << sigma.value(b, b);
            EXPECT_LE(std::abs(sigma.value(a, b)), 4 * sigma.standard_error(a, b) + 1e-12 * sigma.value(a, a))
                << a << b;
        }
    }
}

}  // namespace ionhop::testing
