#include "ionhop/engine/hop_table.hpp"

#include <cmath>
#include <string>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

namespace {

std::string hop_name(std::size_t hop, std::size_t from, std::size_t to) {
    return "hop " + std::to_string(hop) + " (site " + std::to_string(from) + " -> " + std::to_string(to) +
           ")";
}

void check_size(std::size_t actual, std::size_t expected, const char* field) {
    if (actual != expected) {
        throw Error(std::string("HopTable: ") + field + " has " + std::to_string(actual) +
                    " entries, expected " + std::to_string(expected));
    }
}

void check_csr(const std::vector<std::uint32_t>& begin, std::size_t sites, std::size_t entries,
               const char* field) {
    check_size(begin.size(), sites + 1, field);
    if (begin.front() != 0 || begin.back() != entries) {
        throw Error(std::string("HopTable: ") + field + " must start at 0 and end at " +
                    std::to_string(entries));
    }
    for (std::size_t s = 0; s < sites; ++s) {
        if (begin[s] > begin[s + 1]) {
            throw Error(std::string("HopTable: ") + field + " decreases at site " + std::to_string(s));
        }
    }
}

// Partner lists must be symmetric (s lists p iff p lists s, with the same value).
template <typename ValueOf>
void check_symmetric(const std::vector<std::uint32_t>& begin, const std::vector<std::uint32_t>& partner,
                     ValueOf value, const char* what) {
    const std::size_t sites = begin.size() - 1;
    for (std::size_t s = 0; s < sites; ++s) {
        for (std::uint32_t k = begin[s]; k < begin[s + 1]; ++k) {
            const std::uint32_t p = partner[k];
            if (p >= sites || p == s) {
                throw Error(std::string("HopTable: ") + what + " of site " + std::to_string(s) +
                            " names site " + std::to_string(p) + " (itself or out of range)");
            }
            bool found = false;
            for (std::uint32_t q = begin[p]; q < begin[p + 1] && !found; ++q) {
                found = partner[q] == s && value(q) == value(k);
            }
            if (!found) {
                throw Error(std::string("HopTable: ") + what + " between sites " + std::to_string(s) +
                            " and " + std::to_string(p) + " is not symmetric");
            }
        }
    }
}

template <typename T>
std::size_t bytes(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}

}  // namespace

std::size_t HopTable::memory_bytes() const {
    std::size_t total = bytes(site_class) + bytes(site_mobile) + bytes(site_position_A) + bytes(site_bin) +
                        bytes(hop_begin) + bytes(hop_target) + bytes(hop_vector) +
                        bytes(displacement_table_A) + bytes(hop_rate_Hz) + bytes(pair_begin) +
                        bytes(pair_partner) + bytes(pair_energy_eV) + bytes(hop_endpoint_pair_energy_eV) +
                        bytes(exclusion_begin) + bytes(exclusion_partner) + bytes(hop_endpoints_exclude);
    for (const auto& name : class_names) total += name.capacity();
    return total;
}

std::uint32_t HopTable::reverse_hop(std::uint32_t from, std::uint32_t hop) const {
    const std::uint32_t t = hop_target[hop];
    const Eigen::Vector3d& d = displacement_A(hop);
    for (std::uint32_t r = hop_begin[t]; r < hop_begin[t + 1]; ++r) {
        if (hop_target[r] == from && (displacement_A(r) + d).norm() <= 1e-9 * (1.0 + d.norm())) return r;
    }
    return static_cast<std::uint32_t>(num_hops());
}

