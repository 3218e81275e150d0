#include "commands/sweep_report.hpp"

#include <chrono>
#include <cstdio>
#include <string>

#include "commands/process_group.hpp"
#include "ionhop/outputs/sweep_record.hpp"
#include "ionhop/runs/distributed_sweep.hpp"
#include "ionhop/runs/sweep.hpp"

namespace ionhop::apps {
namespace {

std::string point_label(const std::vector<runs::SweepAxis>& axes, const runs::SweepPoint& point) {
    std::string label;
    for (std::size_t a = 0; a < axes.size(); ++a) {
        char value[32];
        std::snprintf(value, sizeof value, "%.6g", point.values[a]);
        label += (a ? ", " : "") + axes[a].key + " = " + value;
    }
    return label;
}

bool converged(const runs::Prediction& p) {
    for (const runs::PredictionPoint& point : p.points) {
        if (!point.estimate.collective_converged) return false;
    }
    return true;
}

bool uses_lag_fit(const runs::Prediction& p) {
    for (const runs::PredictionPoint& point : p.points) {
        if (point.estimate.collective_from_lag_fit) return true;
    }
    return false;
}

void print_summary_row(const std::vector<runs::SweepAxis>& axes, const runs::SweepPoint& point) {
    for (std::size_t a = 0; a < axes.size(); ++a) std::printf(" %12.6g", point.values[a]);
    const runs::Prediction& p = point.prediction;
    std::printf(" %8.4g", p.mobile_per_formula_unit);
    if (p.doping) {
        std::printf(" %8.4g", p.doping->per_formula_unit);
    } else {
        std::printf(" %8s", "-");
    }
    const engine::Measurement& sigma = p.points.front().estimate.sigma;
    std::printf(" %11.4e %9.2e", sigma.value, sigma.standard_error);
    if (p.arrhenius) {
        std::printf(" %8.4f %7.4f", p.arrhenius->activation_energy_eV.value,
                    p.arrhenius->activation_energy_eV.standard_error);
    } else {
        std::printf(" %8s %7s", "-", "-");
    }
    std::printf("%s%s\n", uses_lag_fit(p) ? "  LAG FIT" : "", converged(p) ? "" : "  NOT CONVERGED");
}

// The resistance splits at the first temperature, one row per point that has them.
void print_resistance_splits(const runs::SweepResult& sweep) {
    bool header = false;
    for (const runs::SweepPoint& point : sweep.points) {
        if (point.resistance.stack.empty()) continue;
        const runs::StackResistance& r = point.resistance.stack.front();
        if (!header) {
            std::printf(
                "# area-specific resistance along the stack at %.1f K (Ohm cm^2, standard errors): total "
                "L/sigma_xx; each layer alone at its occupancy in the stack (realised thickness); "
                "interfaces the rest\n",
                r.temperature_K);
            header = true;
        }
        std::printf("#  ");
        for (std::size_t a = 0; a < sweep.axes.size(); ++a) std::printf(" %12.6g", point.values[a]);
        std::printf(": total %.4e +- %.1e", r.asr_total_Ohm_cm2.value, r.asr_total_Ohm_cm2.standard_error);
        for (const runs::LayerResistance& layer : r.layers) {
            std::printf("; %s %.4e +- %.1e (%.3g nm)", layer.name.c_str(), layer.asr_Ohm_cm2.value,
                        layer.asr_Ohm_cm2.standard_error, layer.thickness_nm);
        }
        std::printf("; interfaces %.4e +- %.1e\n", r.asr_interfaces_Ohm_cm2.value,
                    r.asr_interfaces_Ohm_cm2.standard_error);
    }
    header = false;
    for (const runs::SweepPoint& point : sweep.points) {
        if (point.resistance.grain_boundaries.empty()) continue;
        const runs::GrainBoundaryResistance& r = point.resistance.grain_boundaries.front();
        if (!header) {
            std::printf(
                "# brick-layer split at %.1f K: 1/sigma = 1/sigma_bulk + R_gb/d, sigma_gb = width / R_gb "
                "(standard errors)\n",
                r.temperature_K);
            header = true;
        }
        std::printf("#  ");
        for (std::size_t a = 0; a < sweep.axes.size(); ++a) std::printf(" %12.6g", point.values[a]);
        std::printf(
            ": d %.4g nm, width %.3g nm: sigma %.4e +- %.1e, bulk %.4e +- %.1e S/cm; R_gb %.4e +- %.1e "
            "Ohm cm^2; sigma_gb %.4e +- %.1e S/cm\n",
            r.grain_size_nm, r.width_nm, r.sigma_total_S_per_cm.value, r.sigma_total_S_per_cm.standard_error,
            r.sigma_bulk_S_per_cm.value, r.sigma_bulk_S_per_cm.standard_error,
            r.asr_per_boundary_Ohm_cm2.value, r.asr_per_boundary_Ohm_cm2.standard_error,
            r.sigma_gb_S_per_cm.value, r.sigma_gb_S_per_cm.standard_error);
    }
}

}  // namespace

void run_sweep_and_report(const runs::RunConfig& config, const ReportOptions& options) {
    if (!options.output_prefix.empty() && is_first_process()) check_writable(options.output_prefix);
    const bool progress = show_progress(options);
    const auto started = std::chrono::steady_clock::now();
    std::size_t done = 0;
    const auto report = [&](const runs::SweepPoint& point, std::size_t index, std::size_t count) {
        ++done;
        const runs::PredictionPoint& first = point.prediction.points.front();
        std::printf("# point %zu/%zu (%s): sigma(%.0f K) = %.4e +- %.2e S/cm", index + 1, count,
                    point_label(config.sweep, point).c_str(), first.temperature_K, first.estimate.sigma.value,
                    first.estimate.sigma.standard_error);
        if (point.prediction.arrhenius) {
            std::printf(", E_a = %.4f +- %.4f eV", point.prediction.arrhenius->activation_energy_eV.value,
                        point.prediction.arrhenius->activation_energy_eV.standard_error);
        }
        std::printf("\n");
        std::fflush(stdout);
        if (progress) {
            const double elapsed =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::fprintf(stderr, "ionhop: %zu/%zu points done, about %.0f s left\n", done, count,
                         elapsed / static_cast<double>(done) * static_cast<double>(count - done));
        }
    };

    outputs::SweepRecord record;
    if (process_group().size > 1) {
        // Points spread over the ranks; rank 0 gathers their replicas and reports.
        runs::DistributionStats stats;
        auto sweep = runs::run_distributed_sweep(config, process_group(), report, &stats);
        if (!sweep) return;
        record.sweep = std::move(*sweep);
        if (!options.quiet) {
            std::string sent;
            for (const std::size_t n : stats.replicas_per_process)
                sent += (sent.empty() ? "" : " + ") + std::to_string(n);
            std::fprintf(
                stderr,
                "ionhop: MPI: points spread over %d ranks; rank 0 gathered %s replicas, ran %zu again\n",
                process_group().size, sent.c_str(), stats.replicas_run_again);
        }
    } else {
        record.sweep = runs::run_sweep(config, report);
    }
    const runs::SweepResult& sweep = record.sweep;
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    std::printf("# ionhop sweep: %s: %s\n", config.lattice.name.c_str(), config.lattice.description.c_str());
    for (const runs::SweepAxis& axis : sweep.axes) std::printf(" %12s", axis.key.c_str());
    std::printf(" %8s %8s %11s %9s %8s %7s\n", "Li/f.u.", "x_dopant", "sigma_S/cm", "+-", "E_a_eV", "+-");
    for (const runs::SweepPoint& point : sweep.points) print_summary_row(sweep.axes, point);
    std::printf(
        "# sigma at %.1f K (the first temperature); E_a from the Arrhenius fit of sigma*T over %zu "
        "temperatures; standard errors over independent replicas%s; %zu points in %.1f s, seed %llu\n",
        sweep.points.front().settings.temperatures_K.front(),
        sweep.points.front().settings.temperatures_K.size(),
        sweep.points.front().prediction.doping ? " (each replica its own dopant configuration)" : "",
        sweep.points.size(), wall_s, static_cast<unsigned long long>(config.settings.seed));
    print_resistance_splits(sweep);
    for (const runs::SweepPoint& point : sweep.points) {
        if (!uses_lag_fit(point.prediction)) continue;
        std::printf(
            "# LAG FIT: at some temperatures of the marked points the windowed collective estimate "
            "exceeds half the slope of the collective MSD against lag by more than 4 standard errors (a "
            "bounded back-and-forth of the centre of mass); sigma there is the lag fit's (the JSON and HDF5 "
            "files say which temperatures)\n");
        break;
    }
    for (const runs::SweepPoint& point : sweep.points) {
        if (converged(point.prediction)) continue;
        std::printf(
            "# NOT CONVERGED: at some temperatures of the marked points the reported collective estimate "
            "(windowed or lag fit) exceeds the whole-run one, so sigma is overestimated; raise "
            "--events-per-ion (docs/config.md)\n");
        break;
    }
    std::fflush(stdout);

    if (!options.output_prefix.empty()) {
        record.program_version = IONHOP_VERSION;
        record.command_line = options.command_line;
        record.config_text = config.text;
        const std::string& out = options.output_prefix;
        outputs::write_sweep_csv(record, out + ".csv");
        outputs::write_sweep_json(record, out + ".json");
        outputs::write_sweep_hdf5(record, out + ".h5");
        outputs::write_sweep_plot(record, out + ".svg");
        if (!options.quiet) {
            std::fprintf(stderr, "ionhop: wrote %s.csv, %s.json, %s.h5 and %s.svg\n", out.c_str(),
                         out.c_str(), out.c_str(), out.c_str());
        }
    }
}

}  // namespace ionhop::apps
