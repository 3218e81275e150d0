// From an imported crystal structure to a lattice description: site classes, composition,
// references and notes; hops come from hop_proposal.cpp. The rules are in the header.
#include "ionhop/materials/structure_import.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <set>
#include <sstream>

#include "cif_reader.hpp"
#include "hop_proposal.hpp"
#include "imported_structure.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/materials/build.hpp"
#include "poscar_reader.hpp"

namespace ionhop::materials {
namespace {

const char* const placeholder_citation =
    "PLACEHOLDER written by ionhop lattice import: NOT a published value; set barrier_eV and "
    "attempt_frequency_Hz of every hop class from a published calculation before using results";

std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// "cif" or "poscar": the format given, else the one the file name says.
std::string format_of(const std::filesystem::path& path, const std::string& format) {
    const std::string file = path.string();
    const std::string name = lowercase(path.filename().string());
    const std::string extension = lowercase(path.extension().string());
    std::string chosen = lowercase(format);
    if (chosen.empty()) {
        if (extension == ".cif") {
            chosen = "cif";
        } else if (extension == ".vasp" || extension == ".poscar" || name.rfind("poscar", 0) == 0 ||
                   name.rfind("contcar", 0) == 0) {
            chosen = "poscar";
        } else {
            throw Error(file +
                        ": cannot tell the format from the name (CIF: *.cif; POSCAR: POSCAR*, CONTCAR*, "
                        "*.vasp, *.poscar); give the format (--format cif or --format poscar)");
        }
    }
    if (chosen == "cif") return "cif";
    if (chosen == "poscar" || chosen == "vasp") return "poscar";
    throw Error(file + ": unknown structure format '" + format + "'; valid: cif, poscar");
}

// Cells of real structures, as CIF and POSCAR files give them (conventional or reduced), are
// well over 1 A thick in every direction. A thinner one is a wrong lattice vector, cell
// parameter or scale factor, and the neighbour search would scan (cutoff / thickness)^3
// periodic images: a cell 0.007 A thin took over 10 s (found by fuzzing), thinner ones hours.
constexpr double min_cell_thickness_A = 0.5;

void check_cell_thickness(const lattices::Cell& cell, const std::string& file) {
    const Eigen::Vector3d thickness_A = cell.face_distances_A();
    for (int axis = 0; axis < 3; ++axis) {
        if (!(thickness_A[axis] >= min_cell_thickness_A)) {
            std::ostringstream out;
            out << file << ": the cell is " << thickness_A[axis] << " A thick along "
                << "abc"[axis] << " (the spacing of its faces); a crystal's cell is at least "
                << min_cell_thickness_A
                << " A thick: check the lattice vectors, cell parameters or scale factor";
            throw Error(out.str());
        }
    }
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(path.string() + ": cannot open the structure file");
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string number_text(double x) {
    std::ostringstream out;
    out << std::setprecision(std::abs(x - std::round(x)) < 1e-6 ? 12 : 4) << x;
    return out.str();
}

// Atom sites at one place of the cell: one site, or several sharing it (mixed occupancy).
using SharedSite = std::vector<const ImportedAtomSite*>;

std::vector<SharedSite> shared_sites(const ImportedStructure& structure, const lattices::Cell& cell) {
    std::vector<SharedSite> groups;
    for (const ImportedAtomSite& atom : structure.sites) {
        const auto shares = [&](const SharedSite& group) {
            return std::any_of(group.front()->positions.begin(), group.front()->positions.end(),
                               [&](const Eigen::Vector3d& p) {
                                   return periodic_distance_A(cell, p, atom.positions.front()) < same_site_A;
                               });
        };
        auto group = std::find_if(groups.begin(), groups.end(), shares);
        if (group == groups.end()) {
            groups.push_back({&atom});
        } else {
            group->push_back(&atom);
        }
    }
    return groups;
}

// Element totals of the cell content in order of appearance, e.g. "Li20.2Ge2.06P3.94S24".
std::string cell_formula(const ImportedStructure& structure) {
    std::vector<std::pair<std::string, double>> totals;
    for (const ImportedAtomSite& atom : structure.sites) {
        auto entry = std::find_if(totals.begin(), totals.end(),
                                  [&](const auto& t) { return t.first == atom.element; });
        if (entry == totals.end()) entry = totals.insert(totals.end(), {atom.element, 0.0});
        entry->second += atom.occupancy * static_cast<double>(atom.positions.size());
    }
    std::string formula;
    for (const auto& [element, count] : totals) {
        formula += element + (std::abs(count - 1.0) < 1e-6 ? "" : number_text(count));
    }
    return formula;
}

class ClassNames {
public:
    // The name, or the name with a suffix when a (malformed) file repeats a label.
    std::string unique(const std::string& name) {
        std::string candidate = name;
        for (int k = 2; !used_.insert(candidate).second; ++k) candidate = name + "_" + std::to_string(k);
        return candidate;
    }

private:
    std::set<std::string> used_;
};

// The mobile content a cell can hold when every exclusion pair is disjoint (each site in
// at most one pair): one ion per pair. Zero when pairs chain (no simple bound).
std::size_t capacity_with_disjoint_exclusions(const lattices::LatticeGraph& unit) {
    std::vector<int> partners(unit.num_sites(), 0);
    for (const auto& pair : unit.exclusions()) {
        if (++partners[pair.first] > 1 || ++partners[pair.second] > 1) return 0;
    }
    return unit.num_sites() - unit.exclusions().size();
}

}  // namespace

LatticeDescription import_structure(const std::filesystem::path& path, const ImportOptions& options) {
    ImportOptions chosen = options;
    chosen.format = format_of(path, options.format);
    return parse_structure_text(read_text(path), path.string(), chosen);
}

LatticeDescription parse_structure_text(const std::string& text, const std::string& origin,
                                        const ImportOptions& options) {
    const std::filesystem::path path = origin;
    const std::string& file = origin;
    const ImportedStructure structure = format_of(path, options.format) == "cif"
                                            ? parse_cif_structure(text, file)
                                            : parse_poscar_structure(text, file);
    const lattices::Cell cell = make_cell(structure.cell);
    check_cell_thickness(cell, file);

    LatticeDescription d;
    d.name = path.stem().string();
    d.mobile_species = options.mobile_species;
    d.cell = structure.cell;
    d.cell.source = "structure";
    std::string notes;
    ClassNames names;
    double mobile_content = 0.0;
    std::size_t mobile_sites = 0;
    for (const SharedSite& group : shared_sites(structure, cell)) {
        std::string mobile_labels;
        std::string all_labels;
        const ImportedAtomSite* majority = group.front();
        double mobile_occupancy = 0.0;
        for (const ImportedAtomSite* atom : group) {
            all_labels += (all_labels.empty() ? "" : "/") + atom->label;
            if (atom->occupancy > majority->occupancy) majority = atom;
            if (atom->element == options.mobile_species) {
                mobile_labels += (mobile_labels.empty() ? "" : "/") + atom->label;
                mobile_occupancy += atom->occupancy;
            }
        }
        SiteClassSpec spec;
        spec.positions = group.front()->positions;
        spec.source = "structure";
        if (mobile_labels.empty()) {
            spec.name = names.unique(all_labels);
            spec.element = majority->element;
            d.spectators.push_back(spec);
            continue;
        }
        spec.name = names.unique(mobile_labels);
        if (mobile_labels != all_labels) {
            notes += " Site " + spec.name + " is shared (" + all_labels + "); it is a " +
                     options.mobile_species + " site here.";
        }
        mobile_content += mobile_occupancy * static_cast<double>(spec.positions.size());
        mobile_sites += spec.positions.size();
        d.sites.push_back(spec);
    }
    if (d.sites.empty()) {
        std::string elements;
        for (const ImportedAtomSite& atom : structure.sites) {
            if (elements.find(" " + atom.element + ",") == std::string::npos)
                elements += " " + atom.element + ",";
        }
        elements.pop_back();
        throw Error(file + ": no " + options.mobile_species + " atoms in the structure (elements:" +
                    elements + "); choose the mobile species with --mobile");
    }

    const double sites = static_cast<double>(mobile_sites);
    if (!structure.occupancies_given || mobile_content <= 0.0) {
        mobile_content = 0.5 * sites;
        notes += " The file gives no " + options.mobile_species +
                 " occupancies: the default content is half the " + options.mobile_species +
                 " sites; set mobile_per_formula_unit.";
    } else if (mobile_content >= sites - 1e-9) {
        notes +=
            " Every " + options.mobile_species +
            " site is fully occupied in the file: no ion can hop until mobile_per_formula_unit is lowered.";
    }
    d.composition.formula = cell_formula(structure);
    d.composition.formula_units_per_cell = 1;
    d.composition.mobile_per_formula_unit = mobile_content;
    d.composition.mobile_range = {std::min(1.0, mobile_content), sites};
    d.composition.source = "structure";

    d.references["structure"] =
        "file " + path.filename().string() +
        (structure.citation.empty() ? ", no citation in the file" : "; " + structure.citation);
    d.references["placeholder"] = placeholder_citation;
    HopRules rules{options.hop_cutoff_A, options.exclusion_cutoff_A, "placeholder", "import_rules"};
    propose_hops(d, rules, file);
    if (!d.exclusions.empty()) {
        std::ostringstream rule;
        rule
            << "ionhop lattice import: " << options.mobile_species << " sites closer than "
            << options.exclusion_cutoff_A
            << " A are alternatives (split sites) that cannot both hold an ion; two Li+ are not found closer "
               "than about 2.1 A in ordered crystals (Li-Li 2.11 A in Li3N)";
        d.references["import_rules"] = rule.str();
    }
    d.description = "Imported from " + path.filename().string() + " (" + structure.symmetry +
                    "); PLACEHOLDER barriers: set them before use";

    const MaterialLattice built = [&] {
        try {
            return build_lattice(d);
        } catch (const Error& error) {
            throw Error(file + ": the proposed lattice does not build: " + error.what());
        }
    }();
    const std::size_t capacity = capacity_with_disjoint_exclusions(built.unit);
    if (!d.exclusions.empty() && capacity > 0 && mobile_content > static_cast<double>(capacity) + 1e-9) {
        notes += " The occupancies give " + number_text(mobile_content) + " " + options.mobile_species +
                 " per cell, but only " + std::to_string(capacity) +
                 " fit when sites that exclude each other hold one ion: lower mobile_per_formula_unit to at "
                 "most " +
                 std::to_string(capacity) + " before running.";
    }
    std::ostringstream kinetics;
    kinetics << "PLACEHOLDER kinetics: every hop class has barrier_eV " << placeholder_barrier_eV
             << " and attempt_frequency_Hz " << placeholder_attempt_frequency_Hz
             << ", not published values; set them per hop class. Every " << options.mobile_species
             << " site of the file is mobile; move sites whose ions never move to [[spectators]].";
    d.notes = kinetics.str() + notes;
    return d;
}

}  // namespace ionhop::materials
