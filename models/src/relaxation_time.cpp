#include "ionhop/models/relaxation_time.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>

#include "ionhop/core/error.hpp"
#include "ionhop/core/units.hpp"

namespace ionhop::models {

double slowest_cell_relaxation_s(const lattices::LatticeGraph& unit, double temperature_K) {
    if (!(temperature_K > 0.0)) throw Error("relaxation time: temperature must be > 0 K");
    const double kT = units::thermal_energy_eV(temperature_K);
    const auto& graph = unit.graph();
    const auto n = static_cast<Eigen::Index>(unit.num_sites());
    // A dense eigensolver costs n^3: cells beyond this are not checked here (the engine's
    // windowed-versus-whole-run comparison still flags an unconverged estimate).
    if (n > max_cell_sites_for_relaxation) return 0.0;
    // Density waves periodic with the cell are the q = 0 modes of the master equation on
    // the cell (hops to other images folded in). Detailed balance makes the generator
    // similar to a symmetric one: off-diagonal nu exp(-E_KRA / kT), diagonal minus the
    // escape rate nu exp(-(E_KRA + dE/2) / kT) summed over the hops out.
    Eigen::MatrixXd symmetric = Eigen::MatrixXd::Zero(n, n);
    double fastest = 0.0;
    for (auto [e, end] = boost::edges(graph); e != end; ++e) {
        const auto from = static_cast<Eigen::Index>(boost::source(*e, graph));
        const auto to = static_cast<Eigen::Index>(boost::target(*e, graph));
        const lattices::Hop& hop = graph[*e];
        const double energy_change =
            graph[boost::target(*e, graph)].energy_eV - graph[boost::source(*e, graph)].energy_eV;
        const double rate = hop.attempt_frequency_Hz * std::exp(-(hop.barrier_eV + 0.5 * energy_change) / kT);
        symmetric(to, from) += hop.attempt_frequency_Hz * std::exp(-hop.barrier_eV / kT);
        symmetric(from, from) -= rate;
        fastest = std::max(fastest, rate);
    }
    if (fastest == 0.0 || n < 2) return 0.0;
    const Eigen::VectorXd eigenvalues =
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(symmetric, Eigen::EigenvaluesOnly).eigenvalues();
    // The zero modes are the equilibria (one per connected part); the gap above them is the
    // slowest relaxation.
    double gap = INFINITY;
    for (const double lambda : eigenvalues) {
        if (-lambda > 1e-9 * fastest) gap = std::min(gap, -lambda);
    }
    return std::isfinite(gap) ? 1.0 / gap : 0.0;
}

}  // namespace ionhop::models
