#include "ionhop/lattices/connectivity.hpp"

#include <Eigen/LU>
#include <limits>

namespace ionhop::lattices {
namespace {

// Keeps `vector` if it is independent of those already kept (at most three).
void add_independent(std::vector<Eigen::Vector3i>& kept, const Eigen::Vector3i& vector) {
    if (vector.isZero() || kept.size() == 3) {
        return;
    }
    Eigen::MatrixXd matrix(3, kept.size() + 1);
    for (std::size_t i = 0; i < kept.size(); ++i) {
        matrix.col(static_cast<Eigen::Index>(i)) = kept[i].cast<double>();
    }
    matrix.col(static_cast<Eigen::Index>(kept.size())) = vector.cast<double>();
    Eigen::FullPivLU<Eigen::MatrixXd> lu(matrix);
    if (lu.rank() == static_cast<Eigen::Index>(kept.size() + 1)) {
        kept.push_back(vector);
    }
}

}  // namespace

bool Connectivity::conducts_along(const Cell& cell, const Eigen::Vector3d& direction) const {
    // The direction must lie in the span of the reachable translations.
    if (translations.empty()) {
        return false;
    }
    Eigen::MatrixXd span(3, translations.size());
    for (std::size_t i = 0; i < translations.size(); ++i) {
        span.col(static_cast<Eigen::Index>(i)) = cell.vectors_A.transpose() * translations[i].cast<double>();
    }
    const Eigen::Vector3d unit = direction.normalized();
    const Eigen::VectorXd coefficients = span.colPivHouseholderQr().solve(unit);
    return (span * coefficients - unit).norm() < 1e-6;
}

// Breadth-first search that gives every site its cell offset relative to the root of its
// component; a hop that reaches an already placed site in another cell closes a loop
// whose net offset is a translation the ions can travel along.
Connectivity analyse_connectivity(const LatticeGraph& lattice) {
    const SiteGraph& graph = lattice.graph();
    const std::size_t n = lattice.num_sites();
    // Undirected neighbour lists with images (hops are stored in both directions, but an
    // analysis must not rely on it).
    std::vector<std::vector<std::pair<std::size_t, Eigen::Vector3i>>> neighbours(n);
    for (auto [edge, end] = boost::edges(graph); edge != end; ++edge) {
        const std::size_t from = boost::source(*edge, graph);
        const std::size_t to = boost::target(*edge, graph);
        neighbours[from].emplace_back(to, graph[*edge].image);
        neighbours[to].emplace_back(from, -graph[*edge].image);
    }

    Connectivity result;
    constexpr std::size_t unvisited = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> component(n, unvisited);
    std::vector<Eigen::Vector3i> offset(n, Eigen::Vector3i::Zero());
    std::vector<std::size_t> queue;
    for (std::size_t root = 0; root < n; ++root) {
        if (component[root] != unvisited) {
            continue;
        }
        if (neighbours[root].empty()) {
            ++result.isolated_sites;
        }
        component[root] = result.num_components;
        queue.assign(1, root);
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const std::size_t site = queue[head];
            for (const auto& [next, image] : neighbours[site]) {
                const Eigen::Vector3i reached = offset[site] + image;
                if (component[next] == unvisited) {
                    component[next] = result.num_components;
                    offset[next] = reached;
                    queue.push_back(next);
                } else {
                    add_independent(result.translations, reached - offset[next]);
                }
            }
        }
        ++result.num_components;
    }
    result.dimension = static_cast<int>(result.translations.size());
    return result;
}

}  // namespace ionhop::lattices
