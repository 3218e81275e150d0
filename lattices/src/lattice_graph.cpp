#include "ionhop/lattices/lattice_graph.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <utility>

#include "ionhop/core/error.hpp"

namespace ionhop::lattices {
namespace {

const char* const axis_names[] = {"a", "b", "c"};

std::string describe(const Eigen::Vector3i& image) {
    return "(" + std::to_string(image.x()) + ", " + std::to_string(image.y()) + ", " +
           std::to_string(image.z()) + ")";
}

std::string describe(const Eigen::Vector3d& vector) {
    std::ostringstream out;
    out.precision(10);
    out << "(" << vector.x() << ", " << vector.y() << ", " << vector.z() << ")";
    return out.str();
}

std::string describe(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// Maps x into [0, 1). x - floor(x) alone can give exactly 1.0 (x = -1e-17 rounds to
// 1 - 1e-17 = 1.0), which would put the site on the far face of the cell.
double wrap_unit(double x) {
    const double wrapped = x - std::floor(x);
    return wrapped >= 1.0 ? 0.0 : wrapped;
}

}  // namespace

LatticeGraph::LatticeGraph(Cell cell)
    : cell_(make_cell(cell.vectors_A, cell.periodic)), graph_(std::make_unique<SiteGraph>()) {}

LatticeGraph::LatticeGraph(const LatticeGraph& other)
    : cell_(other.cell_),
      graph_(std::make_unique<SiteGraph>(*other.graph_)),
      exclusions_(other.exclusions_) {}

LatticeGraph& LatticeGraph::operator=(const LatticeGraph& other) {
    if (this != &other) *this = LatticeGraph(other);
    return *this;
}

LatticeGraph::~LatticeGraph() = default;

std::size_t LatticeGraph::num_sites() const { return boost::num_vertices(*graph_); }

std::size_t LatticeGraph::num_hops() const { return boost::num_edges(*graph_); }

const Site& LatticeGraph::site(std::size_t index) const {
    check_site_index(index, "site");
    return (*graph_)[index];
}

Site& LatticeGraph::site(std::size_t index) {
    check_site_index(index, "site");
    return (*graph_)[index];
}

std::size_t LatticeGraph::add_site(Site site) {
    if (!site.fractional.allFinite()) {
        throw Error("lattice: site fractional coordinates must be finite, got " + describe(site.fractional));
    }
    if (!std::isfinite(site.energy_eV)) {
        throw Error("lattice: site energy must be finite, got " + describe(site.energy_eV) + " eV");
    }
    for (int axis = 0; axis < 3; ++axis) {
        if (cell_.periodic[axis]) {
            site.fractional[axis] = wrap_unit(site.fractional[axis]);
        }
    }
    return boost::add_vertex(std::move(site), *graph_);
}

void LatticeGraph::add_hop(std::size_t from, std::size_t to, const Eigen::Vector3i& image,
                           const std::string& hop_class, double barrier_eV, double attempt_frequency_Hz) {
    check_site_index(from, "hop source");
    check_site_index(to, "hop target");
    check_image(image);
    if (from == to && image.isZero()) {
        throw Error("lattice: hop '" + hop_class + "' from site " + std::to_string(from) +
                    " to itself in the same cell; a self-hop needs a non-zero image");
    }
    if (!std::isfinite(barrier_eV) || barrier_eV < 0.0) {
        throw Error("lattice: hop '" + hop_class + "' barrier " + describe(barrier_eV) +
                    " eV must be a finite number >= 0");
    }
    if (!std::isfinite(attempt_frequency_Hz) || attempt_frequency_Hz <= 0.0) {
        throw Error("lattice: hop '" + hop_class + "' attempt frequency " + describe(attempt_frequency_Hz) +
                    " Hz must be a finite number > 0");
    }
    Hop hop;
    hop.image = image;
    hop.displacement_A = separation_A(from, to, image);
    hop.hop_class = hop_class;
    hop.barrier_eV = barrier_eV;
    hop.attempt_frequency_Hz = attempt_frequency_Hz;
    boost::add_edge(from, to, std::move(hop), *graph_);
}

void LatticeGraph::add_hop_pair(std::size_t from, std::size_t to, const Eigen::Vector3i& image,
                                const std::string& hop_class, double barrier_eV,
                                double attempt_frequency_Hz) {
    add_hop(from, to, image, hop_class, barrier_eV, attempt_frequency_Hz);
    add_hop(to, from, -image, hop_class, barrier_eV, attempt_frequency_Hz);
}

void LatticeGraph::add_exclusion(std::size_t first, std::size_t second, const Eigen::Vector3i& image) {
    check_site_index(first, "exclusion first");
    check_site_index(second, "exclusion second");
    check_image(image);
    if (first == second && image.isZero()) {
        throw Error("lattice: exclusion of site " + std::to_string(first) +
                    " with itself in the same cell; a self-exclusion needs a non-zero image");
    }
    // Exclusion is symmetric, so one entry covers both orders (unlike hops).
    exclusions_.push_back({first, second, image});
}

Eigen::Vector3d LatticeGraph::separation_A(std::size_t from, std::size_t to,
                                           const Eigen::Vector3i& image) const {
    check_site_index(from, "separation source");
    check_site_index(to, "separation target");
    const Eigen::Vector3d delta =
        (*graph_)[to].fractional + image.cast<double>() - (*graph_)[from].fractional;
    return cell_.to_cartesian_A(delta);
}

void LatticeGraph::check_site_index(std::size_t index, const char* what) const {
    if (index >= num_sites()) {
        throw Error(std::string("lattice: ") + what + " index " + std::to_string(index) +
                    " is out of range; the lattice has " + std::to_string(num_sites()) +
                    " sites (valid: 0 to num_sites - 1)");
    }
}

void LatticeGraph::check_image(const Eigen::Vector3i& image) const {
    for (int axis = 0; axis < 3; ++axis) {
        if (!cell_.periodic[axis] && image[axis] != 0) {
            throw Error("lattice: periodic image " + describe(image) + " crosses axis " + axis_names[axis] +
                        ", which is not periodic; its image must be 0");
        }
    }
}

std::map<std::string, std::pair<double, double>> hop_length_range_A(const LatticeGraph& lattice) {
    std::map<std::string, std::pair<double, double>> lengths;
    for (auto [edge, end] = boost::edges(lattice.graph()); edge != end; ++edge) {
        const Hop& hop = lattice.graph()[*edge];
        const double d = hop.displacement_A.norm();
        auto [entry, inserted] = lengths.emplace(hop.hop_class, std::make_pair(d, d));
        entry->second.first = std::min(entry->second.first, d);
        entry->second.second = std::max(entry->second.second, d);
    }
    return lengths;
}

}  // namespace ionhop::lattices
