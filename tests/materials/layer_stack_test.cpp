// Generic layer stacks as lattice descriptions: planes, classes, interface hops, and clear
// errors for bad layers.
#include "ionhop/materials/layer_stack.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/test_lattice_description.hpp"

namespace ionhop::materials {
namespace {

GenericLayerSpec layer(const std::string& name, double thickness_nm, double density, double barrier) {
    return GenericLayerSpec{name, thickness_nm, density, barrier, 1e13, 0.0, "test"};
}

LayerStackSpec stack_of(std::vector<GenericLayerSpec> layers) {
    LayerStackSpec stack;
    stack.layers.assign(layers.begin(), layers.end());
    stack.lateral_spacing_A = 2.0;
    stack.site_fraction = 0.5;
    return stack;
}

// The message of the error describe_layer_stack throws, empty if it throws none.
std::string error_of(const LayerStackSpec& stack) {
    try {
        describe_layer_stack(stack);
    } catch (const Error& error) {
        return std::string(error.what());
    }
    return std::string();
}

void expect_parts(const std::string& message, std::initializer_list<const char*> parts) {
    ASSERT_FALSE(message.empty()) << "no error for a stack expected to fail with: " << *parts.begin();
    for (const char* part : parts) EXPECT_NE(message.find(part), std::string::npos) << message;
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
    // Found by fuzzing: planes 198 A apart with sites 0.2 A apart in them took hours to build.
    LayerStackSpec sparse = stack_of({layer("sparse", 1.0, 126.0, 0.2)});
    sparse.lateral_spacing_A = 0.2;
    expect_parts(error_of(sparse), {"layer 'sparse'", "planes are 198", "within a factor 100"});
    LayerStackSpec no_fraction = stack_of({layer("a", 1.0, 125.0, 0.2)});
    no_fraction.site_fraction = 1.0;
    expect_parts(error_of(no_fraction), {"site_fraction"});
}

TEST(LayerStack, LayersTooThickForMemoryOrForAnIndexAreRefusedBeforeBuilding) {
    // 125 sites/nm^3 with 2 A lateral spacing: planes 2 A apart, one site per plane.
    // 1e9 nm: 5e9 planes, more than a layer can count; 1e8 nm: 5e8 sites, about 560 GiB.
    expect_parts(error_of(stack_of({layer("thick", 1e9, 125.0, 0.2)})),
                 {"layer 'thick'", "thickness_nm 1e+09 spans 5e+09 planes", "more than a layer can hold"});
    expect_parts(
        error_of(stack_of({layer("a", 1.0, 125.0, 0.2), layer("thick", 1e8, 125.0, 0.2)})),
        {"layer stack: 2 layers of 1e+08 nm in all (about 5e+08 sites) would need at least 559 GiB"});
}

// A simple-cubic crystal of 2 A cells as a crystal layer.
CrystalLayerSpec cubic_crystal(const std::string& name, double thickness_nm, double barrier = 0.25) {
    lattices::TestLatticeOptions options;
    options.hop_length_A = 2.0;
    options.barrier_eV = barrier;
    return CrystalLayerSpec{name, describe_test_lattice("simple-cubic", options), thickness_nm, 0.0};
}

LayerStackSpec crystal_and_generic(double generic_nm = 1.0) {
    LayerStackSpec stack = stack_of({layer("B", generic_nm, 125.0, 0.3)});
    stack.layers.insert(stack.layers.begin(), cubic_crystal("A", 1.0));
    stack.interface_barrier_eV = 0.35;
    stack.interface_attempt_frequency_Hz = 1e13;
    return stack;
}

TEST(LayerStack, CrystalLayerIsWholeCellsCentredInItsSlab) {
    const LayerStackSpec stack = crystal_and_generic();
    const LatticeDescription d = describe_layer_stack(stack);
    ASSERT_EQ(d.sites.size(), 2u);
    EXPECT_EQ(d.sites[0].name, "A." + describe_test_lattice("simple-cubic", {}).sites[0].name);
    ASSERT_EQ(d.sites[0].positions.size(), 5u);  // 1 nm of 2 A cells
    EXPECT_EQ(d.sites[1].positions.size(), 5u);
    EXPECT_NEAR(d.cell.vectors_A->diagonal().x(), 20.0, 1e-12);
    // Sites at 1, 3, ..., 9 A: a 1 A margin at both ends, like the generic planes at 11..19 A.
    for (std::size_t i = 0; i < 5; ++i) EXPECT_NEAR(d.sites[0].positions[i].x() * 20.0, 1.0 + 2.0 * i, 1e-9);
    const auto thickness = realised_thickness_nm(stack);
    EXPECT_NEAR(thickness[0], 1.0, 1e-12);
    EXPECT_NEAR(thickness[1], 1.0, 1e-12);
    EXPECT_EQ(layer_site_classes(stack, 0), std::vector<std::string>{d.sites[0].name});
    EXPECT_EQ(layer_site_classes(stack, 1), std::vector<std::string>{"B"});

    // Every site keeps 6 hops; the two interface bonds per period take the stack's barrier.
    const MaterialLattice built = build_lattice(d);
    EXPECT_EQ(built.unit.num_hops(), 10u * 6u);
    std::size_t interface_hops = 0;
    const auto& g = built.unit.graph();
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        if (g[*e].hop_class.find('|') == std::string::npos) continue;
        ++interface_hops;
        EXPECT_DOUBLE_EQ(g[*e].barrier_eV, 0.35);
        EXPECT_NEAR(g[*e].displacement_A.norm(), 2.0, 1e-9);
    }
    EXPECT_EQ(interface_hops, 4u);  // two bonds, both directions
    // Default content: half the generic sites plus the crystal's own (half its sites).
    EXPECT_DOUBLE_EQ(d.composition.mobile_per_formula_unit, 3.0 + 3.0);

