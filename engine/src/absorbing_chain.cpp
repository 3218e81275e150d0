#include "ionhop/engine/absorbing_chain.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

namespace {

constexpr double balance_tolerance = 1e-9;

}  // namespace

AbsorbingChain::AbsorbingChain(std::size_t states, const std::vector<Transition>& transitions,
                               const std::vector<double>& exit_rate_Hz) {
    if (states == 0) throw Error("absorbing chain: no states");
    if (exit_rate_Hz.size() != states) throw Error("absorbing chain: one exit rate per state is needed");
    const auto n = static_cast<Eigen::Index>(states);
    Eigen::MatrixXd rate = Eigen::MatrixXd::Zero(n, n);
    for (const auto& t : transitions) {
        if (t.from < 0 || t.to < 0 || t.from >= n || t.to >= n || t.from == t.to) {
            throw Error("absorbing chain: transition between states " + std::to_string(t.from) + " and " +
                        std::to_string(t.to) + " of " + std::to_string(states));
        }
        if (!(std::isfinite(t.rate_Hz) && t.rate_Hz > 0.0)) {
            throw Error("absorbing chain: transition rates must be finite and > 0");
        }
        rate(t.from, t.to) += t.rate_Hz;
    }
    exit_rate_Hz_ = Eigen::VectorXd(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double e = exit_rate_Hz[static_cast<std::size_t>(i)];
        if (!(std::isfinite(e) && e >= 0.0))
            throw Error("absorbing chain: exit rates must be finite and >= 0");
        exit_rate_Hz_(i) = e;
    }
    closed_ = exit_rate_Hz_.maxCoeff() == 0.0;

    // Weights along a breadth-first tree from state 0, then every pair checked.
    log_weight_.assign(states, std::numeric_limits<double>::quiet_NaN());
    log_weight_[0] = 0.0;
    std::vector<Eigen::Index> queue{0};
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const Eigen::Index i = queue[head];
        for (Eigen::Index j = 0; j < n; ++j) {
            if (rate(i, j) == 0.0 || !std::isnan(log_weight_[static_cast<std::size_t>(j)])) continue;
            if (rate(j, i) == 0.0) throw Error("absorbing chain: a transition has no reverse");
            log_weight_[static_cast<std::size_t>(j)] =
                log_weight_[static_cast<std::size_t>(i)] + std::log(rate(i, j) / rate(j, i));
            queue.push_back(j);
        }
    }
    if (queue.size() != states) throw Error("absorbing chain: the transitions do not connect all states");
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = i + 1; j < n; ++j) {
            if (rate(i, j) == 0.0 && rate(j, i) == 0.0) continue;
            if (rate(i, j) == 0.0 || rate(j, i) == 0.0)
                throw Error("absorbing chain: a transition has no reverse");
            const double expected =
                log_weight_[static_cast<std::size_t>(j)] - log_weight_[static_cast<std::size_t>(i)];
            if (std::abs(std::log(rate(i, j) / rate(j, i)) - expected) > balance_tolerance) {
                throw Error("absorbing chain: detailed balance fails between states " + std::to_string(i) +
                            " and " + std::to_string(j));
            }
        }
    }

    Eigen::MatrixXd symmetric(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        double out = exit_rate_Hz_(i);
        for (Eigen::Index j = 0; j < n; ++j) {
            if (j == i) continue;
            out += rate(i, j);
            symmetric(i, j) = std::sqrt(rate(i, j) * rate(j, i));
        }
        symmetric(i, i) = -out;
    }
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(symmetric);
    if (solver.info() != Eigen::Success) throw Error("absorbing chain: eigen decomposition failed");
    eigenvalues_ = solver.eigenvalues().cwiseMin(0.0);
    vectors_ = solver.eigenvectors();
    half_weight_ = Eigen::VectorXd(n);
    for (Eigen::Index i = 0; i < n; ++i)
        half_weight_(i) = std::exp(0.5 * log_weight_[static_cast<std::size_t>(i)]);
    // survival(i, t) = sum_j exp(Qt)_ij = sum_a U_ia exp(l_a t) (sum_j U_ja sqrt(w_j)) / sqrt(w_i)
    const Eigen::VectorXd projection = vectors_.transpose() * half_weight_;
    survival_coeff_ = vectors_ * projection.asDiagonal();
    for (Eigen::Index i = 0; i < n; ++i) survival_coeff_.row(i) /= half_weight_(i);
    scratch_a_.resize(n);
    scratch_b_.resize(n);
    scratch_c_.resize(n);
}

