#include "ionhop/lattices/microstructure.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <optional>
#include <sstream>
#include <string>

#include "ionhop/core/error.hpp"
#include "ionhop/core/memory_budget.hpp"
#include "ionhop/lattices/neighbours.hpp"

// Grain g keeps the crystal points q (relative to its seed) that lie in the box-sized
// parallelepiped around the seed (so each point of the periodic box is taken at most once
// per grain) and are no farther from the seed than from any periodic image of another
// seed (its Voronoi cell). Only images of seeds within twice the cell's radius can cut the
// cell; the radius is bounded from above on a grid of sample points.

namespace ionhop::lattices {
namespace {

[[noreturn]] void fail(const std::string& message) { throw Error("microstructure: " + message); }

bool positive_finite(double value) { return std::isfinite(value) && value > 0.0; }

// Periodic images of seeds, relative to this grain's seed.
struct SeedImage {
    Eigen::Vector3d vector_A;
    Eigen::Vector3d direction;   // unit vector
    double half_length_A = 0.0;  // the bisector plane's distance from the seed
};

struct SeedImages {
    std::vector<SeedImage> other;        // of other grains: their bisectors bound the cell
    std::vector<Eigen::Vector3d> all_A;  // of every grain, this one's own images included
};

struct Candidate {
    std::size_t grain = 0;
    std::size_t unit_site = 0;
    Eigen::Vector3d relative_A;        // from the grain's seed, unwrapped
    Eigen::Vector3d position_A;        // wrapped into the box
    double boundary_distance_A = 0.0;  // to the nearest boundary face (inf: far)
};

Eigen::Vector3d wrap_centered(const Eigen::Vector3d& v, const Eigen::Vector3d& box) {
    Eigen::Vector3d w;
    for (int axis = 0; axis < 3; ++axis) w[axis] = v[axis] - box[axis] * std::round(v[axis] / box[axis]);
    return w;
}

void check(const LatticeGraph& unit, const MicrostructureSpec& spec) {
    for (int axis = 0; axis < 3; ++axis) {
        if (!unit.cell().periodic[axis]) fail("the crystal must be periodic along a, b and c");
        if (!positive_finite(spec.box_A[axis])) fail("box lengths must be finite numbers > 0 A");
    }
    if (unit.num_sites() == 0) fail("the crystal has no sites");
    if (spec.grains.empty()) fail("give at least one grain");
    const GrainBoundaryModel& b = spec.boundary;
    if (!positive_finite(b.width_A)) fail("boundary width must be a finite number > 0 A");
    if (!positive_finite(b.barrier_scale)) fail("boundary barrier scale must be a finite number > 0");
    if (!std::isfinite(b.site_energy_eV)) fail("boundary site energy must be finite");
    if (!positive_finite(b.min_separation_A)) fail("minimum separation must be a finite number > 0 A");
    if (!(std::isfinite(b.hop_cutoff_A) && b.hop_cutoff_A >= b.min_separation_A)) {
        fail("boundary hop cutoff must be finite and >= the minimum separation");
    }
    for (std::size_t g = 0; g < spec.grains.size(); ++g) {
        const GrainSpec& grain = spec.grains[g];
        const std::string which = "grain " + std::to_string(g + 1) + ": ";
        for (int axis = 0; axis < 3; ++axis) {
            if (!(grain.seed_A[axis] >= 0.0 && grain.seed_A[axis] < spec.box_A[axis])) {
                fail(which + "seed outside the box");
            }
        }
        if (!grain.shift_A.allFinite()) fail(which + "shift must be finite");
        const Eigen::Matrix3d& r = grain.rotation;
        if (!r.allFinite() || (r.transpose() * r - Eigen::Matrix3d::Identity()).norm() > 1e-9 ||
            r.determinant() < 0.0) {
            fail(which + "the rotation is not a proper rotation matrix");
        }
    }
}

// An upper bound of each grain's Voronoi-cell radius, from a grid of sample points: a point
// of cell g is within `slack` of a sample point whose distance to seed g exceeds its
// nearest-seed distance by at most 2 slack.
std::vector<double> cell_radius_bounds(const MicrostructureSpec& spec) {
    const Eigen::Vector3d& box = spec.box_A;
    const std::size_t grains = spec.grains.size();
    const double grain_edge = std::cbrt(box.prod() / static_cast<double>(grains));
    Eigen::Vector3i samples;
    for (int axis = 0; axis < 3; ++axis) {
        samples[axis] = std::clamp(static_cast<int>(std::ceil(4.0 * box[axis] / grain_edge)), 4, 48);
    }
    const Eigen::Vector3d step = box.cwiseQuotient(samples.cast<double>());
    const double slack = 0.5 * step.norm();
    const double half_diagonal = 0.5 * box.norm();
    std::vector<double> radius(grains, 0.0);
    std::vector<double> distance(grains);
    for (int i = 0; i < samples.x(); ++i) {
        for (int j = 0; j < samples.y(); ++j) {
            for (int k = 0; k < samples.z(); ++k) {
                const Eigen::Vector3d point =
                    (Eigen::Vector3d(i, j, k).array() + 0.5).matrix().cwiseProduct(step);
                double nearest = std::numeric_limits<double>::infinity();
                for (std::size_t g = 0; g < grains; ++g) {
                    distance[g] = wrap_centered(point - spec.grains[g].seed_A, box).norm();
                    nearest = std::min(nearest, distance[g]);
                }
                for (std::size_t g = 0; g < grains; ++g) {
                    if (distance[g] <= nearest + 2.0 * slack)
                        radius[g] = std::max(radius[g], distance[g] + slack);
                }
            }
        }
    }
    for (double& r : radius) r = std::min(r, half_diagonal) + 1e-9;
    return radius;
}

// Images within twice the cell's radius (plus the boundary's half width) of the seed: only
// they can bound the cell or own a point within that half width of it.
SeedImages seed_images(const MicrostructureSpec& spec, std::size_t g, double radius_A) {
    SeedImages images;
    const Eigen::Vector3d& box = spec.box_A;
    const double reach_A = 2.0 * radius_A + spec.boundary.width_A;
    for (std::size_t h = 0; h < spec.grains.size(); ++h) {
        const Eigen::Vector3d base = wrap_centered(spec.grains[h].seed_A - spec.grains[g].seed_A, box);
        if (h != g && base.norm() < 1e-9) {
            fail("grains " + std::to_string(g + 1) + " and " + std::to_string(h + 1) + " have the same seed");
        }
        for (int i = -2; i <= 2; ++i) {
            for (int j = -2; j <= 2; ++j) {
                for (int k = -2; k <= 2; ++k) {
                    const Eigen::Vector3d v = base + Eigen::Vector3d(i, j, k).cwiseProduct(box);
                    const double length = v.norm();
                    if (length < 1e-9 || length > reach_A) continue;
                    images.all_A.push_back(v);
                    if (h != g) images.other.push_back({v, v / length, 0.5 * length});
                }
            }
        }
    }
    return images;
}

// Distance from q (inside the cell) to the nearest boundary face closer than `limit_A`, or
// infinity. A bisector plane counts where its foot point is no nearer to a third image than
// to the two seeds: across a plane that is no face there, the point faces its own grain's
// next cell (a periodic image), not a boundary.
double boundary_distance(const Eigen::Vector3d& q, const SeedImages& images, double limit_A) {
    double nearest = std::numeric_limits<double>::infinity();
    for (const SeedImage& image : images.other) {
        const double distance = image.half_length_A - q.dot(image.direction);
        if (distance >= std::min(limit_A, nearest)) continue;
        const Eigen::Vector3d foot = q + distance * image.direction;
        const double to_seeds = foot.norm() * (1.0 - 1e-9) - 1e-9;
        bool face = true;
        for (const Eigen::Vector3d& w : images.all_A) {
            if ((foot - w).norm() < to_seeds) {
                face = false;
                break;
            }
        }
        if (face) nearest = distance;
    }
    return nearest;
}

std::vector<Candidate> grain_sites(const LatticeGraph& unit, const MicrostructureSpec& spec, std::size_t g,
                                   double radius_A) {
    const GrainSpec& grain = spec.grains[g];
    const Eigen::Vector3d& box = spec.box_A;
    const SeedImages images = seed_images(spec, g, radius_A);
    const Eigen::Matrix3d& vectors = unit.cell().vectors_A;
    std::vector<Eigen::Vector3d> unit_positions;
    double farthest = 0.0;
    for (std::size_t s = 0; s < unit.num_sites(); ++s) {
        unit_positions.push_back(unit.cell().to_cartesian_A(unit.site(s).fractional));
        farthest = std::max(farthest, unit_positions.back().norm());
    }
    const Eigen::Vector3d faces = unit.cell().face_distances_A();
    const double reach = radius_A + farthest + grain.shift_A.norm();
    Eigen::Vector3i range;
    for (int axis = 0; axis < 3; ++axis) range[axis] = static_cast<int>(std::ceil(reach / faces[axis])) + 1;
    const double tolerance = 1e-9 * box.maxCoeff();

    std::vector<Candidate> sites;
    for (int a = -range.x(); a <= range.x(); ++a) {
        for (int b = -range.y(); b <= range.y(); ++b) {
            for (int c = -range.z(); c <= range.z(); ++c) {
                const Eigen::Vector3d translation = vectors.transpose() * Eigen::Vector3d(a, b, c);
                for (std::size_t s = 0; s < unit_positions.size(); ++s) {
                    const Eigen::Vector3d q =
                        grain.rotation * (unit_positions[s] + translation) + grain.shift_A;
                    if (q.norm() > radius_A) continue;
                    bool inside = true;
                    for (int axis = 0; axis < 3 && inside; ++axis) {
                        const double f = q[axis] / box[axis];
                        inside = f >= -0.5 && f < 0.5;
                    }
                    if (!inside) continue;
                    // Ties keep the site in both grains; the overlap check removes one.
                    bool mine = true;
                    for (const SeedImage& image : images.other) {
                        if (q.dot(image.direction) - image.half_length_A > tolerance) {
                            mine = false;
                            break;
                        }
                    }
                    if (!mine) continue;
                    const double boundary = boundary_distance(q, images, 0.5 * spec.boundary.width_A);
                    Eigen::Vector3d position = grain.seed_A + q;
                    for (int axis = 0; axis < 3; ++axis) {
                        position[axis] -= box[axis] * std::floor(position[axis] / box[axis]);
                        if (position[axis] >= box[axis]) position[axis] = 0.0;
                    }
                    sites.push_back({g, s, q, position, boundary});
                }
            }
        }
    }
    return sites;
}

// The crystal's vector between the pair's unit sites (in the unit cell's frame), when the
// pair is two sites of one grain's crystal (also across the box's periodic boundary, when
// the rotated crystal is commensurate with the box); empty across a boundary or a seam.
std::optional<Eigen::Vector3d> crystal_separation(const std::vector<Candidate>& sites,
                                                  const LatticeGraph& graph, const MicrostructureSpec& spec,
                                                  const Cell& unit_cell, const NeighbourPair& pair) {
    const Candidate& first = sites[pair.first];
    const Candidate& second = sites[pair.second];
    if (first.grain != second.grain) return std::nullopt;
    const Eigen::Matrix3d& rotation = spec.grains[first.grain].rotation;
    const Eigen::Vector3d separation = graph.separation_A(pair.first, pair.second, pair.image);
    const Eigen::Vector3d wrap = rotation.transpose() * (separation - (second.relative_A - first.relative_A));
    const Eigen::Vector3d cells = unit_cell.to_fractional(wrap);
    if ((cells - cells.array().round().matrix()).cwiseAbs().maxCoeff() > 1e-6) return std::nullopt;
    return rotation.transpose() * separation;
}

// Hops and exclusion pairs of the unit cell by their pair of unit sites.
struct UnitBond {
    Eigen::Vector3d separation_A;
    const Hop* hop = nullptr;  // null: an exclusion pair
};

std::map<std::pair<std::size_t, std::size_t>, std::vector<UnitBond>> unit_bonds(const LatticeGraph& unit) {
    std::map<std::pair<std::size_t, std::size_t>, std::vector<UnitBond>> bonds;
    const SiteGraph& g = unit.graph();
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        bonds[{boost::source(*e, g), boost::target(*e, g)}].push_back({g[*e].displacement_A, &g[*e]});
    }
    for (const ExclusionPair& pair : unit.exclusions()) {
        const Eigen::Vector3d separation = unit.separation_A(pair.first, pair.second, pair.image);
        bonds[{pair.first, pair.second}].push_back({separation, nullptr});
        bonds[{pair.second, pair.first}].push_back({-separation, nullptr});
    }
    return bonds;
}

LatticeGraph sites_only(const LatticeGraph& unit, const Cell& cell, const std::vector<Candidate>& sites) {
    LatticeGraph graph(cell);
    for (const Candidate& candidate : sites) {
        Site site = unit.site(candidate.unit_site);
        site.fractional = cell.to_fractional(candidate.position_A);
        site.region = "bulk";
        graph.add_site(site);
    }
    return graph;
}

// The barrier and frequency a boundary hop between sites of two classes takes before
// scaling: the crystal's highest barrier between those classes, else its highest overall.
struct BaseHop {
    double barrier_eV = 0.0;
    double attempt_frequency_Hz = 0.0;
};

BaseHop base_hop(const LatticeGraph& unit, const std::string& a, const std::string& b) {
    BaseHop matching{-1.0, 0.0}, any{-1.0, 0.0};
    const SiteGraph& g = unit.graph();
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const Hop& hop = g[*e];
        const std::string& from = g[boost::source(*e, g)].site_class;
        const std::string& to = g[boost::target(*e, g)].site_class;
        if (hop.barrier_eV > any.barrier_eV) any = {hop.barrier_eV, hop.attempt_frequency_Hz};
        if (((from == a && to == b) || (from == b && to == a)) && hop.barrier_eV > matching.barrier_eV) {
            matching = {hop.barrier_eV, hop.attempt_frequency_Hz};
        }
    }
    return matching.barrier_eV >= 0.0 ? matching : any;
}

}  // namespace

