// `ionhop lattice list | info | build`: the built-in materials and test lattices, what a
// lattice holds and where it conducts, and lattice files written from them.
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "commands/commands.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/lattices/connectivity.hpp"
#include "ionhop/lattices/test_lattices.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "ionhop/materials/space_group.hpp"

namespace ionhop::apps {
namespace {

void print_connectivity(const lattices::LatticeGraph& unit) {
    const lattices::Connectivity connectivity = lattices::analyse_connectivity(unit);
    std::cout << "connectivity: " << connectivity.num_components << " component(s), network dimension "
              << connectivity.dimension;
    if (connectivity.dimension == 0) {
        std::cout << " (no path through the crystal: sigma = 0)";
    }
    std::cout << '\n';
    for (const Eigen::Vector3i& t : connectivity.translations) {
        std::cout << "  ions travel along cell translation [" << t.transpose() << "]\n";
    }
    const char* axes[] = {"x", "y", "z"};
    std::cout << "  conducts along:";
    for (int axis = 0; axis < 3; ++axis) {
        const bool conducts = connectivity.conducts_along(unit.cell(), Eigen::Vector3d::Unit(axis));
        std::cout << ' ' << axes[axis] << (conducts ? " yes" : " no") << (axis < 2 ? "," : "\n");
    }
}

void print_material(const materials::LatticeDescription& d) {
    const materials::MaterialLattice built = materials::build_lattice(d);
    const lattices::Cell& cell = built.unit.cell();
    std::cout << std::setprecision(6) << d.name << ": " << d.description << '\n'
              << "formula " << d.composition.formula << ", Z = " << d.composition.formula_units_per_cell
              << ", mobile " << d.mobile_species << " per formula unit "
              << d.composition.mobile_per_formula_unit << " (range " << d.composition.mobile_range[0] << "-"
              << d.composition.mobile_range[1] << "), " << built.mobile_per_cell << " per cell\n";
    std::cout << "cell (A, rows a b c):\n" << cell.vectors_A << "\nvolume " << cell.volume_A3() << " A^3";
    if (d.symmetry) {
        const materials::SpaceGroup group =
            materials::space_group(d.symmetry->space_group, d.symmetry->setting);
        std::cout << ", space group " << group.symbol << " (No. " << group.number << ", setting \""
                  << group.setting << "\", " << group.operations.size() << " operations)";
    }
    std::cout << "\n\nsite classes (mobile):\n";
    for (std::size_t k = 0; k < d.sites.size(); ++k) {
        std::cout << "  " << std::left << std::setw(10) << d.sites[k].name << std::right << std::setw(5)
                  << built.site_counts[k].count << " per cell, energy " << d.sites[k].energy_eV << " eV\n";
    }
    std::map<std::string, std::size_t> spectators;
    for (const auto& site : built.spectators) ++spectators[site.site_class];
    if (!spectators.empty()) {
        std::cout << "spectator sites (dopant hosts, immobile):\n";
        for (const auto& [name, count] : spectators) {
            std::cout << "  " << std::left << std::setw(10) << name << std::right << std::setw(5) << count
                      << " per cell\n";
        }
    }
    const auto lengths = lattices::hop_length_range_A(built.unit);
    std::cout << "hop classes (directed hops per cell):\n";
    for (std::size_t k = 0; k < d.hops.size(); ++k) {
        const auto& hop = d.hops[k];
        const auto& [shortest, longest] = lengths.at(hop.name);
        std::cout << "  " << std::left << std::setw(12) << hop.name << std::right << ' ' << hop.from << "-"
                  << hop.to << ": " << built.hop_counts[k].count << " hops, " << shortest << "-" << longest
                  << " A, E_KRA " << hop.barrier_eV << " eV, nu " << hop.attempt_frequency_Hz << " Hz";
        if (hop.tabulated) std::cout << " (tabulated against " << hop.tabulated->parameter << ")";
        std::cout << '\n';
    }
    if (!d.parameters.empty()) {
        std::cout << "parameters (set with --param NAME=VALUE, or [lattice] parameters in a config):\n";
        for (const auto& parameter : d.parameters) {
            std::cout << "  " << parameter.name << " = " << parameter.value << " (range "
                      << parameter.range[0] << "-" << parameter.range[1] << "): " << parameter.meaning
                      << '\n';
        }
    }
    for (std::size_t k = 0; k < d.exclusions.size(); ++k) {
        std::cout << "exclusion '" << d.exclusions[k].name << "': " << built.exclusion_counts[k].count
                  << " pairs per cell may not both hold an ion\n";
    }
    print_connectivity(built.unit);
    if (!d.notes.empty()) {
        std::cout << "\nnotes: " << d.notes << '\n';
    }
    std::cout << "\nreferences:\n";
    for (const auto& [key, citation] : d.references) {
        std::cout << "  [" << key << "] " << citation << '\n';
    }
}

void print_test_lattice(const std::string& name) {
    const lattices::TestLatticeInfo& info = lattices::find_test_lattice(name);
    const lattices::LatticeGraph unit = lattices::build_test_lattice(name, {});
    std::cout << info.name << ": " << info.description << " (test lattice, hop length 1 A, E_KRA 0.2 eV, "
              << "nu 1e13 Hz by default)\n"
              << unit.num_sites() << " sites and " << unit.num_hops()
              << " directed hops per cell, coordination " << info.coordination << '\n';
    print_connectivity(unit);
}

}  // namespace

void add_lattice_command(CLI::App& app) {
    auto* lattice = app.add_subcommand("lattice", "Built-in materials, test lattices and lattice files");
    lattice->require_subcommand(1);
    add_lattice_import_command(*lattice);

    auto* list = lattice->add_subcommand("list", "List the built-in materials and test lattices");
    list->callback([] {
        std::cout << "built-in materials (ionhop lattice info <name>):\n";
        for (const std::string& name : materials::builtin_material_names()) {
            const materials::LatticeDescription d = materials::builtin_material(name);
            std::cout << "  " << std::left << std::setw(14) << name << d.description << '\n';
        }
        std::cout << "test lattices (nearest-neighbour hops):\n";
        for (const auto& info : lattices::test_lattices()) {
            std::cout << "  " << std::left << std::setw(14) << info.name << info.description
                      << " (z = " << info.coordination << ", " << info.dimension << "D)\n";
        }
    });

    auto* info = lattice->add_subcommand("info", "Site and hop classes, counts, distances, connectivity");
    static std::string info_target;
    info->add_option("lattice", info_target, "Built-in material, test lattice, or lattice file (.toml)")
        ->required();
    info->callback([] {
        for (const auto& test : lattices::test_lattices()) {
            if (test.name == info_target) {
                print_test_lattice(info_target);
                return;
            }
        }
        print_material(materials::load_lattice_description(info_target));
    });

    auto* build = lattice->add_subcommand(
        "build", "Write a lattice file with every site listed (optionally of a supercell)");
    static std::string build_target;
    static std::vector<int> supercell{1, 1, 1};
    static std::string output;
    build->add_option("material", build_target, "Built-in material or lattice file")->required();
    build->add_option("--supercell", supercell, "Repetitions along a b c (default 1 1 1)")->expected(3);
    build->add_option("-o,--output", output, "Output lattice file (default: standard output)");
    build->footer("Example: ionhop lattice build lgps --supercell 2 2 1 -o lgps-221.toml");
    build->callback([] {
        const materials::LatticeDescription d = materials::load_lattice_description(build_target);
        const auto expanded =
            materials::expand_to_supercell(d, Eigen::Vector3i(supercell[0], supercell[1], supercell[2]));
        if (output.empty()) {
            std::cout << materials::format_lattice_text(expanded);
        } else {
            materials::write_lattice_file(expanded, output);
            std::cerr << "wrote " << output << '\n';
        }
    });
}

}  // namespace ionhop::apps
