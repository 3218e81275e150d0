// The slowest cell relaxation: a ring of M equal bonds relaxes its longest density wave at
// 2 k (1 - cos(2 pi / M)); a slow layer in a stack slows it down; a one-site cell has
// nothing to outlast.
#include "ionhop/models/relaxation_time.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/core/units.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/layer_stack.hpp"

namespace ionhop::models {
namespace {

materials::LayerStackSpec stack(double barrier_a, double barrier_b) {
    materials::LayerStackSpec s;
    s.layers = {materials::GenericLayerSpec{"A", 1.0, 125.0, barrier_a, 1e13, 0.0, "test"},
                materials::GenericLayerSpec{"B", 1.0, 125.0, barrier_b, 1e13, 0.0, "test"}};
    s.lateral_spacing_A = 2.0;
    s.site_fraction = 0.5;
    return s;
}

TEST(RelaxationTime, RingOfEqualBondsMatchesTheExactEigenvalue) {
    const auto built = materials::build_lattice(materials::describe_layer_stack(stack(0.3, 0.3)));
    const auto& unit = built.unit;
    const double T = 500.0, k = 1e13 * std::exp(-0.3 / units::thermal_energy_eV(T));
    const double exact_s = 1.0 / (2.0 * k * (1.0 - std::cos(2.0 * M_PI / 10.0)));  // 10 planes
    EXPECT_NEAR(slowest_cell_relaxation_s(unit, T), exact_s, 1e-9 * exact_s);
}

TEST(RelaxationTime, ASlowLayerSlowsTheStackDown) {
    const double T = 400.0;
    const auto even = materials::build_lattice(materials::describe_layer_stack(stack(0.25, 0.25)));
    const auto slow = materials::build_lattice(materials::describe_layer_stack(stack(0.25, 0.45)));
    EXPECT_GT(slowest_cell_relaxation_s(slow.unit, T), 100.0 * slowest_cell_relaxation_s(even.unit, T));
    lattices::TestLatticeOptions options;
    options.barrier_eV = 0.3;
    EXPECT_EQ(slowest_cell_relaxation_s(lattices::build_test_lattice("simple-cubic", options), T), 0.0);
}

}  // namespace
}  // namespace ionhop::models
