// One row per temperature; the header names every unit; comment lines (#) carry the
// material, the content and the Arrhenius fit.
#include <iomanip>
#include <sstream>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/outputs/run_record.hpp"

namespace ionhop::outputs {

void write_csv(const RunRecord& record, const std::filesystem::path& path) {
    const runs::Prediction& p = record.prediction;
    std::ostringstream out;
    out << std::setprecision(10);
    out << "# ionhop " << record.program_version << " predict: " << p.material << ", "
        << p.mobile_per_formula_unit << " mobile ions per formula unit, supercell "
        << p.repetitions.transpose() << ", " << p.ions << " ions on " << p.sites << " sites, seed "
        << record.settings.seed << '\n';
    if (p.doping) {
        out << "# dopant " << p.doping->dopant << " on " << p.doping->host
            << ": x = " << p.doping->per_formula_unit << " per formula unit (" << p.doping->count
            << " in the supercell, mobile ions " << p.doping->mobile_change
            << "), one random configuration per replica\n";
    }
    if (p.microstructure) {
        const runs::MicrostructureSummary& m = *p.microstructure;
        out << "# " << runs::microstructure_kind_name(m.kind) << " of " << m.grains << " grains, box "
            << m.box_A.transpose() << " A: " << m.gb_sites << " grain-boundary sites, " << m.boundary_hops
            << " boundary hops, " << m.removed_sites << " overlapping sites removed\n";
    }
    for (const runs::StackResistance& r : record.resistance.stack) {
        out << "# ASR along the stack at " << r.temperature_K << " K (Ohm cm^2): total "
            << r.asr_total_Ohm_cm2.value << " +- " << r.asr_total_Ohm_cm2.standard_error;
        for (const runs::LayerResistance& layer : r.layers) {
            out << ", " << layer.name << " " << layer.asr_Ohm_cm2.value << " +- "
                << layer.asr_Ohm_cm2.standard_error;
        }
        out << ", interfaces " << r.asr_interfaces_Ohm_cm2.value << " +- "
            << r.asr_interfaces_Ohm_cm2.standard_error << '\n';
    }
    for (const runs::GrainBoundaryResistance& r : record.resistance.grain_boundaries) {
        out << "# brick-layer split at " << r.temperature_K << " K (grain size " << r.grain_size_nm
            << " nm, width " << r.width_nm << " nm): sigma " << r.sigma_total_S_per_cm.value << " +- "
            << r.sigma_total_S_per_cm.standard_error << " S/cm, bulk " << r.sigma_bulk_S_per_cm.value
            << " +- " << r.sigma_bulk_S_per_cm.standard_error << " S/cm, R_gb "
            << r.asr_per_boundary_Ohm_cm2.value << " +- " << r.asr_per_boundary_Ohm_cm2.standard_error
            << " Ohm cm^2, sigma_gb " << r.sigma_gb_S_per_cm.value << " +- "
            << r.sigma_gb_S_per_cm.standard_error << " S/cm\n";
    }
    if (!p.frozen_note.empty()) out << "# sigma = 0 at every temperature: " << p.frozen_note << '\n';
    if (p.arrhenius) {
        out << "# Arrhenius fit of sigma*T: E_a = " << p.arrhenius->activation_energy_eV.value << " +- "
            << p.arrhenius->activation_energy_eV.standard_error << " eV, prefactor "
            << p.arrhenius->prefactor_S_K_per_cm << " S K/cm\n";
    } else {
        out << "# no Arrhenius fit: " << p.arrhenius_note << '\n';
    }
    out << "temperature_K,sigma_S_per_cm,sigma_err_S_per_cm,sigma_xx_S_per_cm,sigma_yy_S_per_cm,"
           "sigma_zz_S_per_cm,tracer_D_cm2_per_s,tracer_D_err_cm2_per_s,collective_D_cm2_per_s,"
           "collective_D_err_cm2_per_s,haven_ratio,haven_ratio_err,replicas,events,collective_from_lag_fit,"
           "collective_converged,wall_time_s\n";
    for (const runs::PredictionPoint& point : p.points) {
        const engine::TransportEstimate& e = point.estimate;
        out << point.temperature_K << ',' << e.sigma.value << ',' << e.sigma.standard_error << ','
            << e.sigma_S_per_cm.value(0, 0) << ',' << e.sigma_S_per_cm.value(1, 1) << ','
            << e.sigma_S_per_cm.value(2, 2) << ',' << e.tracer_D.value << ',' << e.tracer_D.standard_error
            << ',' << e.collective_D.value << ',' << e.collective_D.standard_error << ','
            << e.haven_ratio.value << ',' << e.haven_ratio.standard_error << ',' << e.replicas.size() << ','
            << e.total_events << ',' << (e.collective_from_lag_fit ? 1 : 0) << ','
            << (e.collective_converged ? 1 : 0) << ',' << e.wall_time_s << '\n';
    }
    write_file_atomically(path, out.str());
}

}  // namespace ionhop::outputs
