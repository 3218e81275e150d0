// Generic layer stacks as lattice descriptions: planes, classes, interface hops, and clear
// errors for bad layers.
#include "ionhop/materials/layer_stack.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/build.hpp"

namespace ionhop::materials {
namespace {

GenericLayerSpec layer(const std::string& name, double thickness_nm, double density, double barrier) {
    return GenericLayerSpec{name, thickness_nm, density, barrier, 1e13, 0.0, "test"};
}

LayerStackSpec stack_of(std::vector<GenericLayerSpec> layers) {
    LayerStackSpec stack;
    stack.layers = std::move(layers);
    stack.lateral_spacing_A = 2.0;
    stack.site_fraction = 0.5;
    return stack;
}

TEST(LayerStack, PlanesClassesAndInterfaceHops) {
    // 125 sites/nm^3 with a = 2 A: planes 2 A apart; 100 sites/nm^3: 2.5 A apart.
    LayerStackSpec stack = stack_of({layer("fast", 1.0, 125.0, 0.2), layer("slow", 1.2, 100.0, 0.5)});
    const LatticeDescription d = describe_layer_stack(stack);
    ASSERT_EQ(d.sites.size(), 2u);
    EXPECT_EQ(d.sites[0].positions.size(), 5u);
    EXPECT_EQ(d.sites[1].positions.size(), 5u);  // 1.2 nm rounds to 5 planes: 1.25 nm
    const auto thickness = realised_thickness_nm(stack);
    EXPECT_NEAR(thickness[0], 1.0, 1e-12);
    EXPECT_NEAR(thickness[1], 1.25, 1e-12);
    EXPECT_NEAR(d.cell.vectors_A->diagonal().x(), 22.5, 1e-12);
    const auto interface =
        std::find_if(d.hops.begin(), d.hops.end(), [](const auto& h) { return h.name == "fast|slow"; });
    ASSERT_NE(interface, d.hops.end());
    EXPECT_DOUBLE_EQ(interface->barrier_eV, 0.5);  // the higher barrier by default
    EXPECT_NEAR(interface->distance_A[0] + interface->distance_A[1], 2.0 * 2.25, 1e-12);
    const MaterialLattice built = build_lattice(d);
    EXPECT_EQ(built.unit.num_sites(), 10u);
    EXPECT_EQ(built.unit.num_hops(), 10u * 6u);

    stack.interface_barrier_eV = 0.7;
    const LatticeDescription custom = describe_layer_stack(stack);
    for (const auto& hop : custom.hops) {
        if (hop.name == "fast|slow") {
            EXPECT_DOUBLE_EQ(hop.barrier_eV, 0.7);
        }
    }
}

TEST(LayerStack, BadLayersAreRefusedByName) {
    const auto error_of = [](const LayerStackSpec& stack) {
        try {
            describe_layer_stack(stack);
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string();
    };
    const auto expect_parts = [](const std::string& message, std::initializer_list<const char*> parts) {
        ASSERT_FALSE(message.empty());
        for (const char* part : parts) EXPECT_NE(message.find(part), std::string::npos) << message;
    };
    expect_parts(error_of(stack_of({})), {"at least one layer"});
    expect_parts(error_of(stack_of({layer("a", 0.0, 125.0, 0.2)})), {"layer 'a'", "thickness_nm"});
    expect_parts(error_of(stack_of({layer("a", 1.0, -1.0, 0.2)})), {"layer 'a'", "site_density_per_nm3"});
    expect_parts(error_of(stack_of({layer("a", 1.0, 125.0, -0.2)})), {"layer 'a'", "barrier_eV"});
    expect_parts(error_of(stack_of({layer("a", 1.0, 125.0, 0.2), layer("a", 1.0, 125.0, 0.2)})),
                 {"'a' is used twice"});
    // 250 sites/nm^3: planes 1 A apart, so second x neighbours sit at the lateral 2 A;
    // 62.5 sites/nm^3: planes 4 A apart, where second in-plane neighbours sit.
    expect_parts(error_of(stack_of({layer("dense", 1.0, 250.0, 0.2), layer("b", 1.0, 125.0, 0.2)})),
                 {"layer 'dense'", "ambiguous"});
    expect_parts(error_of(stack_of({layer("b", 1.0, 125.0, 0.2), layer("sparse", 1.2, 62.5, 0.2)})),
                 {"layer 'sparse'", "ambiguous"});
    LayerStackSpec no_fraction = stack_of({layer("a", 1.0, 125.0, 0.2)});
    no_fraction.site_fraction = 1.0;
    expect_parts(error_of(no_fraction), {"site_fraction"});
}

}  // namespace
}  // namespace ionhop::materials
