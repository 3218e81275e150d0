// CIF through gemmi: gemmi parses the file and the cell and atom sites
// (make_small_structure_from_block); the symmetry and the expansion are done here because
// gemmi 0.5.7 ignores the operation loop and merges images up to 0.4 A apart, which would
// fold split positions 0.1-0.4 A apart into one and miscount their occupancy.
#include "cif_reader.hpp"

#include <algorithm>
#include <cmath>
#include <gemmi/cif.hpp>
#include <gemmi/smcif.hpp>
#include <gemmi/symmetry.hpp>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/build.hpp"

namespace cif = gemmi::cif;

namespace ionhop::materials {
namespace {

struct Symmetry {
    std::vector<gemmi::Op> operations;
    std::string description;
};

std::string line_of(cif::Block& block, const std::string& tag) {
    const cif::Column column = block.find_values(tag);
    if (column && column.item()->line_number > 0) {
        return ":" + std::to_string(column.item()->line_number);
    }
    return "";
}

std::string group_name(const std::vector<gemmi::Op>& operations) {
    const gemmi::SpaceGroup* group =
        gemmi::find_spacegroup_by_ops(gemmi::split_centering_vectors(operations));
    if (group == nullptr) {
        return "a group not in gemmi's table";
    }
    return "space group " + group->xhm() + " (No. " + std::to_string(group->number) + ")";
}

// The operations, in the order a CIF reader should trust them: the explicit list, the
// Hall symbol (unambiguous), the Hermann-Mauguin symbol, the number (gemmi's default setting).
Symmetry read_symmetry(cif::Block& block, const gemmi::SmallStructure& structure, const std::string& file) {
    Symmetry symmetry;
    for (const char* tag : {"_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz"}) {
        const cif::Column column = block.find_values(tag);
        if (!column) {
            continue;
        }
        for (const std::string& value : column) {
            try {
                symmetry.operations.push_back(gemmi::parse_triplet(cif::as_string(value)));
            } catch (const std::exception& error) {
                throw Error(file + line_of(block, tag) + ": " + tag + " '" + cif::as_string(value) +
                            "' is not a symmetry operation (" + error.what() + ")");
            }
        }
        symmetry.description = std::to_string(symmetry.operations.size()) + " operations of the " + tag +
                               " loop, " + group_name(symmetry.operations);
        return symmetry;
    }
    for (const char* tag : {"_space_group_name_Hall", "_symmetry_space_group_name_Hall"}) {
        if (const std::string* hall = block.find_value(tag); hall && !cif::is_null(*hall)) {
            try {
                symmetry.operations = gemmi::symops_from_hall(cif::as_string(*hall).c_str()).all_ops_sorted();
            } catch (const std::exception& error) {
                throw Error(file + line_of(block, tag) + ": Hall symbol '" + cif::as_string(*hall) +
                            "' not understood (" + error.what() + ")");
            }
            symmetry.description =
                "Hall symbol '" + cif::as_string(*hall) + "', " + group_name(symmetry.operations);
            return symmetry;
        }
    }
    if (!structure.spacegroup_hm.empty()) {
        const gemmi::SpaceGroup* group = structure.find_spacegroup();
        if (group == nullptr) {
            throw Error(file + ": space group '" + structure.spacegroup_hm +
                        "' not understood; add the _space_group_symop_operation_xyz loop");
        }
        symmetry.operations = group->operations().all_ops_sorted();
        symmetry.description = "Hermann-Mauguin symbol '" + structure.spacegroup_hm + "' read as " +
                               group_name(symmetry.operations) +
                               "; check the origin choice if the file does not say it";
        return symmetry;
    }
    for (const char* tag : {"_space_group_IT_number", "_symmetry_Int_Tables_number"}) {
        const std::string* number = block.find_value(tag);
        const gemmi::SpaceGroup* group =
            number ? gemmi::find_spacegroup_by_number(static_cast<int>(cif::as_number(*number, 0.0)))
                   : nullptr;
        if (group != nullptr) {
            symmetry.operations = group->operations().all_ops_sorted();
            symmetry.description = "only the space group number in the file, read as " +
                                   group_name(symmetry.operations) + " in gemmi's default setting; check it";
            return symmetry;
        }
    }
    symmetry.operations = {gemmi::Op::identity()};
    symmetry.description = "no symmetry in the file: read as P1 (every atom listed)";
    return symmetry;
}

// The distinct images of one site under the operations.
std::vector<Eigen::Vector3d> images(const lattices::Cell& cell, const std::vector<gemmi::Op>& operations,
                                    const gemmi::Fractional& site) {
    std::vector<Eigen::Vector3d> positions;
    for (const gemmi::Op& op : operations) {
        const std::array<double, 3> xyz = op.apply_to_xyz({site.x, site.y, site.z});
        const Eigen::Vector3d image = wrapped_fractional({xyz[0], xyz[1], xyz[2]});
        bool known = false;
        for (const Eigen::Vector3d& p : positions) {
            known = known || periodic_distance_A(cell, p, image) < same_site_A;
        }
        if (!known) positions.push_back(image);
    }
    return positions;
}

std::string joined(cif::Block& block, const char* tag) {
    std::string out;
    for (const std::string& value : block.find_values(tag)) {
        if (!cif::is_null(value)) out += (out.empty() ? "" : ", ") + cif::as_string(value);
    }
    return out;
}

// "authors, title, journal volume, page (year), doi" from the journal or citation fields.
std::string citation_of(cif::Block& block) {
    const auto first = [&](std::initializer_list<const char*> tags) {
        for (const char* tag : tags) {
            if (std::string value = joined(block, tag); !value.empty()) return value;
        }
        return std::string();
    };
    const std::string authors = first({"_publ_author_name", "_citation_author_name"});
    const std::string title = first({"_publ_section_title", "_citation_title"});
    const std::string journal =
        first({"_journal_name_full", "_citation_journal_full", "_citation_journal_abbrev"});
    const std::string volume = first({"_journal_volume", "_citation_journal_volume"});
    const std::string page = first({"_journal_page_first", "_citation_page_first"});
    const std::string year = first({"_journal_year", "_citation_year"});
    const std::string doi = first({"_journal_paper_doi", "_citation_DOI"});
    std::string out;
    const auto add = [&](const std::string& separator, const std::string& part) {
        if (!part.empty()) out += (out.empty() ? "" : separator) + part;
    };
    add("", authors);
    add(", ", title);
    add(", ", journal);
    add(" ", volume);
    add(", ", page);
    if (!year.empty()) add(" ", "(" + year + ")");
    if (!doi.empty()) add(", ", "doi:" + doi);
    // Titles in CIF are often multi-line text fields.
    for (char& c : out) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return out;
}

}  // namespace

ImportedStructure parse_cif_structure(const std::string& text, const std::string& file) {
    cif::Document document;
    try {
        document = cif::read_memory(text.data(), text.size(), file.c_str());
    } catch (const std::exception& error) {
        // gemmi's (PEGTL's) messages start with "file:line:column: ".
        const std::string message = error.what();
        throw Error(message.rfind(file + ":", 0) == 0 ? message + " (not a valid CIF file)"
                                                      : file + ": not a valid CIF file: " + message);
    }
    if (document.blocks.empty()) {
        throw Error(file + ": no data block (data_...) in the CIF file");
    }
    cif::Block& block = document.blocks.front();
    const gemmi::SmallStructure structure = gemmi::make_small_structure_from_block(block);
    if (!structure.cell.is_crystal()) {
        throw Error(file + ": no unit cell (_cell_length_a/b/c and _cell_angle_alpha/beta/gamma)");
    }
    const gemmi::UnitCell& gcell = structure.cell;
    for (double x : {gcell.a, gcell.b, gcell.c, gcell.alpha, gcell.beta, gcell.gamma}) {
        if (!std::isfinite(x) || x <= 0.0) {
            throw Error(file + line_of(block, "_cell_length_a") +
                        ": the cell parameters are not all positive numbers");
        }
    }
    if (structure.sites.empty()) {
        throw Error(file + ": no atom sites (the _atom_site_label/fract_x/y/z loop is missing)");
    }

    ImportedStructure imported;
    imported.cell.parameters = {gcell.a, gcell.b, gcell.c, gcell.alpha, gcell.beta, gcell.gamma};
    const lattices::Cell cell = make_cell(imported.cell);
    const Symmetry symmetry = read_symmetry(block, structure, file);
    imported.symmetry = symmetry.description;
    imported.citation = citation_of(block);
    imported.occupancies_given = static_cast<bool>(block.find_values("_atom_site_occupancy"));
    for (const gemmi::SmallStructure::Site& site : structure.sites) {
        const std::string where =
            file + line_of(block, "_atom_site_label") + ": atom site '" + site.label + "'";
        if (!std::isfinite(site.fract.x) || !std::isfinite(site.fract.y) || !std::isfinite(site.fract.z)) {
            throw Error(where + ": fract_x/y/z must be numbers");
        }
        if (!std::isfinite(site.occ) || site.occ < 0.0 || site.occ > 1.0 + 1e-6) {
            throw Error(where + ": occupancy must lie in [0, 1]");
        }
        ImportedAtomSite atom;
        atom.label = site.label;
        atom.element = site.element == gemmi::El::X ? site.type_symbol : site.element.name();
        atom.occupancy = site.occ;
        atom.positions = images(cell, symmetry.operations, site.fract);
        imported.sites.push_back(std::move(atom));
    }
    return imported;
}

}  // namespace ionhop::materials
