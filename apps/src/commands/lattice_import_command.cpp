// `ionhop lattice import <structure>`: a first lattice file from a CIF or POSCAR, with
// every barrier a placeholder the user must replace (and told so, loudly).
#include <iomanip>
#include <iostream>
#include <map>
#include <string>

#include "commands/commands.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/materials/structure_import.hpp"

namespace ionhop::apps {
namespace {

void print_summary(const materials::LatticeDescription& d, std::ostream& out) {
    const materials::MaterialLattice built = materials::build_lattice(d);
    out << std::setprecision(4) << "\n"
        << "!!! PLACEHOLDER BARRIERS: every hop class below has barrier_eV "
        << materials::placeholder_barrier_eV << " and attempt_frequency_Hz "
        << materials::placeholder_attempt_frequency_Hz << ".\n"
        << "!!! These are NOT published values. Set barrier_eV and attempt_frequency_Hz of every\n"
        << "!!! [[hops]] class from a published calculation (and cite it in [references])\n"
        << "!!! before using any result.\n\n"
        << d.description << '\n'
        << "mobile " << d.mobile_species << ": " << built.mobile_per_cell << " per cell (from the file) on "
        << built.unit.num_sites() << " sites\n";
    for (const auto& count : built.site_counts) {
        out << "  site class " << std::left << std::setw(12) << count.name << std::right << std::setw(5)
            << count.count << " sites\n";
    }
    const auto lengths = lattices::hop_length_range_A(built.unit);
    out << "hop classes (placeholder kinetics):\n";
    for (std::size_t k = 0; k < d.hops.size(); ++k) {
        const auto& hop = d.hops[k];
        const auto& [shortest, longest] = lengths.at(hop.name);
        out << "  " << std::left << std::setw(16) << hop.name << std::right << std::setw(5)
            << built.hop_counts[k].count << " directed hops, " << shortest;
        if (longest - shortest > 1e-3) out << "-" << longest;
        out << " A (window " << hop.distance_A[0] << "-" << hop.distance_A[1] << " A)\n";
    }
    for (std::size_t k = 0; k < d.exclusions.size(); ++k) {
        out << "exclusion '" << d.exclusions[k].name << "': " << built.exclusion_counts[k].count
            << " pairs per cell may not both hold an ion\n";
    }
    out << "notes: " << d.notes << '\n';
}

}  // namespace

void add_lattice_import_command(CLI::App& lattice) {
    auto* import = lattice.add_subcommand(
        "import", "Propose a lattice file from a CIF or VASP POSCAR (barriers are placeholders to replace)");
    static std::string structure_file;
    static materials::ImportOptions options;
    static std::string output;
    import
        ->add_option("structure", structure_file, "CIF (*.cif) or VASP 5 POSCAR (POSCAR*, CONTCAR*, *.vasp)")
        ->required();
    import->add_option("--mobile", options.mobile_species, "Element that hops")->capture_default_str();
    import->add_option("--hop-cutoff", options.hop_cutoff_A, "Longest hop proposed (Angstrom)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    import
        ->add_option("--exclusion-cutoff", options.exclusion_cutoff_A,
                     "Mobile sites closer than this (Angstrom) cannot both hold an ion")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    import->add_option("--format", options.format, "cif or poscar (default: from the file name)");
    import->add_option("-o,--output", output, "Output lattice file (default: standard output)");
    import->footer(
        "Example: ionhop lattice import Li10GeP2S12.cif -o lgps.toml && ionhop lattice info lgps.toml");
    import->callback([] {
        const materials::LatticeDescription d = materials::import_structure(structure_file, options);
    if (output.empty()) {
        std::cout << materials::format_lattice_text(d);
    } else {
        materials::write_lattice_file(d, output);
        std::cerr << "wrote " << output << '\n';
    }
    print_summary(d, std::cerr);
});
}  // namespace ionhop::apps

}  // namespace ionhop::apps
