#pragma once
// The lattice as a graph: sites are vertices, directed hops are edges (Boost.Graph with
// bundled properties). Used to build and edit lattices; the engine runs on a flat
// HopTable compiled from it (see models/compile.hpp).
#include <Eigen/Dense>
#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ionhop/lattices/cell.hpp"

namespace ionhop::lattices {

struct Site {
    Eigen::Vector3d fractional = Eigen::Vector3d::Zero();  // in [0, 1) along periodic axes
    std::string site_class = "site";                       // e.g. "24d", "96h", "16h"
    std::string region = "bulk";                           // bulk, gb, interphase-k, ...
    double energy_eV = 0.0;                                // site energy offset
    bool mobile = true;                                    // can hold a mobile ion
};

struct Hop {
    // Periodic image of the target cell relative to the source cell: the hop goes from
    // site `from` in cell 0 to site `to` in cell `image`.
    Eigen::Vector3i image = Eigen::Vector3i::Zero();
    Eigen::Vector3d displacement_A = Eigen::Vector3d::Zero();  // computed from the cell
    std::string hop_class = "hop";
    double barrier_eV = 0.0;             // kinetically resolved barrier E_KRA
    double attempt_frequency_Hz = 1e13;  // nu
};

// Two sites that may never be occupied together (e.g. face-sharing polyhedra).
struct ExclusionPair {
    std::size_t first = 0;
    std::size_t second = 0;
    Eigen::Vector3i image = Eigen::Vector3i::Zero();  // image of `second` relative to `first`
};

using SiteGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, Site, Hop>;

class LatticeGraph {
public:
    explicit LatticeGraph(Cell cell);
    // The graph is held by pointer: Boost's adjacency_list has no move (its swap copies),
    // and lattices of 1e6 sites are moved, never copied, between builders.
    LatticeGraph(const LatticeGraph& other);
    LatticeGraph& operator=(const LatticeGraph& other);
    LatticeGraph(LatticeGraph&&) noexcept = default;
    LatticeGraph& operator=(LatticeGraph&&) noexcept = default;
    ~LatticeGraph();

    const Cell& cell() const { return cell_; }
    const SiteGraph& graph() const { return *graph_; }
    std::size_t num_sites() const;
    std::size_t num_hops() const;
    const Site& site(std::size_t index) const;
    Site& site(std::size_t index);
    const std::vector<ExclusionPair>& exclusions() const { return exclusions_; }

    // Validates the site (finite coordinates, wrapped into [0, 1) along periodic axes,
    // finite energy) and returns its index.
    std::size_t add_site(Site site);
    // Adds one directed hop; the displacement is computed from the cell. Throws
    // ionhop::Error for unknown sites, a non-zero image along a non-periodic axis,
    // a negative or non-finite barrier, or a non-positive attempt frequency.
    void add_hop(std::size_t from, std::size_t to, const Eigen::Vector3i& image, const std::string& hop_class,
                 double barrier_eV, double attempt_frequency_Hz);
    // Adds the hop and its reverse (image negated) with the same barrier and frequency.
    void add_hop_pair(std::size_t from, std::size_t to, const Eigen::Vector3i& image,
                      const std::string& hop_class, double barrier_eV, double attempt_frequency_Hz);
    void add_exclusion(std::size_t first, std::size_t second, const Eigen::Vector3i& image);

    // Cartesian vector from site `from` to the image `image` of site `to` (Angstrom).
    Eigen::Vector3d separation_A(std::size_t from, std::size_t to, const Eigen::Vector3i& image) const;

private:
    void check_site_index(std::size_t index, const char* what) const;
    void check_image(const Eigen::Vector3i& image) const;

    Cell cell_;
    std::unique_ptr<SiteGraph> graph_;
    std::vector<ExclusionPair> exclusions_;
};

// Shortest and longest hop (Angstrom) of each hop class: the distances the rules picked.
std::map<std::string, std::pair<double, double>> hop_length_range_A(const LatticeGraph& lattice);

}  // namespace ionhop::lattices
