#pragma once
// A continuous-time Markov chain on a few transient states from which it can be absorbed
// (leave), solved exactly by spectral decomposition: the basis of the exact superbasin
// acceleration (absorbing Markov chains: Novotny, Phys. Rev. Lett. 74, 1 (1995); mean-rate
// method: Puchala, Falk, Garikipati, J. Chem. Phys. 132, 134104 (2010)).
//
// Inside the chain detailed balance must hold (w_i r_ij = w_j r_ji for some weights w), as
// it does for hops between sites with energies; then S = W^1/2 Q W^-1/2 is symmetric,
// S_ij = sqrt(r_ij r_ji), and exp(Q t)_ij = sqrt(w_j / w_i) sum_a U_ia U_ja exp(l_a t).
// Everything below is exact up to rounding: the exit time is drawn by inverting the
// survival function, not approximated by an exponential with the mean rate.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace ionhop::engine {

class AbsorbingChain {
public:
    struct Transition {
        int from = 0;
        int to = 0;
        double rate_Hz = 0.0;
    };

    // `transitions` inside the chain (every one must have its reverse, and together they
    // must connect all states); `exit_rate_Hz[i]`: total rate of leaving from state i.
    // Throws ionhop::Error if detailed balance fails (relative 1e-9) or the input is bad.
    AbsorbingChain(std::size_t states, const std::vector<Transition>& transitions,
                   const std::vector<double>& exit_rate_Hz);

    std::size_t size() const { return log_weight_.size(); }
    // True when no state has an exit: the chain is never left.
    bool closed() const { return closed_; }

    // Probability of not having left by time t >= 0, starting in `from`.
    double survival(int from, double t_s) const;
    // Exit time from `from` for u uniform in (0, 1): the t with survival(from, t) = u
    // (relative precision 1e-12); +infinity when the chain is closed.
    double exit_time(int from, double u) const;
    // p_j = probability to be in j at time t without having left, starting in `from`.
    void propagate(int from, double t_s, Eigen::VectorXd& p) const;
    // State at time t given that the chain was not left before t (u uniform in (0, 1)).
    int state_at(int from, double t_s, double u) const;
    // State from which the chain is left, given the exit happens at time t.
    int exit_state(int from, double t_s, double u) const;
    // State at time s in (0, t) given the start `from`, the state `to` at time t and no
    // exit before t (a bridge sample; time averages over the stay use it).
    int bridge_state(int from, int to, double s, double t_s, double u) const;

private:
    int draw(const Eigen::VectorXd& weights, double u) const;

    std::vector<double> log_weight_;  // log w_i, w_0 = 1
    Eigen::VectorXd half_weight_;     // sqrt(w_i)
    Eigen::VectorXd eigenvalues_;     // l_a < 0 (0 only for closed chains)
    Eigen::MatrixXd vectors_;         // U
    Eigen::MatrixXd survival_coeff_;  // survival(i, t) = sum_a C_ia exp(l_a t)
    Eigen::VectorXd exit_rate_Hz_;
    bool closed_ = false;
    mutable Eigen::VectorXd scratch_a_, scratch_b_, scratch_c_;  // one chain serves one thread
};

}  // namespace ionhop::engine
