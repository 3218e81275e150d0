// The shipped interphase table: every phase the interphase issue names, a source for every
// number, "unknown" never filled in, and generic layers derived from it.
#include "ionhop/materials/interphase_table.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"

namespace ionhop::materials {
namespace {

std::string error_of(const PhaseLayerRequest& request) {
    try {
        layer_from_phase(request, 2.7);
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

TEST(InterphaseTable, HoldsThePhasesWithASourceForEveryNumber) {
    for (const char* name :
         {"Li2S", "Li3P", "LiCl", "Li2CO3", "LiOH", "Li3PO4", "LiPON", "LiNbO3-amorphous", "Li2O", "LiF"}) {
        EXPECT_NO_THROW(find_interphase(name)) << name;
    }
    for (const InterphasePhase& phase : interphase_phases()) {
        EXPECT_EQ(phase.li_density_per_nm3.has_value(), !phase.density_source.empty()) << phase.name;
        EXPECT_EQ(phase.sigma_RT_S_per_cm.has_value(), !phase.sigma_source.empty()) << phase.name;
        EXPECT_EQ(phase.activation_energy_eV.has_value(), !phase.activation_source.empty()) << phase.name;
    }
    const InterphasePhase& li3p = find_interphase("Li3P");
    EXPECT_DOUBLE_EQ(*li3p.sigma_RT_S_per_cm, 7.03e-4);
    EXPECT_DOUBLE_EQ(*li3p.activation_energy_eV, 0.18);
    // Li density from the cited cell: 6 Li in a = 4.264 A, c = 7.579 A hexagonal.
    const double volume_nm3 = std::sqrt(3.0) / 2.0 * 0.4264 * 0.4264 * 0.7579;
    EXPECT_NEAR(*li3p.li_density_per_nm3, 6.0 / volume_nm3, 0.05);
    EXPECT_FALSE(find_interphase("LiCl").sigma_RT_S_per_cm);  // unknown stays unknown
    EXPECT_DOUBLE_EQ(*find_interphase("Li2S").sigma_RT_S_per_cm, 1e-13);
    EXPECT_FALSE(find_interphase("Li2S").activation_energy_eV);
    EXPECT_THROW(find_interphase("Li4Ti5O12"), Error);
}

TEST(InterphaseTable, LayerTakesDensityBarrierAndTheFrequencyThatGivesItsConductivity) {
    PhaseLayerRequest request{"sei", "Li3P", 2.0, {}, {}, {}, 0.0, ""};
    const GenericLayerSpec layer = layer_from_phase(request, 2.7);
    EXPECT_DOUBLE_EQ(layer.site_density_per_nm3, 50.3);
    EXPECT_DOUBLE_EQ(layer.barrier_eV, 0.18);
    // sigma = e^2 rho c (1 - c) d^2 nu exp(-E/kT) / kT at c = 1/2 gives back 7.03e-4 S/cm.
    const double kT = units::thermal_energy_eV(298.0), e = units::elementary_charge_C;
    const double rho = 50.3e21, a = 2.7e-8, d = 1.0 / (rho * a * a);
    const double sigma =
        e * e * rho * 0.25 * d * d * layer.attempt_frequency_Hz * std::exp(-0.18 / kT) / (kT * e);
    EXPECT_NEAR(sigma, 7.03e-4, 1e-12);
    EXPECT_NE(layer.source.find("Nazri"), std::string::npos) << layer.source;

    request.barrier_eV = 0.25;  // the user's value replaces the table's
    request.source = "my NEB";
    EXPECT_DOUBLE_EQ(layer_from_phase(request, 2.7).barrier_eV, 0.25);
}

TEST(InterphaseTable, UnknownValuesMustComeFromTheUser) {
    PhaseLayerRequest request{"sei", "LiCl", 2.0, {}, {}, {}, 0.0, ""};
    const std::string message = error_of(request);
    for (const char* part : {"layer 'sei'", "LiCl", "unknown in the interphase table", "site_density_per_nm3",
                             "barrier_eV", "attempt_frequency_Hz"}) {
        EXPECT_NE(message.find(part), std::string::npos) << part << " missing from: " << message;
    }
    request.site_density_per_nm3 = 43.0;
    request.barrier_eV = 0.5;
    request.attempt_frequency_Hz = 1e13;
    request.source = "mine";
    EXPECT_EQ(error_of(request), "");
    // Li2S: the conductivity is known, the activation energy and density are not; with the
    // user's barrier the frequency still follows from the table's conductivity.
    PhaseLayerRequest li2s{"sei", "Li2S", 2.0, {}, {}, {}, 0.0, ""};
    const std::string li2s_message = error_of(li2s);
    EXPECT_NE(li2s_message.find("barrier_eV"), std::string::npos) << li2s_message;
    EXPECT_EQ(li2s_message.find("attempt_frequency_Hz"), std::string::npos) << li2s_message;
    li2s.site_density_per_nm3 = 43.0;
    li2s.barrier_eV = 0.6;
    li2s.source = "hypothesis";
    const GenericLayerSpec layer = layer_from_phase(li2s, 3.0);
    EXPECT_NE(layer.source.find("1e-13 S/cm at 298 K"), std::string::npos) << layer.source;
    EXPECT_GT(layer.attempt_frequency_Hz, 0.0);
    // LiPON: conductivity and E_a known, density not.
    PhaseLayerRequest lipon{"coat", "LiPON", 2.0, {}, {}, {}, 0.0, ""};
    const std::string lipon_message = error_of(lipon);
    EXPECT_NE(lipon_message.find("site_density_per_nm3"), std::string::npos) << lipon_message;
    EXPECT_EQ(lipon_message.find("barrier_eV"), std::string::npos) << lipon_message;
}

TEST(InterphaseTable, MalformedTablesAreRefusedByKey) {
    const std::string good =
        "format = \"ionhop-interphases/1\"\n[[phase]]\nname = \"X\"\nformula = \"X\"\n"
        "structure = \"s\"\nli_density_per_nm3 = 10.0\ndensity_source = \"d\"\n"
        "sigma_RT_S_per_cm = \"unknown\"\nactivation_energy_eV = \"unknown\"\n";
    EXPECT_EQ(parse_interphase_table(good, "t.toml").size(), 1u);
    const auto message = [](const std::string& text) {
        try {
            parse_interphase_table(text, "t.toml");
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string();
    };
    std::string no_source = good;
    no_source.replace(no_source.find("density_source = \"d\"\n"), 21, "");
    EXPECT_NE(message(no_source).find("density_source"), std::string::npos);
    std::string guessed = good;
    guessed.replace(guessed.find("\"unknown\""), 9, "\"about 1e-9\"");
    EXPECT_NE(message(guessed).find("sigma_RT_S_per_cm"), std::string::npos);
    EXPECT_NE(message(good + "colour = 1\n").find("colour"), std::string::npos);
}

}  // namespace
}  // namespace ionhop::materials