Eigen::Matrix3d axis_angle_rotation(const Eigen::Vector3d& axis, double angle_deg) {
    if (!axis.allFinite() || axis.norm() == 0.0 || !std::isfinite(angle_deg)) {
        fail("a rotation needs a finite non-zero axis and a finite angle");
    }
    return Eigen::AngleAxisd(angle_deg * std::numbers::pi / 180.0, axis.normalized()).toRotationMatrix();
}

// Memory of the graph of the box, from the bundled properties: a site (fractional
// position, class and region strings, energy, its vertex and out-edge list) about 150 B,
// a hop (image, displacement, class string, barrier, frequency, edge entries) about 150 B.
// Candidates and the neighbour search come on top; the table compiled from the graph is
// checked when it is compiled.
namespace {

constexpr double graph_bytes_per_site = 150.0;
constexpr double graph_bytes_per_hop = 150.0;

void check_memory(const LatticeGraph& unit, const MicrostructureSpec& spec) {
    const double cells = spec.box_A.prod() / unit.cell().volume_A3();
    const double sites = cells * static_cast<double>(unit.num_sites());
    const double hops = cells * static_cast<double>(unit.num_hops());
    std::ostringstream what;
    what << "microstructure: a box of " << spec.box_A.x() << " x " << spec.box_A.y() << " x "
         << spec.box_A.z() << " A (about " << sites << " sites and " << hops << " hops)";
    require_memory(sites * graph_bytes_per_site + hops * graph_bytes_per_hop, what.str());
}

}  // namespace

