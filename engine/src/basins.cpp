#include "ionhop/engine/basins.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>
#include <unordered_map>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

namespace {

class UnionFind {
public:
    explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0U); }
    std::uint32_t find(std::uint32_t x) {
        while (parent_[x] != x) {
            parent_[x] = parent_[parent_[x]];
            x = parent_[x];
        }
        return x;
    }
    void join(std::uint32_t a, std::uint32_t b) { parent_[find(a)] = find(b); }

private:
    std::vector<std::uint32_t> parent_;
};

std::vector<double> pair_rates(const HopTable& table) {
    std::vector<double> rate(table.num_hops(), 0.0);
    for (std::uint32_t s = 0; s < table.num_sites(); ++s) {
        for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h) {
            const std::uint32_t r = table.reverse_hop(s, h);  // exists: the table was validated
            if (r < table.num_hops()) rate[h] = std::sqrt(table.hop_rate_Hz[h] * table.hop_rate_Hz[r]);
        }
    }
    return rate;
}

// Basins for one threshold: fills `partition` and returns the number kept.
std::size_t partition_at(const HopTable& table, const std::vector<double>& pair_rate, double threshold,
                         const AccelerationOptions& options, BasinPartition& partition) {
    const std::size_t n = table.num_sites();
    UnionFind groups(n);
    std::vector<std::uint8_t> has_fast(n, 0);
    for (std::uint32_t s = 0; s < n; ++s) {
        for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h) {
            if (pair_rate[h] >= threshold) {
                groups.join(s, table.hop_target[h]);
                has_fast[s] = 1;
            }
        }
        if (table.has_exclusions()) {
            for (std::uint32_t k = table.exclusion_begin[s]; k < table.exclusion_begin[s + 1]; ++k) {
                groups.join(s, table.exclusion_partner[k]);
            }
        }
    }
    // Members of each group, in site order.
    std::vector<std::uint32_t> root(n);
    std::vector<std::uint32_t> size(n, 0);
    std::vector<std::uint8_t> fast(n, 0);
    for (std::uint32_t s = 0; s < n; ++s) {
        root[s] = groups.find(s);
        ++size[root[s]];
        fast[root[s]] |= has_fast[s];
    }
    partition.basin_of_site.assign(n, -1);
    partition.local_index.assign(n, 0);
    partition.offset_A.assign(n, Eigen::Vector3d::Zero());
    partition.basin_begin = {0};
    partition.basin_sites.clear();
    std::vector<std::int32_t> candidate(n, -1);
    std::vector<std::vector<std::uint32_t>> members;
    for (std::uint32_t s = 0; s < n; ++s) {
        const std::uint32_t r = root[s];
        if (!fast[r] || size[r] < 2 || size[r] > options.max_basin_sites) continue;
        if (candidate[r] < 0) {
            candidate[r] = static_cast<std::int32_t>(members.size());
            members.emplace_back();
        }
        members[static_cast<std::size_t>(candidate[r])].push_back(s);
    }
    // Offsets by breadth-first search over the hops inside each group; a hop that
    // disagrees means the group wraps around the box.
    std::vector<std::uint8_t> placed(n, 0);
    for (const auto& group : members) {
        const std::uint32_t r = root[group.front()];
        bool wraps = false;
        for (const std::uint32_t start : group) {
            if (placed[start]) continue;
            placed[start] = 1;
            std::vector<std::uint32_t> queue{start};
            for (std::size_t head = 0; head < queue.size() && !wraps; ++head) {
                const std::uint32_t s = queue[head];
                for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h) {
                    const std::uint32_t t = table.hop_target[h];
                    if (root[t] != r) continue;
                    const Eigen::Vector3d expected = partition.offset_A[s] + table.displacement_A(h);
                    if (!placed[t]) {
                        placed[t] = 1;
                        partition.offset_A[t] = expected;
                        queue.push_back(t);
                    } else if ((partition.offset_A[t] - expected).norm() > 1e-6) {
                        wraps = true;
                        break;
                    }
                }
            }
            if (wraps) break;
        }
        if (wraps) continue;
        const auto b = static_cast<std::int32_t>(partition.basin_begin.size() - 1);
        for (std::size_t k = 0; k < group.size(); ++k) {
            partition.basin_of_site[group[k]] = b;
            partition.local_index[group[k]] = static_cast<std::uint8_t>(k);
            partition.basin_sites.push_back(group[k]);
        }
        partition.basin_begin.push_back(static_cast<std::uint32_t>(partition.basin_sites.size()));
    }
    return partition.num_basins();
}

void append(std::string& key, const void* data, std::size_t bytes) {
    key.append(static_cast<const char*>(data), bytes);
}