void HopTable::validate() const {
    const std::size_t n = num_sites();
    const std::size_t hops = num_hops();
    if (n == 0) throw Error("HopTable: empty lattice (no sites)");
    if (hops == 0) throw Error("HopTable: the lattice has no hops, so no ion can ever move");
    if (!(std::isfinite(temperature_K) && temperature_K > 0.0)) {
        throw Error("HopTable: temperature must be finite and > 0 K, got " + std::to_string(temperature_K));
    }
    if (!(std::isfinite(volume_A3) && volume_A3 > 0.0)) {
        throw Error("HopTable: volume must be finite and > 0 A^3, got " + std::to_string(volume_A3));
    }
    if (!(std::isfinite(charge_e) && charge_e != 0.0)) {
        throw Error("HopTable: ion charge must be finite and non-zero, got " + std::to_string(charge_e));
    }
    if (!field_V_per_cm.allFinite()) throw Error("HopTable: electric field is not finite");
    if (transport_dimension < 1 || transport_dimension > 3) {
        throw Error("HopTable: transport dimension must be 1, 2 or 3");
    }
    check_size(site_mobile.size(), n, "site_mobile");
    if (!site_position_A.empty()) {
        check_size(site_position_A.size(), n, "site_position_A");
        for (std::size_t s = 0; s < n; ++s) {
            if (!site_position_A[s].allFinite()) {
                throw Error("HopTable: site " + std::to_string(s) + " has a non-finite position");
            }
        }
    }
    for (std::size_t s = 0; s < n; ++s) {
        if (site_class[s] < 0 || static_cast<std::size_t>(site_class[s]) >= class_names.size()) {
            throw Error("HopTable: site " + std::to_string(s) + " has an unknown site class index");
        }
    }
    if (!site_bin.empty()) {
        check_size(site_bin.size(), n, "site_bin");
        for (std::size_t s = 0; s < n; ++s) {
            if (site_bin[s] < 0 || site_bin[s] >= bin_count) {
                throw Error("HopTable: site " + std::to_string(s) +
                            " has a profile bin outside [0, bin_count)");
            }
        }
    }
    check_csr(hop_begin, n, hops, "hop_begin");
    check_size(hop_vector.size(), hops, "hop_vector");
    check_size(hop_rate_Hz.size(), hops, "hop_rate_Hz");

    for (std::size_t s = 0; s < n; ++s) {
        for (std::uint32_t h = hop_begin[s]; h < hop_begin[s + 1]; ++h) {
            const std::uint32_t t = hop_target[h];
            if (t >= n) throw Error("HopTable: " + hop_name(h, s, t) + " targets a site out of range");
            if (hop_vector[h] >= displacement_table_A.size()) {
                throw Error("HopTable: " + hop_name(h, s, t) + " has no displacement");
            }
            if (!(std::isfinite(hop_rate_Hz[h]) && hop_rate_Hz[h] > 0.0)) {
                throw Error("HopTable: " + hop_name(h, s, t) + " has rate " + std::to_string(hop_rate_Hz[h]) +
                            " Hz; rates must be finite and > 0");
            }
            if (!site_mobile[s] || !site_mobile[t]) {
                throw Error("HopTable: " + hop_name(h, s, t) + " touches a site that cannot hold an ion");
            }
            if (reverse_hop(s, h) == hops) {
                throw Error("HopTable: " + hop_name(h, s, t) +
                            " has no reverse hop; every hop needs one for detailed balance");
            }
        }
    }
    if (!pair_partner.empty()) {
        check_csr(pair_begin, n, pair_partner.size(), "pair_begin");
        check_size(pair_energy_eV.size(), pair_partner.size(), "pair_energy_eV");
        check_size(hop_endpoint_pair_energy_eV.size(), hops, "hop_endpoint_pair_energy_eV");
        for (const double v : pair_energy_eV) {
            if (!std::isfinite(v)) throw Error("HopTable: a pair interaction energy is not finite");
        }
        check_symmetric(
            pair_begin, pair_partner, [&](std::uint32_t k) { return pair_energy_eV[k]; }, "pair interaction");
    }
    if (!exclusion_partner.empty()) {
        check_csr(exclusion_begin, n, exclusion_partner.size(), "exclusion_begin");
        check_size(hop_endpoints_exclude.size(), hops, "hop_endpoints_exclude");
        check_symmetric(
            exclusion_begin, exclusion_partner, [](std::uint32_t) { return 0; }, "exclusion pair");
    }
}

}  // namespace ionhop::engine