LatticeGraph build_microstructure(const LatticeGraph& unit, const MicrostructureSpec& spec,
                                  MicrostructureSummary* summary) {
    check(unit, spec);
    if (unit.num_hops() == 0) fail("the crystal has no hops");
    check_memory(unit, spec);
    const Cell cell = make_orthorhombic_cell(spec.box_A.x(), spec.box_A.y(), spec.box_A.z());
    const GrainBoundaryModel& boundary = spec.boundary;

    std::vector<Candidate> candidates;
    const std::vector<double> radius = cell_radius_bounds(spec);
    for (std::size_t g = 0; g < spec.grains.size(); ++g) {
        std::vector<Candidate> grain = grain_sites(unit, spec, g, radius[g]);
        candidates.insert(candidates.end(), grain.begin(), grain.end());
    }
    if (candidates.empty()) fail("no site of the crystal falls in the box");

    // Of two sites closer than the minimum separation across a boundary, keep the first.
    std::vector<char> removed(candidates.size(), 0);
    {
        const LatticeGraph all = sites_only(unit, cell, candidates);
        for (const NeighbourPair& pair : find_pairs_within(all, 0.0, boundary.min_separation_A)) {
            // A crystal pair at distance 0 is one point taken twice (a tie on the box's edge).
            const bool crystal = crystal_separation(candidates, all, spec, unit.cell(), pair).has_value();
            if (pair.distance_A >= boundary.min_separation_A || (crystal && pair.distance_A > 1e-6)) continue;
            if (!removed[pair.first] && !removed[pair.second]) removed[std::max(pair.first, pair.second)] = 1;
        }
    }
    std::vector<Candidate> sites;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (!removed[i]) sites.push_back(candidates[i]);
    }
    const std::size_t removed_count = candidates.size() - sites.size();
    candidates.clear();

    LatticeGraph graph = sites_only(unit, cell, sites);

    // Every pair within reach is either two sites of one grain's crystal, which take the
    // crystal's hops and exclusions between them, or a boundary pair: a hop within the
    // cutoff, an exclusion within the crystal's exclusion distance; its ends are gb sites.
    const auto bonds = unit_bonds(unit);
    double reach_A = boundary.hop_cutoff_A;
    for (const auto& [sites_pair, list] : bonds) {
        for (const UnitBond& bond : list) reach_A = std::max(reach_A, bond.separation_A.norm() + 1e-6);
    }
    double exclusion_reach_A = 0.0;
    for (const ExclusionPair& pair : unit.exclusions()) {
        exclusion_reach_A =
            std::max(exclusion_reach_A, unit.separation_A(pair.first, pair.second, pair.image).norm());
    }
    struct CrystalPair {
        NeighbourPair pair;
        Eigen::Vector3d unit_separation_A;
    };
    std::vector<CrystalPair> crystal_pairs;
    std::vector<NeighbourPair> boundary_pairs;
    std::vector<char> gb(sites.size(), 0);
    for (const NeighbourPair& pair : find_pairs_within(graph, 0.0, reach_A)) {
        if (const auto separation = crystal_separation(sites, graph, spec, unit.cell(), pair)) {
            crystal_pairs.push_back({pair, *separation});
        } else if (pair.distance_A <= std::max(boundary.hop_cutoff_A, exclusion_reach_A + 1e-6)) {
            boundary_pairs.push_back(pair);
            if (pair.distance_A <= boundary.hop_cutoff_A) gb[pair.first] = gb[pair.second] = 1;
        }
    }
    std::size_t gb_sites = 0;
    for (std::size_t i = 0; i < sites.size(); ++i) {
        if (sites[i].boundary_distance_A < 0.5 * boundary.width_A) gb[i] = 1;
        if (!gb[i]) continue;
        ++gb_sites;
        graph.site(i).region = "gb";
        graph.site(i).site_class += gb_class_suffix;
        graph.site(i).energy_eV += boundary.site_energy_eV;
    }
    const auto barrier = [&](std::size_t i, std::size_t j, double bulk_eV) {
        return gb[i] || gb[j] ? bulk_eV * boundary.barrier_scale : bulk_eV;
    };

    for (const auto& [pair, separation] : crystal_pairs) {
        const std::size_t i = pair.first, j = pair.second;
        const auto add = [&](std::size_t from, std::size_t to, const Eigen::Vector3i& image,
                             const Eigen::Vector3d& wanted) {
            const auto found = bonds.find({sites[from].unit_site, sites[to].unit_site});
            if (found == bonds.end()) return;
            for (const UnitBond& bond : found->second) {
                if ((bond.separation_A - wanted).norm() > 1e-6) continue;
                if (bond.hop) {
                    graph.add_hop(from, to, image, bond.hop->hop_class,
                                  barrier(from, to, bond.hop->barrier_eV), bond.hop->attempt_frequency_Hz);
                } else if (from == i) {  // an exclusion is listed in both orders; add it once
                    graph.add_exclusion(from, to, image);
                }
            }
        };
        add(i, j, pair.image, separation);
        add(j, i, -pair.image, -separation);
    }
    std::size_t boundary_hops = 0, seam_pairs = 0;
    for (const NeighbourPair& pair : boundary_pairs) {
        if (pair.distance_A <= exclusion_reach_A + 1e-6)
            graph.add_exclusion(pair.first, pair.second, pair.image);
        if (pair.distance_A > boundary.hop_cutoff_A) continue;
        const BaseHop base =
            base_hop(unit, graph.site(pair.first).site_class, graph.site(pair.second).site_class);
        graph.add_hop_pair(pair.first, pair.second, pair.image, "gb",
                           barrier(pair.first, pair.second, base.barrier_eV), base.attempt_frequency_Hz);
        boundary_hops += 2;
        if (sites[pair.first].grain == sites[pair.second].grain) ++seam_pairs;
    }

    if (summary) {
        summary->grains = spec.grains.size();
        summary->sites = sites.size();
        summary->gb_sites = gb_sites;
        summary->removed_sites = removed_count;
        summary->boundary_hops = boundary_hops;
        summary->seam_pairs = seam_pairs;
        summary->grain_of_site.clear();
        for (const Candidate& site : sites) summary->grain_of_site.push_back(site.grain);
    }
    return graph;
}

}  // namespace ionhop::lattices