// What a basin's chain depends on, in its local site order, as a byte string.
std::string basin_signature(const HopTable& table, const BasinPartition& partition, std::uint32_t b) {
    std::string key;
    for (std::uint32_t k = partition.basin_begin[b]; k < partition.basin_begin[b + 1]; ++k) {
        const std::uint32_t s = partition.basin_sites[k];
        double exit_rate = 0.0;
        for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h) {
            const std::uint32_t t = table.hop_target[h];
            if (partition.basin_of_site[t] != static_cast<std::int32_t>(b)) {
                exit_rate += table.hop_rate_Hz[h];
                continue;
            }
            append(key, &partition.local_index[t], 1);
            append(key, &table.hop_rate_Hz[h], sizeof(double));
            if (table.has_exclusions()) append(key, &table.hop_endpoints_exclude[h], 1);
        }
        append(key, &exit_rate, sizeof(double));
        if (table.has_exclusions()) {
            for (std::uint32_t e = table.exclusion_begin[s]; e < table.exclusion_begin[s + 1]; ++e) {
                append(key, &partition.local_index[table.exclusion_partner[e]], 1);
            }
        }
        key.push_back('|');
    }
    return key;
}

void assign_types(const HopTable& table, BasinPartition& partition) {
    std::unordered_map<std::string, std::uint32_t> types;
    partition.basin_type.resize(partition.num_basins());
    for (std::uint32_t b = 0; b < partition.num_basins(); ++b) {
        const auto [it, inserted] =
            types.emplace(basin_signature(table, partition, b), static_cast<std::uint32_t>(types.size()));
        partition.basin_type[b] = it->second;
    }
}

}  // namespace

void AccelerationOptions::validate() const {
    if (!(std::isfinite(min_rate_ratio) && min_rate_ratio > 1.0)) {
        throw Error("acceleration: min_rate_ratio must be finite and > 1");
    }
    if (max_basin_sites < 2 || max_basin_sites > 64)
        throw Error("acceleration: max_basin_sites must be in [2, 64]");
    if (max_basin_ions < 1 || max_basin_ions > 10)
        throw Error("acceleration: max_basin_ions must be in [1, 10]");
    if (max_basin_states < 2) throw Error("acceleration: max_basin_states must be >= 2");
}

BasinPartition find_basins(const HopTable& table, const AccelerationOptions& options) {
    options.validate();
    if (table.has_interactions()) {
        throw Error(
            "acceleration: the table has pair interactions, whose rates change with the neighbours; "
            "run without acceleration");
    }
    const std::vector<double> pair_rate = pair_rates(table);
    std::vector<double> distinct = pair_rate;
    std::sort(distinct.begin(), distinct.end(), std::greater<>());
    distinct.erase(std::unique(distinct.begin(), distinct.end(),
                               [](double a, double b) { return std::abs(a - b) <= 1e-9 * a; }),
                   distinct.end());
    // Gaps from the widest down; the first that yields a basin wins.
    std::vector<std::size_t> gaps;
    for (std::size_t k = 0; k + 1 < distinct.size(); ++k) {
        if (distinct[k] >= options.min_rate_ratio * distinct[k + 1]) gaps.push_back(k);
    }
    // Widest first; on a tie the faster threshold (std::sort with a full order: stable_sort's
    // temporary buffer trips AddressSanitizer's alloc-dealloc check with libstdc++ 12).
    std::sort(gaps.begin(), gaps.end(), [&](std::size_t a, std::size_t b) {
        const double wa = distinct[a] / distinct[a + 1];
        const double wb = distinct[b] / distinct[b + 1];
        return wa != wb ? wa > wb : a < b;
    });
    BasinPartition partition;
    for (const std::size_t k : gaps) {
        if (partition_at(table, pair_rate, distinct[k], options, partition) > 0) {
            partition.fast_pair_rate_Hz = distinct[k];
            partition.slow_pair_rate_Hz = distinct[k + 1];
            assign_types(table, partition);
            return partition;
        }
    }
    return BasinPartition{};
}

bool basins_pay(const BasinPartition& partition, const HopTable& table, std::size_t ions,
                const AccelerationOptions& options) {
    if (partition.empty()) return false;
    std::size_t mobile = 0;
    for (const auto m : table.site_mobile) mobile += m;
    if (mobile == 0) return false;
    const double filling = static_cast<double>(ions) / static_cast<double>(mobile);
    std::size_t fitting = 0;
    for (std::size_t b = 0; b < partition.num_basins(); ++b) {
        const std::size_t sites = partition.basin_begin[b + 1] - partition.basin_begin[b];
        const auto expected = static_cast<std::size_t>(std::lround(filling * static_cast<double>(sites)));
        if (expected > options.max_basin_ions) continue;
        double arrangements = 1.0;
        for (std::size_t k = 0; k < expected; ++k) arrangements *= static_cast<double>(sites - k);
        if (arrangements <= static_cast<double>(options.max_basin_states)) ++fitting;
    }
    return 2 * fitting >= partition.num_basins();
}

}  // namespace ionhop::engine
