#pragma once
// A material as written in a lattice file (format "ionhop-lattice/1"): the crystal, the
// site and hop classes with their parameters, and the citation behind every number. Pure
// data; read and written by lattice_file.hpp, turned into a lattice graph by build.hpp.
// Units are in the names: Angstrom (_A), degrees (_deg), eV (_eV), Hz (_Hz).
#include <Eigen/Dense>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ionhop::materials {

inline constexpr const char* lattice_format_version = "ionhop-lattice/1";

struct CellSpec {
    // Exactly one of the two forms: lengths and angles, or the three vectors (rows).
    std::optional<std::array<double, 6>> parameters;  // a, b, c (A), alpha, beta, gamma (deg)
    std::optional<Eigen::Matrix3d> vectors_A;
    std::array<bool, 3> periodic{true, true, true};
    std::string source;

    bool operator==(const CellSpec&) const = default;
};

// Positions given as representatives of Wyckoff orbits are expanded with the operations
// of this space group (from spglib's database).
struct SymmetrySpec {
    int space_group = 1;  // International Tables number, 1-230
    std::string setting;  // spglib's setting choice ("1", "2", "H", "R", ...); empty: default

    bool operator==(const SymmetrySpec&) const = default;
};

// Li sites of one class (mobile) or framework sites where dopants can go (spectator).
struct SiteClassSpec {
    std::string name;                        // e.g. "24d", "16h", "Zr"
    std::string wyckoff;                     // e.g. "24d"; checked against the orbit size
    std::vector<Eigen::Vector3d> positions;  // fractional; representatives under symmetry
    double energy_eV = 0.0;                  // site energy (mobile classes only)
    std::string element;                     // spectator sites: the host element
    std::string source;

    bool operator==(const SiteClassSpec&) const = default;
};

// A number of the material that a run may change, such as the anion site disorder of an
// argyrodite; tabulated hop classes follow it. `value` is the one the hops are resolved at.
struct MaterialParameterSpec {
    std::string name;     // what runs set, e.g. "halide_on_4d"
    std::string meaning;  // one line, with its unit if it has one
    double value = 0.0;
    std::array<double, 2> range{0.0, 0.0};  // values a run may ask for
    std::string source;

    bool operator==(const MaterialParameterSpec&) const = default;
};

// Hop parameters given at points of a material parameter (published calculations at a few
// compositions). Between points E_KRA and ln(nu) are interpolated linearly, so ln(rate) is
// linear at every temperature; materials/material_parameters.hpp resolves them.
struct HopTabulation {
    std::string parameter;
    std::vector<double> at;  // strictly increasing
    std::vector<double> barrier_eV;
    std::vector<double> attempt_frequency_Hz;

    bool operator==(const HopTabulation&) const = default;
};

// Hops between sites of two classes whose distance lies in the window; both directions.
struct HopClassSpec {
    std::string name;
    std::string from;
    std::string to;
    std::array<double, 2> distance_A{0.0, 0.0};
    double barrier_eV = 0.0;  // kinetically resolved barrier E_KRA
    double attempt_frequency_Hz = 1e13;
    // When set, barrier_eV and attempt_frequency_Hz above are this table at the parameter's
    // value (kept in step by materials/material_parameters.hpp).
    std::optional<HopTabulation> tabulated;
    std::string source;

    bool operator==(const HopClassSpec&) const = default;
};

// Pairs of sites (of two classes, distance in the window) that may not both hold an ion.
struct ExclusionSpec {
    std::string name;
    std::array<std::string, 2> between;
    std::array<double, 2> distance_A{0.0, 0.0};
    std::string source;

    bool operator==(const ExclusionSpec&) const = default;
};

struct CompositionSpec {
    std::string formula;                           // e.g. "Li7La3Zr2O12"
    int formula_units_per_cell = 1;                // Z
    double mobile_per_formula_unit = 0.0;          // default content, e.g. 7 for LLZO
    std::array<double, 2> mobile_range{0.0, 0.0};  // allowed content per formula unit
    std::string source;

    bool operator==(const CompositionSpec&) const = default;
};

// A dopant the material can take: the sites it substitutes on (a spectator class such as
// Zr 16a, or a mobile-ion class such as Li 24d, which the dopant then blocks), the mobile
// ions added (+) or removed (-) per dopant for charge balance, and an optional local
// perturbation of the mobile-ion sites within a radius (trapping). Content x is counted
// per formula unit.
struct DopantSpec {
    std::string name;     // what users ask for, e.g. "Ta"
    std::string element;  // e.g. "Ta"
    std::string host;     // a [[spectators]] or [[sites]] class
    int mobile_change_per_dopant = 0;
    std::optional<double> max_per_formula_unit;  // tighter than the host sites allow
    std::string max_reason;                      // why, e.g. a phase change above it
    double radius_A = 0.0;                       // reach of the perturbation; 0: none
    double site_energy_shift_eV = 0.0;           // per dopant, on sites within radius_A
    double barrier_shift_eV = 0.0;               // per dopant, on hops touching those sites
    std::string source;

    bool operator==(const DopantSpec&) const = default;
};

struct LatticeDescription {
    std::string name;
    std::string description;
    std::string mobile_species = "Li";
    CellSpec cell;
    std::optional<SymmetrySpec> symmetry;
    std::vector<SiteClassSpec> sites;       // mobile-ion site classes
    std::vector<SiteClassSpec> spectators;  // framework sites (dopant hosts)
    std::vector<HopClassSpec> hops;
    std::vector<ExclusionSpec> exclusions;
    std::vector<DopantSpec> dopants;
    std::vector<MaterialParameterSpec> parameters;
    CompositionSpec composition;
    std::map<std::string, std::string> references;  // key -> full citation
    std::string notes;                              // caveats of the model, free text

    bool operator==(const LatticeDescription&) const = default;
};

}  // namespace ionhop::materials
