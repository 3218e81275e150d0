// Material parameters and tabulated hop classes: exact at the tabulated points, E_KRA and
// ln(nu) linear between them, lossless in the file format, and every misuse named.
#include "ionhop/materials/material_parameters.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/materials/material_registry.hpp"
#include "support/cubic_lattice_file.hpp"

namespace ionhop::materials {
namespace {

const std::string kTable =
    "tabulated = { parameter = \"p\", at = [0.0, 0.5, 1.0], barrier_eV = [0.1, 0.3, 0.2], "
    "attempt_frequency_Hz = [1e12, 1e13, 4e13] }\n";

// The simple-cubic test file with its hop tabulated against a made-up parameter "p".
std::string tabulated_file() {
    std::string text = testing::cubic_lattice_file(
        0.25, 0.5,
        "[[parameters]]\nname = \"p\"\nmeaning = \"a made-up composition\"\nvalue = 0.5\n"
        "range = [0.0, 1.0]\nsource = \"test\"\n");
    const std::string fixed = "barrier_eV = 0.25\nattempt_frequency_Hz = 1e13\n";
    return text.replace(text.find(fixed), fixed.size(), kTable);
}
const std::string kTabulated = tabulated_file();

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "test setup: '" << from << "' not in the file";
    return text.replace(at, from.size(), to);
}

std::string read_error(const std::string& text) {
    try {
        parse_lattice_text(text, "bad.toml");
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

TEST(MaterialParameters, TabulatedHopIsResolvedAtTheParameterValue) {
    const LatticeDescription d = parse_lattice_text(kTabulated, "p.toml");
    ASSERT_EQ(d.parameters.size(), 1u);
    ASSERT_TRUE(d.hops[0].tabulated.has_value());
    EXPECT_EQ(d.hops[0].barrier_eV, 0.3);  // exactly the tabulated point at p = 0.5
    EXPECT_EQ(d.hops[0].attempt_frequency_Hz, 1e13);

    const LatticeDescription low = with_material_parameter(d, "p", 0.0);
    EXPECT_EQ(low.hops[0].barrier_eV, 0.1);
    EXPECT_EQ(low.hops[0].attempt_frequency_Hz, 1e12);
    EXPECT_EQ(low.parameters[0].value, 0.0);
    // Between points: E_KRA linear, nu geometric (ln nu linear).
    const LatticeDescription quarter = with_material_parameter(d, "p", 0.25);
    EXPECT_NEAR(quarter.hops[0].barrier_eV, 0.2, 1e-15);
    EXPECT_NEAR(quarter.hops[0].attempt_frequency_Hz / std::sqrt(1e12 * 1e13), 1.0, 1e-14);
    const LatticeDescription upper = with_material_parameter(d, "p", 0.875);
    EXPECT_NEAR(upper.hops[0].barrier_eV, 0.3 + 0.75 * (0.2 - 0.3), 1e-15);
    EXPECT_NEAR(std::log(upper.hops[0].attempt_frequency_Hz), std::log(1e13) + 0.75 * std::log(4.0), 1e-12);
    EXPECT_EQ(with_material_parameter(d, "p", 1.0).hops[0].barrier_eV, 0.2);
}

TEST(MaterialParameters, RoundTripKeepsTheTableAndTheValue) {
    const LatticeDescription d = with_material_parameter(parse_lattice_text(kTabulated, "p.toml"), "p", 0.7);
    const LatticeDescription again = parse_lattice_text(format_lattice_text(d), "again.toml");
    EXPECT_EQ(again, d);
    EXPECT_EQ(again.parameters[0].value, 0.7);
}

TEST(MaterialParameters, BadValuesAreRefusedNamingTheParameter) {
    const LatticeDescription d = parse_lattice_text(kTabulated, "p.toml");
    const auto message = [&](const std::string& name, double value) -> std::string {
        try {
            with_material_parameter(d, name, value);
        } catch (const Error& error) {
            return error.what();
        }
        return "";
    };
    EXPECT_NE(message("q", 0.5).find("no parameter 'q'; its parameters: p"), std::string::npos);
    EXPECT_NE(message("p", 1.5).find("'p' (a made-up composition) must lie in [0, 1], found 1.5"),
              std::string::npos);
    EXPECT_NE(message("p", -0.1).find("must lie in"), std::string::npos);
    EXPECT_NE(message("p", std::nan("")).find("must lie in"), std::string::npos);
}

TEST(MaterialParameters, MalformedTablesGiveClearErrors) {
    struct Case {
        std::string what, from, to, expected;
    };
    const std::string table = kTable.substr(0, kTable.size() - 1);
    const std::vector<Case> cases = {
        {"both forms", table, table + "\nbarrier_eV = 0.3",
         "hops[0].barrier_eV: give the hop's parameters either"},
        {"unknown parameter", "parameter = \"p\", at", "parameter = \"x\", at",
         "hops[0].tabulated.parameter: no [[parameters]] named 'x'; parameters: p"},
        {"not increasing", "at = [0.0, 0.5, 1.0]", "at = [0.0, 0.5, 0.5]",
         "hops[0].tabulated.at: points must increase strictly"},
        {"one point",
         "at = [0.0, 0.5, 1.0], barrier_eV = [0.1, 0.3, 0.2], attempt_frequency_Hz = [1e12, 1e13, 4e13]",
         "at = [0.0], barrier_eV = [0.1], attempt_frequency_Hz = [1e12]",
         "tabulated.at: give at least two points"},
        {"length mismatch", "barrier_eV = [0.1, 0.3, 0.2]", "barrier_eV = [0.1, 0.3]",
         "tabulated.barrier_eV: give one barrier per point"},
        {"negative barrier", "barrier_eV = [0.1, 0.3, 0.2]", "barrier_eV = [0.1, -0.3, 0.2]",
         "tabulated.barrier_eV: barriers must be >= 0"},
        {"zero frequency", "attempt_frequency_Hz = [1e12, 1e13, 4e13]",
         "attempt_frequency_Hz = [1e12, 0, 4e13]",
         "tabulated.attempt_frequency_Hz: attempt frequencies must be > 0"},
        {"NaN point", "at = [0.0, 0.5, 1.0]", "at = [0.0, nan, 1.0]", "tabulated.at[1]"},
        {"range not covered", "range = [0.0, 1.0]", "range = [0.0, 2.0]",
         "hops[0].tabulated.at: the points must cover the range of 'p'"},
        {"value outside range", "value = 0.5", "value = 3.0", "parameters[0].value: must lie within `range`"},
        {"unknown key in table", "parameter = \"p\",", "parameter = \"p\", slope = 1,",
         "hops[0].tabulated.slope"},
        {"missing meaning", "meaning = \"a made-up composition\"\n", "", "parameters[0]"},
    };
    for (const Case& c : cases) {
        const std::string error = read_error(replaced(kTabulated, c.from, c.to));
        EXPECT_NE(error.find(c.expected), std::string::npos) << c.what << ": got '" << error << "'";
        EXPECT_NE(error.find("bad.toml"), std::string::npos) << c.what << ": " << error;
    }
}

// The argyrodite's disorder levels are de Klerk's: each tabulated point gives back its fit.
TEST(MaterialParameters, ArgyroditeDisorderLevelsAreTheTabulatedFits) {
    const LatticeDescription cl = builtin_material("argyrodite");
    ASSERT_EQ(cl.parameters.size(), 1u);
    EXPECT_EQ(cl.parameters[0].name, "halide_on_4d");
    EXPECT_EQ(cl.parameters[0].value, 0.5);
    const LatticeDescription full = with_material_parameter(cl, "halide_on_4d", 1.0);
    for (const HopClassSpec& hop : full.hops) {
        ASSERT_TRUE(hop.tabulated.has_value()) << hop.name;
        EXPECT_EQ(hop.barrier_eV, hop.tabulated->barrier_eV.back()) << hop.name;
    }
    // Every Cl-centred cage: the doublet jump is the slow one (0.2851 eV).
    EXPECT_EQ(full.hops[0].name, "doublet");
    EXPECT_EQ(full.hops[0].barrier_eV, 0.2851);
}

}  // namespace
}  // namespace ionhop::materials
