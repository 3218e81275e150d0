// Structure import: a real structure (LGPS, Kamaya et al. 2011) read from CIF gives the
// sites of the built-in material, the known hop distances and a file that reads back and
// builds; POSCAR variants agree; malformed input fails with the file in the message.
#include "ionhop/materials/structure_import.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/materials/material_registry.hpp"

namespace ionhop::materials {
namespace {

const std::filesystem::path kData = std::filesystem::path(__FILE__).parent_path().parent_path() / "data";
const std::filesystem::path kLgpsCif = kData / "Li10GeP2S12.cif";

// A file in a fresh temporary folder, removed with the object.
class TemporaryFile {
public:
    TemporaryFile(const std::string& name, const std::string& text) {
        folder_ = std::filesystem::temp_directory_path() /
                  ("ionhop-import-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                   "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(folder_);
        path_ = folder_ / name;
        std::ofstream(path_, std::ios::binary) << text;
    }
    ~TemporaryFile() {
        std::error_code ignored;
        std::filesystem::remove_all(folder_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path folder_;
    std::filesystem::path path_;
};

std::size_t count_of(const MaterialLattice& built, const std::string& name) {
    for (const ClassCount& count : built.site_counts) {
        if (count.name == name) return count.count;
    }
    return 0;
}

const HopClassSpec* hop_between(const LatticeDescription& d, const std::string& a, const std::string& b,
                                double distance_A) {
    for (const HopClassSpec& hop : d.hops) {
        const bool classes = (hop.from == a && hop.to == b) || (hop.from == b && hop.to == a);
        if (classes && hop.distance_A[0] <= distance_A && distance_A <= hop.distance_A[1]) return &hop;
    }
    return nullptr;
}

ImportOptions with_mobile(const std::string& species) {
    ImportOptions options;
    options.mobile_species = species;
    return options;
}

ImportOptions with_format(const std::string& format) {
    ImportOptions options;
    options.format = format;
    return options;
}

std::string error_of(const std::filesystem::path& path, const ImportOptions& options = {}) {
    try {
        import_structure(path, options);
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

TEST(StructureImport, LgpsCifGivesTheSitesOfTheBuiltInMaterial) {
    const LatticeDescription d = import_structure(kLgpsCif);
    const MaterialLattice built = build_lattice(d);
    const MaterialLattice reference = build_lattice(builtin_material("lgps"));
    EXPECT_EQ(count_of(built, "Li1"), count_of(reference, "16h"));
    EXPECT_EQ(count_of(built, "Li3"), count_of(reference, "8f"));
    EXPECT_EQ(count_of(built, "Li1"), 16u);
    EXPECT_EQ(count_of(built, "Li2"), 4u);  // 4d: a spectator in the built-in material
    EXPECT_EQ(count_of(built, "Li3"), 8u);
    EXPECT_FALSE(d.symmetry.has_value()) << "positions are listed explicitly";
}

TEST(StructureImport, LgpsMixedGeAndPSiteIsOneSpectatorClass) {
    const MaterialLattice built = build_lattice(import_structure(kLgpsCif));
    std::map<std::string, std::size_t> spectators;
    for (const SpectatorSite& site : built.spectators) ++spectators[site.site_class];
    EXPECT_EQ(spectators["Ge1/P1"], 4u);
    EXPECT_EQ(spectators["P2"], 2u);
    EXPECT_EQ(spectators["S1"], 8u);
    EXPECT_EQ(spectators["S2"], 8u);
    EXPECT_EQ(spectators["S3"], 8u);
}

TEST(StructureImport, LgpsMobileCountIsTheSumOfOccupancies) {
    const LatticeDescription d = import_structure(kLgpsCif);
    EXPECT_EQ(d.composition.formula_units_per_cell, 1);
    EXPECT_NEAR(d.composition.mobile_per_formula_unit, 16 * 0.691 + 4 * 1.0 + 8 * 0.643, 1e-9);
    EXPECT_LE(d.composition.mobile_range[0], d.composition.mobile_per_formula_unit);
    EXPECT_DOUBLE_EQ(d.composition.mobile_range[1], 28.0);
    // 8 excluding 16h pairs leave room for 20 Li, fewer than the occupancies: said in the notes.
    EXPECT_NE(d.notes.find("only 20 fit"), std::string::npos) << d.notes;
}

TEST(StructureImport, LgpsProposesThe16hTo8fHopAndThe16hPairAsExclusion) {
    const LatticeDescription d = import_structure(kLgpsCif);
    EXPECT_NE(hop_between(d, "Li1", "Li3", 2.32), nullptr);
    EXPECT_NE(hop_between(d, "Li1", "Li1", 1.73), nullptr) << "split-site pairs still hop";
    const auto exclusion = std::find_if(d.exclusions.begin(), d.exclusions.end(), [](const ExclusionSpec& e) {
        return e.between[0] == "Li1" && e.between[1] == "Li1" && e.distance_A[0] <= 1.73 &&
               1.73 <= e.distance_A[1];
    });
    ASSERT_NE(exclusion, d.exclusions.end());
    const MaterialLattice built = build_lattice(d);
    const std::size_t index = static_cast<std::size_t>(exclusion - d.exclusions.begin());
    EXPECT_EQ(built.exclusion_counts[index].count, 8u);
}

TEST(StructureImport, EveryHopIsAPlaceholderFromTheStructureFile) {
    const LatticeDescription d = import_structure(kLgpsCif);
    ASSERT_FALSE(d.hops.empty());
    for (const HopClassSpec& hop : d.hops) {
        EXPECT_EQ(hop.source, "placeholder") << hop.name;
        EXPECT_DOUBLE_EQ(hop.barrier_eV, placeholder_barrier_eV);
    }
    EXPECT_NE(d.references.at("placeholder").find("NOT a published value"), std::string::npos);
    EXPECT_NE(d.references.at("structure").find("Nature Materials 10, 682 (2011)"), std::string::npos)
        << d.references.at("structure");
}

TEST(StructureImport, HopWindowsAreDisjointAndEachMatchesItsShell) {
    ImportOptions options;
    options.hop_cutoff_A = 5.0;
    const LatticeDescription d = import_structure(kLgpsCif, options);
    for (std::size_t i = 0; i < d.hops.size(); ++i) {
        for (std::size_t j = i + 1; j < d.hops.size(); ++j) {
            const HopClassSpec& a = d.hops[i];
            const HopClassSpec& b = d.hops[j];
            const bool same_classes =
                (a.from == b.from && a.to == b.to) || (a.from == b.to && a.to == b.from);
            if (same_classes) {
                EXPECT_TRUE(a.distance_A[1] < b.distance_A[0] || b.distance_A[1] < a.distance_A[0])
                    << a.name << " and " << b.name;
            }
        }
    }
    // build_lattice rejects a class that matches nothing and a pair claimed twice.
    EXPECT_NO_THROW(build_lattice(d));
}

TEST(StructureImport, WrittenFileReadsBackAndBuilds) {
    const LatticeDescription d = import_structure(kLgpsCif);
    const LatticeDescription back = parse_lattice_text(format_lattice_text(d), "imported.toml");
    EXPECT_EQ(back, d);
    const MaterialLattice built = build_lattice(back);
    EXPECT_EQ(built.unit.num_sites(), 28u);
    EXPECT_NEAR(built.mobile_per_cell, 20.2, 1e-9);
}

// bcc Li, a = 3.51 A: two atoms, eight neighbours at a*sqrt(3)/2 = 3.04 A.
std::string bcc_poscar(const std::string& scale, const std::string& vectors, const std::string& mode,
                       const std::string& second) {
    return "bcc Li\n" + scale + "\n" + vectors + "Li\n2\n" + mode + "\n0 0 0\n" + second + "\n";
}
const std::string kUnitVectors = "1 0 0\n0 1 0\n0 0 1\n";
const std::string kScaledVectors = "3.51 0 0\n0 3.51 0\n0 0 3.51\n";

TEST(StructureImport, PoscarDirectCartesianAndVolumeScaleGiveTheSameBccLattice) {
    const TemporaryFile direct("POSCAR", bcc_poscar("1.0", kScaledVectors, "Direct", "0.5 0.5 0.5"));
    const TemporaryFile cartesian("bcc.vasp", bcc_poscar("3.51", kUnitVectors, "Cartesian", "0.5 0.5 0.5"));
    const TemporaryFile volume(
        "CONTCAR", bcc_poscar("-43.243551", kUnitVectors, "Selective dynamics\nDirect", "0.5 0.5 0.5 T T T"));
    for (const TemporaryFile* file : {&direct, &cartesian, &volume}) {
        const LatticeDescription d = import_structure(file->path());
        const MaterialLattice built = build_lattice(d);
        SCOPED_TRACE(file->path().filename().string());
        EXPECT_EQ(built.unit.num_sites(), 2u);
        ASSERT_EQ(d.hops.size(), 1u);
        EXPECT_EQ(built.hop_counts[0].count, 16u);
        EXPECT_NEAR(built.unit.cell().volume_A3(), 43.243551, 1e-6);
        EXPECT_TRUE(d.exclusions.empty());
        // No occupancies in a POSCAR: half the sites, said in the notes.
        EXPECT_DOUBLE_EQ(d.composition.mobile_per_formula_unit, 1.0);
        EXPECT_NE(d.notes.find("no Li occupancies"), std::string::npos);
    }
}

// The LGPS sites from the CIF, written as a P1 POSCAR with every Li site listed.
TEST(StructureImport, PoscarOfTheLgpsSitesProposesTheSameHopDistances) {
    const LatticeDescription from_cif = import_structure(kLgpsCif);
    std::ostringstream poscar;
    poscar << "LGPS Li sites and S\n1.0\n8.69407 0 0\n0 8.69407 0\n0 0 12.5994\nLi S\n";
    std::size_t lithium = 0;
    for (const auto& site : from_cif.sites) lithium += site.positions.size();
    std::size_t sulfur = 0;
    for (const auto& site : from_cif.spectators) sulfur += site.element == "S" ? site.positions.size() : 0;
    poscar << lithium << " " << sulfur << "\nDirect\n";
    poscar.precision(17);
    for (const auto& site : from_cif.sites)
        for (const auto& p : site.positions) poscar << p[0] << " " << p[1] << " " << p[2] << "\n";
    for (const auto& site : from_cif.spectators)
        for (const auto& p : site.positions)
            if (site.element == "S") poscar << p[0] << " " << p[1] << " " << p[2] << "\n";
    const TemporaryFile file("lgps.vasp", poscar.str());

    const LatticeDescription d = import_structure(file.path());
    ASSERT_EQ(d.sites.size(), 1u);
    EXPECT_EQ(d.sites[0].name, "Li");
    EXPECT_EQ(d.sites[0].positions.size(), 28u);
    EXPECT_EQ(d.spectators.size(), 1u);
    for (double distance : {1.73, 2.32, 3.15}) {
        EXPECT_NE(hop_between(d, "Li", "Li", distance), nullptr) << distance;
    }
    EXPECT_EQ(d.hops.size(), from_cif.hops.size());
    EXPECT_NO_THROW(build_lattice(d));
}

TEST(StructureImport, EmptyFileFailsNamingTheFile) {
    const TemporaryFile cif("empty.cif", "");
    EXPECT_EQ(error_of(cif.path()).rfind(cif.path().string() + ":", 0), 0u) << error_of(cif.path());
    const TemporaryFile poscar("POSCAR", "");
    const std::string message = error_of(poscar.path());
    EXPECT_EQ(message.rfind(poscar.path().string() + ":1:", 0), 0u) << message;
}

TEST(StructureImport, GarbageFailsWithFileAndLine) {
    const TemporaryFile file("garbage.cif", "this is not a CIF\n");
    const std::string message = error_of(file.path());
    EXPECT_EQ(message.rfind(file.path().string() + ":1:", 0), 0u) << message;
    EXPECT_NE(message.find("not a valid CIF"), std::string::npos) << message;
}

TEST(StructureImport, CifWithoutTheMobileSpeciesFailsListingTheElements) {
    const std::string message = error_of(kLgpsCif, with_mobile("Na"));
    EXPECT_EQ(message.rfind(kLgpsCif.string() + ":", 0), 0u) << message;
    EXPECT_NE(message.find("no Na atoms"), std::string::npos) << message;
    EXPECT_NE(message.find("Li, Ge, P, S"), std::string::npos) << message;
}

TEST(StructureImport, PoscarWithWrongCountsLineFailsAtThatLine) {
    const TemporaryFile file("POSCAR",
                             "bcc Li\n3.51\n" + kUnitVectors + "Li\n2 1\nDirect\n0 0 0\n0.5 0.5 0.5\n");
    const std::string message = error_of(file.path());
    EXPECT_EQ(message.rfind(file.path().string() + ":7:", 0), 0u) << message;
    EXPECT_NE(message.find("atom counts"), std::string::npos) << message;
}

TEST(StructureImport, PoscarWithTooFewAtomLinesFails) {
    const TemporaryFile file("POSCAR",
                             "bcc Li\n3.51\n" + kUnitVectors + "Li\n3\nDirect\n0 0 0\n0.5 0.5 0.5\n");
    const std::string message = error_of(file.path());
    EXPECT_EQ(message.rfind(file.path().string() + ":", 0), 0u) << message;
    EXPECT_NE(message.find("ends before"), std::string::npos) << message;
}

TEST(StructureImport, TextInMemoryReadsLikeTheFile) {
    std::ifstream in(kLgpsCif, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(parse_structure_text(text, kLgpsCif.string()), import_structure(kLgpsCif));
    const std::string message = [&] {
        try {
            parse_structure_text("data_x\n", "x.cif");
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string();
    }();
    EXPECT_EQ(message.rfind("x.cif: ", 0), 0u) << message;
}

// Found by fuzzing: a cell 0.007 A thick along a (a long, oblique c) made the neighbour
// search scan about 9e7 periodic images; such a cell is refused at once.
TEST(StructureImport, CellThinnerThanHalfAnAngstromFailsNamingTheFile) {
    const TemporaryFile poscar("POSCAR",
                               bcc_poscar("1.0", "3.51 0 0\n0 3.51 0\n50 30 .1\n", "Direct", "0.5 0.5 0.5"));
    const TemporaryFile cif("tiny.cif",
                            "data_tiny\n_cell_length_a 0.01\n_cell_length_b 3\n_cell_length_c 3\n"
                            "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n"
                            "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                            "_atom_site_fract_z\nLi1 0 0 0\n");
    for (const TemporaryFile* file : {&poscar, &cif}) {
        const std::string message = error_of(file->path());
        EXPECT_EQ(message.rfind(file->path().string() + ": the cell is ", 0), 0u) << message;
        EXPECT_NE(message.find("A thick along a"), std::string::npos) << message;
    }
}

TEST(StructureImport, UnknownFormatAndMissingFileFailNamingTheFile) {
    const TemporaryFile file("structure.xyz", "2\n\nLi 0 0 0\nLi 1 1 1\n");
    EXPECT_NE(error_of(file.path()).find("cannot tell the format"), std::string::npos);
    EXPECT_NE(error_of(file.path(), with_format("pdb")).find("unknown structure format 'pdb'"),
              std::string::npos);
    const std::filesystem::path missing = kData / "no-such-file.cif";
    EXPECT_EQ(error_of(missing).rfind(missing.string() + ": cannot open", 0), 0u) << error_of(missing);
}

}  // namespace
}  // namespace ionhop::materials
