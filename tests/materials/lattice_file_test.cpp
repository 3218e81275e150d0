// The lattice file: lossless round trip, and a clear error for every malformed input.
#include "ionhop/materials/lattice_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/connectivity.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "ionhop/materials/test_lattice_description.hpp"

namespace ionhop::materials {
namespace {

// A valid file: one class on a primitive cubic lattice, a = 2 A, nearest-neighbour hops.
const std::string kValid = R"(format = "ionhop-lattice/1"
name = "cubic"
description = "test"

[references]
made_up = "a lattice made up for this test"

[cell]
lengths_A = [2.0, 2.0, 2.0]
angles_deg = [90.0, 90.0, 90.0]
source = "made_up"

[composition]
formula = "Li"
formula_units_per_cell = 1
mobile_per_formula_unit = 0.5
mobile_range_per_formula_unit = [0.1, 1.0]
source = "made_up"

[[sites]]
class = "A"
positions = [[0.0, 0.0, 0.0]]
energy_eV = 0.0
source = "made_up"

[[hops]]
class = "nn"
between = ["A", "A"]
distance_A = [1.9, 2.1]
barrier_eV = 0.3
attempt_frequency_Hz = 1e13
source = "made_up"
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "test setup: '" << from << "' not in the file";
    return text.replace(at, from.size(), to);
}

// The error a description raises when read and built, or "" if none.
std::string error_of(const std::string& text) {
    try {
        build_lattice(parse_lattice_text(text, "bad.toml"));
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

TEST(LatticeFile, ValidFileBuildsASimpleCubicNetwork) {
    const MaterialLattice built = build_lattice(parse_lattice_text(kValid, "valid.toml"));
    EXPECT_EQ(built.unit.num_sites(), 1u);
    EXPECT_EQ(built.unit.num_hops(), 6u);
    EXPECT_EQ(lattices::analyse_connectivity(built.unit).dimension, 3);
    EXPECT_DOUBLE_EQ(built.mobile_per_cell, 0.5);
}

TEST(LatticeFile, RoundTripIsLosslessForEveryBuiltInMaterial) {
    for (const std::string& name : builtin_material_names()) {
        const LatticeDescription original = builtin_material(name);
        const std::string text = format_lattice_text(original);
        const LatticeDescription reread = parse_lattice_text(text, name + "-written");
        EXPECT_TRUE(reread == original) << name;
        EXPECT_EQ(format_lattice_text(reread), text) << name;
    }
}

TEST(LatticeFile, SupercellFileListsEverySiteAndBuildsTheSameNetwork) {
    const LatticeDescription lgps = builtin_material("lgps");
    const MaterialLattice unit = build_lattice(lgps);
    const LatticeDescription super = expand_to_supercell(lgps, Eigen::Vector3i(2, 1, 1));
    const LatticeDescription reread = parse_lattice_text(format_lattice_text(super), "super.toml");
    EXPECT_TRUE(reread == super);
    const MaterialLattice built = build_lattice(reread);
    EXPECT_EQ(built.unit.num_sites(), 2 * unit.unit.num_sites());
    EXPECT_EQ(built.unit.num_hops(), 2 * unit.unit.num_hops());
    EXPECT_EQ(built.unit.exclusions().size(), 2 * unit.unit.exclusions().size());
    EXPECT_EQ(built.spectators.size(), 2 * unit.spectators.size());
    EXPECT_DOUBLE_EQ(built.mobile_per_cell, 2 * unit.mobile_per_cell);
}

TEST(LatticeFile, WrittenFileReadsBackFromDisk) {
    const auto path = std::filesystem::temp_directory_path() / "ionhop-lattice-file-test.toml";
    write_lattice_file(builtin_material("lgps"), path);
    EXPECT_TRUE(read_lattice_file(path) == builtin_material("lgps"));
    EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
    std::filesystem::remove(path);
}

TEST(LatticeFile, TriclinicCellIsHandled) {
    std::string text =
        replaced(kValid, "angles_deg = [90.0, 90.0, 90.0]", "angles_deg = [80.0, 95.0, 105.0]");
    text = replaced(text, "lengths_A = [2.0, 2.0, 2.0]", "lengths_A = [2.0, 2.1, 2.2]");
    text = replaced(text, "distance_A = [1.9, 2.1]", "distance_A = [1.9, 2.25]");
    const MaterialLattice built = build_lattice(parse_lattice_text(text, "triclinic.toml"));
    EXPECT_EQ(built.unit.num_hops(), 6u);  // the three cell vectors, both ways
    EXPECT_EQ(lattices::analyse_connectivity(built.unit).dimension, 3);
    EXPECT_NEAR(built.unit.cell().vectors_A.row(1).norm(), 2.1, 1e-12);
    EXPECT_NEAR(built.unit.cell().vectors_A.row(2).norm(), 2.2, 1e-12);
}

struct MalformedCase {
    const char* what;
    std::string text;
    std::vector<std::string> expected;  // substrings the message must hold
};

TEST(LatticeFile, MalformedFilesGiveClearErrors) {
    const std::vector<MalformedCase> cases = {
        {"not TOML", replaced(kValid, "[cell]", "[cell"), {"bad.toml", "not valid TOML"}},
        // toml11 3.7 read past its buffer on a string with a broken UTF-8 sequence (found by fuzzing).
        {"not UTF-8",
         replaced(kValid, "description = \"test\"", "description = 'caf\xC3'"),
         {"bad.toml:3:", "not valid TOML", "byte 0xC3 is not UTF-8"}},
        {"missing key",
         replaced(kValid, "barrier_eV = 0.3\n", ""),
         {"bad.toml:", "hops[0]", "missing key 'barrier_eV'"}},
        {"wrong type",
         replaced(kValid, "barrier_eV = 0.3", "barrier_eV = \"0.3\""),
         {"bad.toml:", "hops[0].barrier_eV", "expected a number, found a string"}},
        {"unknown key",
         replaced(kValid, "barrier_eV = 0.3", "barrier_eV = 0.3\nbarier = 1"),
         {"bad.toml:", "hops[0].barier", "unknown key", "barrier_eV"}},
        {"NaN",
         replaced(kValid, "barrier_eV = 0.3", "barrier_eV = nan"),
         {"bad.toml:", "hops[0].barrier_eV", "finite"}},
        {"negative barrier",
         replaced(kValid, "barrier_eV = 0.3", "barrier_eV = -0.1"),
         {"bad.toml:", "hops[0].barrier_eV", "must be >= 0"}},
        {"zero attempt frequency",
         replaced(kValid, "attempt_frequency_Hz = 1e13", "attempt_frequency_Hz = 0"),
         {"hops[0].attempt_frequency_Hz", "must be > 0"}},
        {"inverted window",
         replaced(kValid, "distance_A = [1.9, 2.1]", "distance_A = [2.1, 1.9]"),
         {"hops[0].distance_A", "min < max"}},
        {"hop to a missing class",
         replaced(kValid, "between = [\"A\", \"A\"]", "between = [\"A\", \"B\"]"),
         {"bad.toml:", "hops[0].between", "no site class 'B'", "valid classes: A"}},
        {"unknown source",
         replaced(kValid, "barrier_eV = 0.3\nattempt_frequency_Hz = 1e13\nsource = \"made_up\"",
                  "barrier_eV = 0.3\nattempt_frequency_Hz = 1e13\nsource = \"nobody2020\""),
         {"bad.toml:", "hops[0].source", "'nobody2020' is not a key of [references]"}},
        {"overlapping sites",
         replaced(kValid, "positions = [[0.0, 0.0, 0.0]]", "positions = [[0.0, 0.0, 0.0], [0.01, 0.0, 0.0]]"),
         {"lattice 'cubic'", "overlap"}},
        {"hop matching nothing",
         replaced(kValid, "distance_A = [1.9, 2.1]", "distance_A = [2.5, 2.7]"),
         {"hops[0] 'nn'", "matches no pair of sites", "nearest A-A distance is 2 A"}},
        {"disconnected lattice",
         replaced(
             replaced(
                 kValid, "[[hops]]",
                 "[[sites]]\nclass = \"B\"\npositions = [[0.5, 0.5, 0.5]]\nsource = \"made_up\"\n\n[[hops]]"),
             "", ""),
         {"class 'B'", "has no hop", "disconnected"}},
        {"unsupported version",
         replaced(kValid, "ionhop-lattice/1", "ionhop-lattice/9"),
         {"bad.toml:1", "unsupported format"}},
        {"both cell forms",
         replaced(
             kValid, "source = \"made_up\"\n\n[composition]",
             "vectors_A = [[2.0, 0, 0], [0, 2.0, 0], [0, 0, 2.0]]\nsource = \"made_up\"\n\n[composition]"),
         {"cell.vectors_A", "one form, not both"}},
        {"flat cell",
         replaced(kValid, "angles_deg = [90.0, 90.0, 90.0]", "angles_deg = [90.0, 90.0, 180.0]"),
         {"cell.angles_deg", "(0, 180)"}},
        {"impossible content",
         replaced(kValid, "mobile_range_per_formula_unit = [0.1, 1.0]",
                  "mobile_range_per_formula_unit = [0.1, 2.0]"),
         {"composition", "do not fit on the 1 sites"}},
        {"wrong Wyckoff multiplicity",
         replaced(kValid, "[[sites]]\nclass = \"A\"", "[[sites]]\nclass = \"A\"\nwyckoff = \"2a\""),
         {"sites[0] 'A'", "Wyckoff 2a has 2"}},
        {"unknown setting",
         replaced(kValid, "angles_deg = [90.0, 90.0, 90.0]",
                  "angles_deg = [90.0, 90.0, 90.0]\nspace_group = 137\nsetting = \"3\""),
         {"bad.toml:", "cell.setting", "space group 137 has no setting \"3\"", "\"1\", \"2\""}},
        {"duplicate class",
         replaced(
             kValid, "[[hops]]",
             "[[sites]]\nclass = \"A\"\npositions = [[0.5, 0.5, 0.5]]\nsource = \"made_up\"\n\n[[hops]]"),
         {"sites[1].class", "used twice"}},
        {"dopant on a missing host",
         kValid + "[[dopants]]\nname = \"Ta\"\nelement = \"Ta\"\nhost = \"Zr\"\nmobile_change_per_dopant = "
                  "-1\nsource = \"made_up\"\n",
         {"bad.toml:", "dopants[0].host", "no class 'Zr'"}},
        {"dopant radius without a shift",
         kValid + "[[dopants]]\nname = \"Ta\"\nelement = \"Ta\"\nhost = \"A\"\nmobile_change_per_dopant = "
                  "-1\nradius_A = 3.0\nsource = \"made_up\"\n",
         {"bad.toml:", "dopants[0].radius_A", "together with"}},
        {"fractional charge compensation",
         kValid + "[[dopants]]\nname = \"Ta\"\nelement = \"Ta\"\nhost = \"A\"\nmobile_change_per_dopant = "
                  "-0.5\nsource = \"made_up\"\n",
         {"bad.toml:", "dopants[0].mobile_change_per_dopant"}},
        {"no mobile sites",
         replaced(replaced(kValid, "[[sites]]", "[[spectators]]\nelement = \"Zr\""), "energy_eV = 0.0\n", ""),
         {"bad.toml", "[[sites]]"}},
    };
    for (const MalformedCase& c : cases) {
        const std::string message = error_of(c.text);
        ASSERT_FALSE(message.empty()) << c.what << ": no error raised";
        for (const std::string& part : c.expected) {
            EXPECT_NE(message.find(part), std::string::npos)
                << c.what << ": '" << part << "' missing from: " << message;
        }
    }
}

TEST(LatticeFile, DopantsRoundTripWithTheirPerturbation) {
    const std::string text =
        kValid +
        "[[dopants]]\nname = \"Trap\"\nelement = \"Mg\"\nhost = \"A\"\n"
        "mobile_change_per_dopant = -1\nmax_per_formula_unit = 0.2\nmax_reason = \"test\"\n"
        "radius_A = 2.5\nsite_energy_shift_eV = -0.1\nbarrier_shift_eV = 0.05\n"
        "source = \"made_up\"\n";
    const LatticeDescription d = parse_lattice_text(text, "dopant.toml");
    ASSERT_EQ(d.dopants.size(), 1u);
    EXPECT_EQ(d.dopants[0].host, "A");
    EXPECT_EQ(d.dopants[0].mobile_change_per_dopant, -1);
    EXPECT_DOUBLE_EQ(*d.dopants[0].max_per_formula_unit, 0.2);
    EXPECT_DOUBLE_EQ(d.dopants[0].site_energy_shift_eV, -0.1);
    EXPECT_EQ(parse_lattice_text(format_lattice_text(d), "again.toml"), d);
}

TEST(LatticeFile, MissingFileAndUnknownMaterialAreNamed) {
    try {
        load_lattice_description("no-such-material-or-file.toml");
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("lgps"), std::string::npos) << error.what();
    }
    EXPECT_THROW(read_lattice_file("/nonexistent/lattice.toml"), Error);
}

}  // namespace
}  // namespace ionhop::materials

namespace ionhop::materials {
namespace {

TEST(TestLatticeDescription, BuildsTheSameNetworkAsTheTestLattice) {
    lattices::TestLatticeOptions options;
    options.hop_length_A = 2.5;
    options.barrier_eV = 0.3;
    for (const lattices::TestLatticeInfo& info : lattices::test_lattices()) {
        const LatticeDescription d = describe_test_lattice(info.name, options);
        const MaterialLattice built = build_lattice(parse_lattice_text(format_lattice_text(d), info.name));
        const lattices::LatticeGraph direct = lattices::build_test_lattice(info.name, options);
        EXPECT_EQ(built.unit.num_sites(), direct.num_sites()) << info.name;
        EXPECT_EQ(built.unit.num_hops(), direct.num_hops()) << info.name;
        EXPECT_EQ(lattices::analyse_connectivity(built.unit).dimension, info.dimension) << info.name;
    }
}

}  // namespace
}  // namespace ionhop::materials
