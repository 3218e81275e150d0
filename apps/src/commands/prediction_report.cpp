#include "commands/prediction_report.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "commands/process_group.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/outputs/run_record.hpp"
#include "ionhop/runs/resistance_split.hpp"

namespace ionhop::apps {
namespace {

void print_point(const runs::PredictionPoint& point) {
    const engine::TransportEstimate& e = point.estimate;
    std::printf("%7.1f %11.4e %9.2e %11.4e %9.2e %11.4e %9.2e %7.3f %6.3f %5zu %12llu\n", point.temperature_K,
                e.sigma.value, e.sigma.standard_error, e.tracer_D.value, e.tracer_D.standard_error,
                e.collective_D.value, e.collective_D.standard_error, e.haven_ratio.value,
                e.haven_ratio.standard_error, e.replicas.size(),
                static_cast<unsigned long long>(e.total_events));
    std::fflush(stdout);
}

// Which collective estimate the row reports, and whether it passed its check.
void print_collective_notes(const runs::PredictionPoint& point) {
    const engine::TransportEstimate& e = point.estimate;
    if (e.collective_from_lag_fit) {
        std::printf(
            "# T = %.1f K: LAG FIT: D_sigma over windows %.3e +- %.1e cm^2/s exceeds half the slope of the "
            "collective MSD against lag, %.3e +- %.1e, by more than 4 standard errors (a bounded back-and-"
            "forth of the centre of mass, which the windows count in full): D_sigma, sigma, H_R and the "
            "tensor are the lag fit's\n",
            point.temperature_K, e.collective_D_windowed.value, e.collective_D_windowed.standard_error,
            e.collective_D_lag_fit.value, e.collective_D_lag_fit.standard_error);
    }
    if (e.collective_converged) return;
    if (e.collective_from_lag_fit) {
        std::printf(
            "# T = %.1f K: NOT CONVERGED: the lag fit %.3e +- %.1e cm^2/s exceeds the whole-run %.3e +- "
            "%.1e, "
            "or bends (over the shorter half of the lags minus the longer half: %.3e +- %.1e), by more than "
            "4 "
            "standard errors: the bounded motion has not decorrelated within a window; sigma is "
            "overestimated: raise --events-per-ion\n",
            point.temperature_K, e.collective_D.value, e.collective_D.standard_error,
            e.collective_D_whole_run.value, e.collective_D_whole_run.standard_error,
            e.collective_D_lag_fit_bend.value, e.collective_D_lag_fit_bend.standard_error);
    } else {
        std::printf(
            "# T = %.1f K: NOT CONVERGED: D_sigma over windows %.3e +- %.1e cm^2/s exceeds the "
            "whole-run %.3e +- %.1e: the collective motion relaxes more slowly than the windows "
            "(production / 20); sigma is overestimated: raise --events-per-ion\n",
            point.temperature_K, e.collective_D.value, e.collective_D.standard_error,
            e.collective_D_whole_run.value, e.collective_D_whole_run.standard_error);
    }
}

void print_stack_resistance(const std::vector<runs::StackResistance>& split) {
    std::printf(
        "# area-specific resistance along the stack (x), Ohm cm^2: total = L / sigma_xx; each layer "
        "alone at its occupancy in the stack; interfaces = the rest\n");
    for (const runs::StackResistance& r : split) {
        std::printf("#   T = %6.1f K: total %.4e +- %.1e (sigma_xx %.4e S/cm over %.3g nm)", r.temperature_K,
                    r.asr_total_Ohm_cm2.value, r.asr_total_Ohm_cm2.standard_error, r.sigma_xx_S_per_cm.value,
                    r.length_nm);
        for (const runs::LayerResistance& layer : r.layers) {
            std::printf("; %s %.4e +- %.1e (%.3g nm, occupancy %.3f)", layer.name.c_str(),
                        layer.asr_Ohm_cm2.value, layer.asr_Ohm_cm2.standard_error, layer.thickness_nm,
                        layer.occupancy.value);
        }
        std::printf("; interfaces %.4e +- %.1e\n", r.asr_interfaces_Ohm_cm2.value,
                    r.asr_interfaces_Ohm_cm2.standard_error);
    }
}

void print_grain_boundary_resistance(const std::vector<runs::GrainBoundaryResistance>& split) {
    std::printf(
        "# brick-layer split against the crystal alone: 1/sigma = 1/sigma_bulk + R_gb/d, sigma_gb = "
        "width / R_gb (grain size d = %.4g nm, width %.3g nm)\n",
        split.front().grain_size_nm, split.front().width_nm);
    for (const runs::GrainBoundaryResistance& r : split) {
        std::printf(
            "#   T = %6.1f K: sigma %.4e +- %.1e, bulk %.4e +- %.1e S/cm; R_gb %.4e +- %.1e Ohm cm^2; "
            "sigma_gb %.4e +- %.1e S/cm\n",
            r.temperature_K, r.sigma_total_S_per_cm.value, r.sigma_total_S_per_cm.standard_error,
            r.sigma_bulk_S_per_cm.value, r.sigma_bulk_S_per_cm.standard_error,
            r.asr_per_boundary_Ohm_cm2.value, r.asr_per_boundary_Ohm_cm2.standard_error,
            r.sigma_gb_S_per_cm.value, r.sigma_gb_S_per_cm.standard_error);
    }
}

}  // namespace

void check_writable(const std::string& prefix) {
    const std::filesystem::path probe = prefix + ".csv.partial";
    {
        std::ofstream out(probe);
        if (!out) throw Error(prefix + ".csv: cannot write there (check the folder exists and is writable)");
    }
    std::filesystem::remove(probe);
}

bool show_progress(const ReportOptions& options) {
    return !options.quiet && (options.verbose || isatty(STDERR_FILENO));
}

void run_and_report(const materials::LatticeDescription& material, const runs::PredictionSettings& settings,
                    const ReportOptions& options) {
    // One prediction is not split over processes: the first runs it, the others stop.
    if (process_group().size > 1) {
        if (!is_first_process()) return;
        std::fprintf(
            stderr,
            "ionhop: MPI spreads the points of a sweep over ranks; this single prediction runs on rank 0 "
            "with its threads (ranks 1-%d idle)\n",
            process_group().size - 1);
    }
    if (!options.output_prefix.empty()) check_writable(options.output_prefix);
    const bool progress = show_progress(options);

    const auto started = std::chrono::steady_clock::now();
    const auto report = [&](const runs::PredictionPoint& point, std::size_t index, std::size_t count) {
        if (index == 0) {  // printed with the first result, so bad input shows only its error
            std::printf("# ionhop: %s: %s\n", material.name.c_str(), material.description.c_str());
            std::printf("%7s %11s %9s %11s %9s %11s %9s %7s %6s %5s %12s\n", "T_K", "sigma_S/cm", "+-",
                        "D*_cm2/s", "+-", "D_sig_cm2/s", "+-", "H_R", "+-", "reps", "events");
        }
        print_point(point);
        if (progress) {
            const double elapsed =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            const double rate = static_cast<double>(point.estimate.total_events) / point.estimate.wall_time_s;
            const double left =
                elapsed / static_cast<double>(index + 1) * static_cast<double>(count - index - 1);
            std::fprintf(stderr, "ionhop: %zu/%zu temperatures done, %.3g events/s, about %.0f s left\n",
                         index + 1, count, rate, left);
        }
    };
    outputs::RunRecord record;
    record.prediction = runs::run_prediction(material, settings, report);
    const runs::Prediction& p = record.prediction;
    std::printf("# %s, %.4g %s per formula unit: %zu ions on %zu sites (supercell %d x %d x %d)\n",
                material.composition.formula.c_str(), p.mobile_per_formula_unit,
                material.mobile_species.c_str(), p.ions, p.sites, p.repetitions[0], p.repetitions[1],
                p.repetitions[2]);
    if (p.doping) {
        const runs::DopingSummary& d = *p.doping;
        std::printf(
            "# dopant %s on %s: x = %.4g per formula unit (%zu in the supercell, %+lld %s%s), a new "
            "random configuration in every replica\n",
            d.dopant.c_str(), d.host.c_str(), d.per_formula_unit, d.count, d.mobile_change,
            material.mobile_species.c_str(), d.blocks_host ? ", host sites blocked" : "");
    }
    if (p.microstructure) {
        const runs::MicrostructureSummary& m = *p.microstructure;
        std::printf(
            "# %s of %zu grains in a %.4g x %.4g x %.4g A box: %zu of %zu sites on grain boundaries, %zu "
            "boundary hops, %zu overlapping sites removed%s\n",
            runs::microstructure_kind_name(m.kind), m.grains, m.box_A.x(), m.box_A.y(), m.box_A.z(),
            m.gb_sites, p.sites, m.boundary_hops, m.removed_sites,
            m.seam_pairs > 0 ? " (some grains also meet their own periodic image)" : "");
    }
    if (p.arrhenius) {
        const engine::ArrheniusFit& fit = *p.arrhenius;
        std::printf(
            "# Arrhenius (sigma T = A exp(-E_a/kT)): E_a = %.4f +- %.4f eV, A = %.4g +- %.2g S K/cm%s\n",
            fit.activation_energy_eV.value, fit.activation_energy_eV.standard_error, fit.prefactor_S_K_per_cm,
            fit.prefactor_S_K_per_cm * fit.log_prefactor.standard_error,
            fit.curvature_detected ? " (curvature detected: not one straight line)" : "");
        if (fit.regime_break_K > 0.0) {
            std::printf(
                "# two regimes meeting near %.0f K: E_a = %.4f +- %.4f eV below, %.4f +- %.4f eV above\n",
                fit.regime_break_K, fit.low_T_activation_energy_eV.value,
                fit.low_T_activation_energy_eV.standard_error, fit.high_T_activation_energy_eV.value,
                fit.high_T_activation_energy_eV.standard_error);
        }
    } else {
        std::printf("# no Arrhenius fit: %s\n", p.arrhenius_note.c_str());
    }
    for (const runs::PredictionPoint& point : p.points) {
        const engine::TransportEstimate& e = point.estimate;
        if (e.replicas.empty()) continue;  // nothing ran (no percolating path)
        std::printf("# T = %.1f K: %.3g s simulated per wall second of a replica, %s\n", point.temperature_K,
                    e.simulated_s_per_wall_s,
                    e.accelerated_replicas > 0 ? "superbasin acceleration on (--no-acceleration to compare)"
                                               : "plain KMC (no basins that pay, or --no-acceleration)");
    }
    if (!p.frozen_note.empty()) std::printf("# sigma = 0 at every temperature: %s\n", p.frozen_note.c_str());
    for (const runs::PredictionPoint& point : p.points) {
        print_collective_notes(point);
        if (point.estimate.frozen_replicas > 0) {
            std::printf(
                "# T = %.1f K: %zu of %zu replicas froze (no ion could move) and count with zero transport\n",
                point.temperature_K, point.estimate.frozen_replicas, point.estimate.replicas.size());
        }
    }
    std::printf("# conductivity tensor diagonal (S/cm, standard errors):\n");
    for (const runs::PredictionPoint& point : p.points) {
        const engine::TensorMeasurement& t = point.estimate.sigma_S_per_cm;
        std::printf("#   T = %6.1f K: xx %.4e +- %.1e, yy %.4e +- %.1e, zz %.4e +- %.1e\n",
                    point.temperature_K, t.value(0, 0), t.standard_error(0, 0), t.value(1, 1),
                    t.standard_error(1, 1), t.value(2, 2), t.standard_error(2, 2));
    }
    for (const runs::PredictionPoint& point : p.points) {
        if (!point.estimate.has_field) continue;
        const Eigen::Vector3d& f = settings.field_V_per_cm;
        std::printf("#   T = %6.1f K: drift sigma along the field (%g, %g, %g) V/cm %.4e +- %.1e S/cm\n",
                    point.temperature_K, f.x(), f.y(), f.z(), point.estimate.drift_sigma.value,
                    point.estimate.drift_sigma.standard_error);
    }
    for (const runs::PredictionPoint& point : p.points) {
        if (!point.estimate.target_reached) {
            std::printf("# T = %.1f K: target error %.3g not reached within %d replicas\n",
                        point.temperature_K, settings.target_relative_error, settings.max_replicas);
        }
    }
    const bool field = !settings.field_V_per_cm.isZero();
    if (field) {
        std::printf(
            "# with a field on, the mean-square displacements include the drift: sigma (Nernst-Einstein) "
            "and D above are biased upwards, the drift sigma is the measurement; the stack and "
            "grain-boundary splits need a run without a field\n");
    }
    record.resistance = runs::split_resistance(material, options.stack, p, settings);
    if (!record.resistance.stack.empty()) print_stack_resistance(record.resistance.stack);
    if (!record.resistance.grain_boundaries.empty()) {
        print_grain_boundary_resistance(record.resistance.grain_boundaries);
    }
    std::fflush(stdout);
    if (!options.output_prefix.empty()) {
        record.program_version = IONHOP_VERSION;
        record.command_line = options.command_line;
        record.config_text = options.config_text;
        record.lattice_text = materials::format_lattice_text(material);
        record.settings = settings;
        const std::string& out = options.output_prefix;
        outputs::write_csv(record, out + ".csv");
        outputs::write_json(record, out + ".json");
        outputs::write_hdf5(record, out + ".h5");
        if (record.prediction.arrhenius) outputs::write_arrhenius_plot(record, out + ".svg");
        const bool profile = !record.prediction.profile_x_A.empty();
        if (profile) outputs::write_profile_plot(record, out + "-profile.svg");
        if (!options.quiet) {
            std::fprintf(stderr, "ionhop: wrote %s.csv, %s.json, %s.h5%s%s\n", out.c_str(), out.c_str(),
                         out.c_str(), record.prediction.arrhenius ? (", " + out + ".svg").c_str() : "",
                         profile ? (", " + out + "-profile.svg").c_str() : "");
        }
    }
}

}  // namespace ionhop::apps
