#include "ionhop/runs/prediction.hpp"

#include <cmath>
#include <memory>
#include <sstream>
#include <utility>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/cell.hpp"
#include "ionhop/lattices/connectivity.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/models/compile.hpp"
#include "ionhop/models/point_defects.hpp"
#include "ionhop/models/relaxation_time.hpp"

namespace ionhop::runs {
namespace {

// Equilibration per replica, in events per ion: relaxes the packing placement leaves.
constexpr std::uint64_t equilibration_events_per_ion = 100;
constexpr int collective_windows = 20;

// Independent streams per temperature: points of one sweep must not share placements,
// or their errors would be correlated and the Arrhenius fit would misjudge its own.
std::uint64_t point_seed(std::uint64_t seed, std::size_t point) {
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (point + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// A replica's own table (its dopant configuration) and what the engine prepares from it.
struct OwnedTable {
    explicit OwnedTable(engine::HopTable compiled) : table(std::move(compiled)), prepared(table) {}
    engine::HopTable table;
    engine::PreparedTable prepared;
};

// The ion count the settings ask for, checked against the sites and the material's range.
// `change` (from dopants) is added to the content asked for; `blocked` sites hold no ion.
std::size_t ion_count_for(const materials::LatticeDescription& material, const PredictionSettings& settings,
                          std::size_t sites, double formula_units, long long change, std::size_t blocked) {
    const auto& composition = material.composition;
    double ions = composition.mobile_per_formula_unit * formula_units;
    std::string asked = "the default content";
    if (settings.mobile_per_formula_unit) {
        ions = *settings.mobile_per_formula_unit * formula_units;
        asked = "content " + std::to_string(*settings.mobile_per_formula_unit) + " per formula unit";
    } else if (settings.site_fraction) {
        ions = *settings.site_fraction * static_cast<double>(sites);
        asked = "site fraction " + std::to_string(*settings.site_fraction);
    } else if (settings.mobile_per_cell) {
        ions = *settings.mobile_per_cell * formula_units / composition.formula_units_per_cell;
        asked = std::to_string(*settings.mobile_per_cell) + " per cell";
    } else if (settings.ion_count) {
        ions = static_cast<double>(*settings.ion_count);
        asked = std::to_string(*settings.ion_count) + " ions";
    } else if (settings.vacancies) {
        ions = static_cast<double>(sites) - static_cast<double>(*settings.vacancies);
        asked = std::to_string(*settings.vacancies) + " vacancies";
    }
    const double rounded = std::round(ions) + static_cast<double>(change);
    const double free_sites = static_cast<double>(sites - blocked);
    std::ostringstream out;
    out << material.name << ": " << asked;
    if (change != 0 || blocked != 0) {
        out << " with " << settings.doping->dopant << " at x = " << settings.doping->per_formula_unit << " ("
            << (change >= 0 ? "+" : "") << change << " ions, " << blocked << " sites blocked)";
    }
    out << " gives " << rounded << " ions on " << free_sites << " sites";
    if (!std::isfinite(ions) || rounded < 1.0 || rounded > free_sites) {
        out << "; give at least one ion and no more ions than sites";
        throw Error(out.str());
    }
    const double per_formula_unit = rounded / formula_units;
    const double tolerance = 1e-9 * std::max(1.0, composition.mobile_range[1]);
    if (per_formula_unit < composition.mobile_range[0] - tolerance ||
        per_formula_unit > composition.mobile_range[1] + tolerance) {
        out << ", " << per_formula_unit << " per formula unit, outside the range the material allows, ["
            << composition.mobile_range[0] << ", " << composition.mobile_range[1] << "] per "
            << composition.formula;
        throw Error(out.str());
    }
    return static_cast<std::size_t>(rounded);
}

}  // namespace

void PredictionSettings::validate() const {
    std::ostringstream out;
    if (temperatures_K.empty()) {
        out << "give at least one temperature";
    } else if (repetitions.minCoeff() < 0) {
        out << "supercell repetitions must be >= 1 (or 0 for automatic)";
    } else if (!(target_relative_error >= 0.0) || !std::isfinite(target_relative_error)) {
        out << "target relative error " << target_relative_error << " must be a finite number >= 0";
    } else if (min_replicas < 2 || max_replicas < min_replicas) {
        out << "replicas: need 2 <= min (" << min_replicas << ") <= max (" << max_replicas << ")";
    } else if (events_per_ion == 0) {
        out << "events per ion must be > 0";
    } else if (doping && (doping->dopant.empty() || !std::isfinite(doping->per_formula_unit) ||
                          doping->per_formula_unit < 0.0)) {
        out << "doping: give a dopant name and a content x >= 0 per formula unit";
    } else if (!field_V_per_cm.allFinite()) {
        out << "the field must be finite";
    } else if (!(min_length_A > 0.0)) {
        out << "minimum supercell length must be > 0 A";
    } else if (int(mobile_per_formula_unit.has_value()) + int(site_fraction.has_value()) +
                   int(ion_count.has_value()) + int(vacancies.has_value()) >
               1) {
        out << "give the mobile-ion content one way only (per formula unit, site fraction, ions or "
               "vacancies)";
    } else {
        for (double t : temperatures_K) {
            if (!std::isfinite(t) || t <= 0.0) {
                out << "temperature " << t << " K must be a finite number > 0";
                break;
            }
        }
    }
    if (!out.str().empty()) {
        throw Error("predict: " + out.str());
    }
}

Eigen::Vector3i repetitions_for(const Eigen::Matrix3d& cell_vectors_A, double min_length_A) {
    const lattices::Cell cell = lattices::make_cell(cell_vectors_A);
    const Eigen::Vector3d widths = cell.face_distances_A();
    Eigen::Vector3i repetitions;
    for (int axis = 0; axis < 3; ++axis) {
        repetitions[axis] = std::max(1, static_cast<int>(std::ceil(min_length_A / widths[axis] - 1e-9)));
    }
    return repetitions;
}

namespace {

// Everything a prediction fixes before it simulates: the lattice, the supercell, the
// dopants and the ion count, checked.
struct PredictionSetup {
    materials::MaterialLattice built;
    Prediction prediction;  // material, supercell, ions, content, doping filled in
    std::optional<DopingPlan> doping;
};

PredictionSetup set_up(const materials::LatticeDescription& material, const PredictionSettings& settings) {
    settings.validate();
    PredictionSetup setup{materials::build_lattice(material), {}, {}};
    Prediction& prediction = setup.prediction;
    prediction.material = material.name;
    prediction.repetitions = settings.repetitions.minCoeff() > 0
                                 ? settings.repetitions
                                 : repetitions_for(setup.built.unit.cell().vectors_A, settings.min_length_A);
    for (int axis = 0; axis < 3; ++axis) {
        if (!setup.built.unit.cell().periodic[axis]) prediction.repetitions[axis] = 1;
    }
    double formula_units =
        static_cast<double>(material.composition.formula_units_per_cell) * prediction.repetitions.prod();
    if (settings.microstructure) {
        if (settings.doping) throw Error("predict: dopants in a microstructure are not supported yet");
        const lattices::MicrostructureSpec spec = plan_microstructure(
            setup.built.unit, *settings.microstructure, prediction.repetitions, settings.seed);
        lattices::MicrostructureSummary built;
        lattices::LatticeGraph grains = lattices::build_microstructure(setup.built.unit, spec, &built);
        formula_units = static_cast<double>(material.composition.formula_units_per_cell) *
                        static_cast<double>(grains.num_sites()) /
                        static_cast<double>(setup.built.unit.num_sites());
        setup.built.unit = std::move(grains);
        prediction.repetitions = Eigen::Vector3i::Ones();
        prediction.microstructure = MicrostructureSummary{
            settings.microstructure->kind, spec.box_A,          built.grains,    built.gb_sites,
            built.boundary_hops,           built.removed_sites, built.seam_pairs};
    }
    if (settings.doping) {
        setup.doping = plan_doping(material, setup.built, prediction.repetitions, *settings.doping);
        const DopingPlan& d = *setup.doping;
        prediction.doping = DopingSummary{d.spec.name,        d.spec.host, settings.doping->per_formula_unit,
                                          d.per_formula_unit, d.count,     d.mobile_change,
                                          d.blocks_host};
    }
    const std::size_t blocked = setup.doping && setup.doping->blocks_host ? setup.doping->count : 0;
    prediction.ions =
        ion_count_for(material, settings, setup.built.unit.num_sites() * prediction.repetitions.prod(),
                      formula_units, setup.doping ? setup.doping->mobile_change : 0, blocked);
    prediction.mobile_per_formula_unit = static_cast<double>(prediction.ions) / formula_units;
    return setup;
}

}  // namespace

void check_prediction(const materials::LatticeDescription& material, const PredictionSettings& settings) {
    set_up(material, settings);
}

Prediction run_prediction(const materials::LatticeDescription& material, const PredictionSettings& settings,
                          const PredictionProgress& progress) {
    PredictionSetup setup = set_up(material, settings);
    const materials::MaterialLattice& built = setup.built;
    const std::optional<DopingPlan>& doping = setup.doping;
    Prediction prediction = std::move(setup.prediction);

    // Closed clusters (an ordered argyrodite, a lattice file without long hops) carry no
    // current at any temperature: say so instead of simulating ever-longer relaxations.
    if (lattices::analyse_connectivity(built.unit).dimension == 0) {
        prediction.sites = built.unit.num_sites() * static_cast<std::size_t>(prediction.repetitions.prod());
        prediction.frozen_note =
            "no percolating path: the hop network has only closed clusters (dimension 0, "
            "ionhop lattice info), so long-range sigma and D are 0";
        for (std::size_t j = 0; j < settings.temperatures_K.size(); ++j) {
            prediction.points.push_back({settings.temperatures_K[j], engine::TransportEstimate{}, 0});
            if (progress) progress(prediction.points.back(), j, settings.temperatures_K.size());
        }
        prediction.arrhenius_note = "sigma = 0: no percolating path";
        return prediction;
    }

    for (std::size_t i = 0; i < settings.temperatures_K.size(); ++i) {
        models::Conditions conditions;
        conditions.temperature_K = settings.temperatures_K[i];
        conditions.field_V_per_cm = settings.field_V_per_cm;
        engine::HopTable table =
            models::compile_hop_table(built.unit, prediction.repetitions, models::RateModel{}, conditions);
        if (settings.occupancy_profile_x) {
            prediction.profile_x_A =
                models::assign_plane_profile(table, built.unit, prediction.repetitions, 0);
        }
        prediction.sites = table.num_sites();

        engine::TransportPlan plan;
        plan.ion_count = prediction.ions;
        plan.equilibration_events = equilibration_events_per_ion * prediction.ions;
        plan.production_events = settings.events_per_ion * prediction.ions;
        plan.blocks = collective_windows;
        plan.min_replicas = settings.min_replicas;
        plan.max_replicas = settings.max_replicas;
        plan.target_relative_error = settings.target_relative_error;
        plan.threads = settings.threads;
        plan.seed = point_seed(settings.seed, i);
        plan.acceleration.enabled = settings.acceleration;
        plan.checkpoint = settings.checkpoint;
        // Windows (production / 20) of at least 5 relaxation times; equilibration of 20.
        const double relaxation_s = models::slowest_cell_relaxation_s(built.unit, conditions.temperature_K);
        plan.min_production_time_s = 5.0 * collective_windows * relaxation_s;
        plan.min_equilibration_time_s = 20.0 * relaxation_s;
        const auto estimate = [&]() -> engine::TransportEstimate {
            if (doping && doping->count > 0) {
                // One configuration per replica, from its own stream of this temperature's seed.
                const std::uint64_t configuration_seed =
                    point_seed(plan.seed, settings.temperatures_K.size());
                const auto tables = [&](std::uint64_t replica) {
                    models::RateModel model;
                    model.add<models::PointDefects>(place_dopants(*doping, configuration_seed, replica));
                    engine::HopTable compiled =
                        models::compile_hop_table(built.unit, prediction.repetitions, model, conditions);
                    compiled.site_bin = table.site_bin;
                    compiled.bin_count = table.bin_count;
                    auto owned = std::make_shared<OwnedTable>(std::move(compiled));
                    return std::shared_ptr<const engine::PreparedTable>(owned, &owned->prepared);
                };
                return engine::estimate_transport(table, tables, plan);
            } else {
                return engine::estimate_transport(table, plan);
            }
        };
        try {
            prediction.points.push_back(
                {conditions.temperature_K, estimate(), plan.production_events / prediction.ions});
        } catch (const FrozenStateError& frozen) {
            // Site exclusion alone blocks every hop, whatever the temperature: sigma is 0.
            prediction.frozen_note = frozen.what();
            for (std::size_t j = i; j < settings.temperatures_K.size(); ++j) {
                prediction.points.push_back({settings.temperatures_K[j], engine::TransportEstimate{}, 0});
                if (progress) progress(prediction.points.back(), j, settings.temperatures_K.size());
            }
            break;
        }
        if (progress) progress(prediction.points.back(), i, settings.temperatures_K.size());
    }

    std::vector<engine::ArrheniusPoint> arrhenius;
    for (const PredictionPoint& point : prediction.points) {
        arrhenius.push_back({point.temperature_K, point.estimate.sigma});
    }
    if (!prediction.frozen_note.empty()) {
        prediction.arrhenius_note = "sigma = 0: no ion can move";
        return prediction;
    }
    try {
        prediction.arrhenius = engine::fit_arrhenius(arrhenius);
    } catch (const Error& error) {
        prediction.arrhenius_note = error.what();
    }
    return prediction;
}

}  // namespace ionhop::runs
