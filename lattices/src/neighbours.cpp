#include "ionhop/lattices/neighbours.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <sstream>
#include <tuple>

#include "ionhop/core/error.hpp"

// Cell-list search: sites are sorted into a grid of bins in fractional coordinates whose
// width (as a distance between bin faces) is at least the search radius, so every partner
// lies in the same or an adjacent bin. Along a periodic axis the adjacent bins wrap around
// and the wrap count is the periodic image. A cell thinner than the radius gets one bin
// and `reach` > 1, which is the same as scanning that many periodic images.

namespace ionhop::lattices {
namespace {

struct AxisGrid {
    bool periodic = true;
    double origin = 0.0;  // fractional coordinate of the lower face of bin 0
    double length = 1.0;  // fractional extent covered by the bins
    int count = 1;        // bins along the axis
    int reach = 1;        // bins to search on either side
};

// A neighbouring bin along one axis and the periodic image it lies in.
struct Step {
    int bin = 0;
    int image = 0;
};

// Keeps bin and image arithmetic well inside int.
constexpr int max_bins_per_axis = 1 << 20;

int floor_div(int value, int divisor) {
    const int quotient = value / divisor;
    return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient;
}

bool is_positive(const Eigen::Vector3i& image) {
    for (int axis = 0; axis < 3; ++axis) {
        if (image[axis] != 0) {
            return image[axis] > 0;
        }
    }
    return false;
}

void check_window(double min_A, double max_A) {
    if (!std::isfinite(min_A) || !std::isfinite(max_A) || min_A < 0.0 || max_A < min_A) {
        std::ostringstream out;
        out << "neighbour search: distance window [" << min_A << ", " << max_A
            << "] A is invalid; need finite 0 <= min <= max";
        throw Error(out.str());
    }
}

std::array<AxisGrid, 3> make_grid(const Cell& cell, const std::vector<Eigen::Vector3d>& wrapped,
                                  double radius_A) {
    const Eigen::Vector3d face_A = cell.face_distances_A();
    std::array<AxisGrid, 3> grid;
    for (int axis = 0; axis < 3; ++axis) {
        AxisGrid& g = grid[axis];
        g.periodic = cell.periodic[axis];
        if (!g.periodic) {
            // Open axis: bins cover the occupied slab only; nothing wraps.
            const auto [low, high] =
                std::minmax_element(wrapped.begin(), wrapped.end(),
                                    [axis](const auto& p, const auto& q) { return p[axis] < q[axis]; });
            g.origin = (*low)[axis];
            g.length = (*high)[axis] - (*low)[axis];
        }
        const double extent_A = g.length * face_A[axis];
        const double bins = std::floor(extent_A / radius_A);
        g.count = static_cast<int>(std::clamp(bins, 1.0, double(max_bins_per_axis)));
    }
    // Never more bins than about twice the sites: coarsening only widens the bins.
    const std::size_t max_bins = 2 * wrapped.size() + 27;
    auto total = [&grid] {
        return std::size_t(grid[0].count) * std::size_t(grid[1].count) * std::size_t(grid[2].count);
    };
    while (total() > max_bins) {
        auto finest = std::max_element(grid.begin(), grid.end(),
                                       [](const auto& p, const auto& q) { return p.count < q.count; });
        finest->count = (finest->count + 1) / 2;
    }
    for (int axis = 0; axis < 3; ++axis) {
        AxisGrid& g = grid[axis];
        const double width_A = g.length * face_A[axis] / g.count;
        const double reach = width_A > 0.0 ? std::ceil(radius_A / width_A) : double(g.count);
        if (g.periodic) {
            if (reach > double(max_bins_per_axis)) {
                std::ostringstream out;
                out << "neighbour search: radius " << radius_A << " A spans more than " << max_bins_per_axis
                    << " periodic images along axis "
                    << "abc"[axis] << " (cell thickness " << face_A[axis] << " A); use a smaller window";
                throw Error(out.str());
            }
            g.reach = static_cast<int>(reach);
        } else {
            g.reach = static_cast<int>(std::min(reach, double(g.count - 1)));
        }
    }
    return grid;
}

int bin_of(const AxisGrid& g, double fractional) {
    if (g.length <= 0.0) {
        return 0;
    }
    const double bin = std::floor((fractional - g.origin) / g.length * g.count);
    return static_cast<int>(std::clamp(bin, 0.0, double(g.count - 1)));
}

void steps_from(const AxisGrid& g, int bin, std::vector<Step>& steps) {
    steps.clear();
    for (int offset = -g.reach; offset <= g.reach; ++offset) {
        const int target = bin + offset;
        if (g.periodic) {
            const int image = floor_div(target, g.count);
            steps.push_back({target - image * g.count, image});
        } else if (target >= 0 && target < g.count) {
            steps.push_back({target, 0});
        }
    }
}

}  // namespace

std::vector<NeighbourPair> find_pairs_within(const LatticeGraph& lattice, double min_A, double max_A) {
    check_window(min_A, max_A);
    const std::size_t n_sites = lattice.num_sites();
    std::vector<NeighbourPair> pairs;
    if (n_sites == 0) {
        return pairs;
    }
    const Cell& cell = lattice.cell();

    // Search on coordinates wrapped into [0, 1) and convert images back at the end, so
    // the result also holds for sites whose coordinates were edited out of range.
    std::vector<Eigen::Vector3d> wrapped(n_sites);
    std::vector<Eigen::Vector3i> shift(n_sites, Eigen::Vector3i::Zero());
    for (std::size_t i = 0; i < n_sites; ++i) {
        wrapped[i] = lattice.site(i).fractional;
        for (int axis = 0; axis < 3; ++axis) {
            if (cell.periodic[axis]) {
                const double whole = std::floor(wrapped[i][axis]);
                wrapped[i][axis] -= whole;
                shift[i][axis] = static_cast<int>(whole);
            }
        }
    }

    // A slightly larger radius for binning keeps pairs at exactly max_A from being lost
    // to rounding in the bin index.
    const double radius_A = max_A * (1.0 + 1e-9) + 1e-12;
    const std::array<AxisGrid, 3> grid = make_grid(cell, wrapped, radius_A);

    std::vector<std::array<int, 3>> site_bin(n_sites);
    std::vector<std::size_t> bin_start(std::size_t(grid[0].count) * grid[1].count * grid[2].count + 1, 0);
    auto flat = [&grid](int b0, int b1, int b2) {
        return (std::size_t(b2) * grid[1].count + b1) * grid[0].count + b0;
    };
    for (std::size_t i = 0; i < n_sites; ++i) {
        for (int axis = 0; axis < 3; ++axis) {
            site_bin[i][axis] = bin_of(grid[axis], wrapped[i][axis]);
        }
        ++bin_start[flat(site_bin[i][0], site_bin[i][1], site_bin[i][2]) + 1];
    }
    std::partial_sum(bin_start.begin(), bin_start.end(), bin_start.begin());
    std::vector<std::size_t> binned(n_sites);
    {
        std::vector<std::size_t> fill(bin_start.begin(), bin_start.end() - 1);
        for (std::size_t i = 0; i < n_sites; ++i) {
            binned[fill[flat(site_bin[i][0], site_bin[i][1], site_bin[i][2])]++] = i;
        }
    }

    std::array<std::vector<Step>, 3> steps;
    for (std::size_t i = 0; i < n_sites; ++i) {
        const std::size_t first_of_site = pairs.size();
        for (int axis = 0; axis < 3; ++axis) {
            steps_from(grid[axis], site_bin[i][axis], steps[axis]);
        }
        for (const Step& s2 : steps[2]) {
            for (const Step& s1 : steps[1]) {
                for (const Step& s0 : steps[0]) {
                    const Eigen::Vector3i image(s0.image, s1.image, s2.image);
                    const Eigen::Vector3d image_d = image.cast<double>();
                    const std::size_t bin = flat(s0.bin, s1.bin, s2.bin);
                    for (std::size_t k = bin_start[bin]; k < bin_start[bin + 1]; ++k) {
                        const std::size_t j = binned[k];
                        // Each unordered pair is seen from both ends; keep the one from
                        // the lower index (or the positive image for a site and itself).
                        if (j < i || (j == i && !is_positive(image))) {
                            continue;
                        }
                        const double distance_A =
                            cell.to_cartesian_A(wrapped[j] + image_d - wrapped[i]).norm();
                        if (distance_A >= min_A && distance_A <= max_A) {
                            pairs.push_back({i, j, image + shift[i] - shift[j], distance_A});
                        }
                    }
                }
            }
        }
        // Sites come out in index order; order each site's partners too, so the result
        // does not depend on the bin grid.
        std::sort(pairs.begin() + first_of_site, pairs.end(), [](const auto& p, const auto& q) {
            return std::tie(p.second, p.image[0], p.image[1], p.image[2]) <
                   std::tie(q.second, q.image[0], q.image[1], q.image[2]);
        });
    }
    return pairs;
}

}  // namespace ionhop::lattices