    // Alone, the crystal is its slab made periodic: 5 cells along x.
    const LatticeDescription alone = describe_layer_alone(stack, 0);
    EXPECT_EQ(build_lattice(alone).unit.num_sites(), 5u);
    const LatticeDescription generic_alone = describe_layer_alone(stack, 1);
    EXPECT_EQ(build_lattice(generic_alone).unit.num_hops(), 5u * 6u);
}

TEST(LayerStack, GenericSpacingFitsTheCrystalCrossSection) {
    LayerStackSpec stack = crystal_and_generic();
    std::get<CrystalLayerSpec>(stack.layers[0]) = cubic_crystal("A", 1.0);
    std::get<CrystalLayerSpec>(stack.layers[0]).crystal.cell.vectors_A =
        Eigen::Vector3d(2.0, 6.0, 6.0).asDiagonal();
    std::get<CrystalLayerSpec>(stack.layers[0]).crystal.hops[0].distance_A = {1.9, 2.1};
    stack.lateral_spacing_A = 2.9;  // 6 A / round(6 / 2.9) = 3 A
    stack.interface_cutoff_A = 3.2;
    const auto spacing = realised_lateral_spacing_A(stack);
    EXPECT_DOUBLE_EQ(spacing[0], 3.0);
    EXPECT_DOUBLE_EQ(spacing[1], 3.0);
    const LatticeDescription d = describe_layer_stack(stack);
    // 125 sites/nm^3 on 3 x 3 A: planes 8/9 A apart, 1 nm -> 11 planes of 2 x 2 sites.
    EXPECT_EQ(d.sites[1].positions.size(), 11u * 4u);
}

TEST(LayerStack, BadCrystalLayersAreRefusedByName) {
    LayerStackSpec no_interface = crystal_and_generic();
    no_interface.interface_barrier_eV.reset();
    expect_parts(error_of(no_interface), {"'A' and 'B'", "interface_barrier_eV"});

    LayerStackSpec two_sections = crystal_and_generic();
    CrystalLayerSpec wide = cubic_crystal("C", 1.0);
    wide.crystal.cell.vectors_A = Eigen::Vector3d(2.0, 4.0, 4.0).asDiagonal();
    two_sections.layers.push_back(wide);
    expect_parts(error_of(two_sections), {"layer 'C'", "cross-section"});

    LayerStackSpec skewed = crystal_and_generic();
    LatticeDescription& monoclinic = std::get<CrystalLayerSpec>(skewed.layers[0]).crystal;
    monoclinic.cell.vectors_A = (Eigen::Matrix3d() << 2.0, 0.0, 0.0, 0.5, 2.0, 0.0, 0.0, 0.0, 2.0).finished();
    monoclinic.hops[0].distance_A = {1.9, 2.2};
    expect_parts(error_of(skewed), {"layer 'A'", "axes along x, y and z"});

    LayerStackSpec thin = crystal_and_generic();
    std::get<CrystalLayerSpec>(thin.layers[0]).thickness_nm = -1.0;
    expect_parts(error_of(thin), {"layer 'A'", "thickness_nm"});

    // Hops of the crystal up to 4 A reach across a one-plane (2 A) generic layer to the
    // crystal's own far side.
    LayerStackSpec reach = crystal_and_generic(0.2);
    std::get<CrystalLayerSpec>(reach.layers[0]).crystal.hops[0].distance_A = {1.9, 4.1};
    expect_parts(error_of(reach), {"layer 'A'", "its own far side"});

    LayerStackSpec far = crystal_and_generic();
    far.interface_cutoff_A = 1.5;
    expect_parts(error_of(far), {"'A'", "'B'", "not connected"});
}

}  // namespace
}  // namespace ionhop::materials