double AbsorbingChain::survival(int from, double t_s) const {
    if (closed_) return 1.0;
    double s = 0.0;
    for (Eigen::Index a = 0; a < eigenvalues_.size(); ++a)
        s += survival_coeff_(from, a) * std::exp(eigenvalues_(a) * t_s);
    return std::clamp(s, 0.0, 1.0);
}

double AbsorbingChain::exit_time(int from, double u) const {
    if (closed_) return std::numeric_limits<double>::infinity();
    // The slowest mode sets the time scale; widen the bracket until it holds the root.
    const double slowest = -eigenvalues_.maxCoeff();
    double lo = 0.0;
    double hi = 1.0 / slowest;
    while (survival(from, hi) > u) {
        lo = hi;
        hi *= 2.0;
    }
    // Safeguarded Newton: survival is decreasing, so the bracket [lo, hi] always holds.
    double t = 0.5 * (lo + hi);
    for (int iteration = 0; iteration < 200 && hi - lo > 1e-12 * hi; ++iteration) {
        double value = -u;
        double slope = 0.0;
        for (Eigen::Index a = 0; a < eigenvalues_.size(); ++a) {
            const double term = survival_coeff_(from, a) * std::exp(eigenvalues_(a) * t);
            value += term;
            slope += eigenvalues_(a) * term;
        }
        if (value > 0.0) {
            lo = t;
        } else {
            hi = t;
        }
        const double newton = slope < 0.0 ? t - value / slope : -1.0;
        t = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
        if (value == 0.0) break;
    }
    return t;
}

void AbsorbingChain::propagate(int from, double t_s, Eigen::VectorXd& p) const {
    // p_j = sqrt(w_j / w_i) sum_a U_ia exp(l_a t) U_ja
    scratch_a_ = vectors_.row(from).transpose().cwiseProduct((eigenvalues_ * t_s).array().exp().matrix());
    p.noalias() = vectors_ * scratch_a_;
    p = p.cwiseProduct(half_weight_) / half_weight_(from);
    p = p.cwiseMax(0.0);
}

int AbsorbingChain::draw(const Eigen::VectorXd& weights, double u) const {
    const double total = weights.sum();
    double target = u * total;
    int last = -1;
    for (Eigen::Index j = 0; j < weights.size(); ++j) {
        if (weights(j) <= 0.0) continue;
        last = static_cast<int>(j);
        if (target < weights(j)) return last;
        target -= weights(j);
    }
    if (last < 0) throw Error("absorbing chain: no state has positive probability (numerical underflow)");
    return last;
}

int AbsorbingChain::state_at(int from, double t_s, double u) const {
    Eigen::VectorXd& p = scratch_b_;
    propagate(from, t_s, p);
    return draw(p, u);
}

int AbsorbingChain::exit_state(int from, double t_s, double u) const {
    Eigen::VectorXd& p = scratch_b_;
    propagate(from, t_s, p);
    p = p.cwiseProduct(exit_rate_Hz_);
    return draw(p, u);
}

int AbsorbingChain::bridge_state(int from, int to, double s, double t_s, double u) const {
    // P(j at s | from at 0, to at t) ~ exp(Qs)_{from,j} exp(Q(t-s))_{j,to}
    //   = exp(Qs)_{from,j} exp(Q(t-s))_{to,j} w_to / w_j  (detailed balance)
    Eigen::VectorXd& p = scratch_b_;
    propagate(from, s, p);
    Eigen::VectorXd& back = scratch_c_;
    propagate(to, t_s - s, back);
    for (Eigen::Index j = 0; j < p.size(); ++j) back(j) /= half_weight_(j) * half_weight_(j);
    p = p.cwiseProduct(back);
    return draw(p, u);
}

}  // namespace ionhop::engine
