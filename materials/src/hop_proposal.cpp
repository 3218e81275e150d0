#include "hop_proposal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/neighbours.hpp"
#include "ionhop/materials/build.hpp"
#include "ionhop/materials/structure_import.hpp"

namespace ionhop::materials {
namespace {

// Consecutive distances further apart than this start a new shell: equivalent pairs are
// equal to rounding, distinct ones in real structures differ by more.
constexpr double shell_gap_A = 0.01;
// How far a window reaches beyond its shell (never past halfway to the next shell), so
// the rule still matches after the coordinates are refined a little.
constexpr double window_margin_A = 0.05;
// Pairs are collected beyond the cutoff so the last window stops short of the next shell.
constexpr double look_beyond_A = 1.0;

struct Shell {
    double shortest_A = 0.0;
    double longest_A = 0.0;
};

std::vector<Shell> shells_of(std::vector<double> distances) {
    std::sort(distances.begin(), distances.end());
    std::vector<Shell> shells;
    for (double d : distances) {
        if (shells.empty() || d - shells.back().longest_A > shell_gap_A) {
            shells.push_back({d, d});
        } else {
            shells.back().longest_A = d;
        }
    }
    return shells;
}

std::string hop_name(const std::string& from, const std::string& to, const Shell& shell) {
    char length[32];
    std::snprintf(length, sizeof length, "_%.2fA", 0.5 * (shell.shortest_A + shell.longest_A));
    return from + "-" + to + length;
}

}  // namespace

void propose_hops(LatticeDescription& d, const HopRules& rules, const std::string& origin) {
    lattices::LatticeGraph mobile(make_cell(d.cell));
    std::map<std::string, std::size_t> class_index;
    for (std::size_t k = 0; k < d.sites.size(); ++k) {
        class_index[d.sites[k].name] = k;
        for (const Eigen::Vector3d& position : d.sites[k].positions) {
            lattices::Site site;
            site.fractional = position;
            site.site_class = d.sites[k].name;
            mobile.add_site(site);
        }
    }
    // Distances per unordered pair of classes, in file order of the classes.
    std::map<std::pair<std::size_t, std::size_t>, std::vector<double>> distances;
    for (const auto& pair : lattices::find_pairs_within(mobile, 0.0, rules.hop_cutoff_A + look_beyond_A)) {
        std::size_t a = class_index.at(mobile.site(pair.first).site_class);
        std::size_t b = class_index.at(mobile.site(pair.second).site_class);
        distances[{std::min(a, b), std::max(a, b)}].push_back(pair.distance_A);
    }

    for (const auto& [classes, lengths] : distances) {
        const std::string& from = d.sites[classes.first].name;
        const std::string& to = d.sites[classes.second].name;
        const std::vector<Shell> shells = shells_of(lengths);
        for (std::size_t s = 0; s < shells.size() && shells[s].shortest_A <= rules.hop_cutoff_A; ++s) {
            // Whole mA, rounded away from the shell at the margins and towards it at the
            // midpoints, so neighbouring windows do not even share their boundary.
            double low = std::max(0.0, std::floor((shells[s].shortest_A - window_margin_A) * 1e3) / 1e3);
            double high = std::ceil((shells[s].longest_A + window_margin_A) * 1e3) / 1e3;
            if (s > 0) {
                const double middle = 0.5 * (shells[s - 1].longest_A + shells[s].shortest_A);
                low = std::max(low, std::ceil(middle * 1e3 + 0.5) / 1e3);
            }
            if (s + 1 < shells.size()) {
                const double middle = 0.5 * (shells[s].longest_A + shells[s + 1].shortest_A);
                high = std::min(high, std::floor(middle * 1e3 - 0.5) / 1e3);
            }
            HopClassSpec hop;
            hop.name = hop_name(from, to, shells[s]);
            hop.from = from;
            hop.to = to;
            hop.distance_A = {low, high};
            hop.barrier_eV = placeholder_barrier_eV;
            hop.attempt_frequency_Hz = placeholder_attempt_frequency_Hz;
            hop.source = rules.hop_source;
            d.hops.push_back(hop);
        }
        if (!shells.empty() && shells.front().shortest_A < rules.exclusion_cutoff_A) {
            ExclusionSpec exclusion;
            std::ostringstream name;
            name << from << "-" << to << "_within_" << rules.exclusion_cutoff_A << "A";
            exclusion.name = name.str();
            exclusion.between = {from, to};
            exclusion.distance_A = {0.0, rules.exclusion_cutoff_A};
            exclusion.source = rules.exclusion_source;
            d.exclusions.push_back(exclusion);
        }
    }
    if (d.hops.empty()) {
        std::ostringstream out;
        out << origin << ": no two " << d.mobile_species << " sites lie within the hop cutoff of "
            << rules.hop_cutoff_A << " A; raise it (--hop-cutoff)";
        throw Error(out.str());
    }
}

}  // namespace ionhop::materials
