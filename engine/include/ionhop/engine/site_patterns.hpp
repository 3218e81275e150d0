#pragma once
// The hop table of a periodic lattice, folded by translation: sites whose hops look the
// same relative to the site (same targets as index offsets, same rate classes, same hop
// shifts, same site class) share one pattern. A supercell of a unit cell with M sites
// has at most 27 M patterns (interior, faces, edges, corners of the box), so the whole
// table fits in the first-level cache and the hot loop reads, per site, one pattern id
// instead of a row of each per-hop array (a lattice of 10^5+ sites leaves the cache).
// Lattices without translation symmetry still work: each site gets its own pattern.
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "ionhop/engine/hop_shifts.hpp"
#include "ionhop/engine/hop_table.hpp"

namespace ionhop::engine {

class SitePatterns {
public:
    struct Slot {
        std::uint32_t target_offset;  // target - site, modulo 2^32 (exact for any index)
        std::uint32_t shift;          // index into shift_A(): 0 unless the hop crosses the box
        std::uint8_t rate_class;
        std::uint8_t reverse_rate_class;  // rate class of the hop back
    };

    SitePatterns() = default;
    // class_of_hop and reverse_class_of_hop as in PreparedTable; displacements are read as
    // position differences plus the shifts of `shifts` (hop_shifts.hpp).
    SitePatterns(const HopTable& table, const std::vector<std::uint8_t>& class_of_hop,
                 const std::vector<std::uint8_t>& reverse_class_of_hop, const HopShifts& shifts);

    // Pattern of each site, stored in the narrowest of 1, 2 or 4 bytes that holds every
    // id (a simple-cubic supercell needs 1): the hot loop is templated on the width.
    std::size_t id_bytes() const { return !ids8_.empty() ? 1 : !ids16_.empty() ? 2 : 4; }
    template <typename Id>
    const Id* pattern_ids() const;
    std::uint32_t pattern_of(std::uint32_t site) const {
        return !ids8_.empty() ? ids8_[site] : !ids16_.empty() ? ids16_[site] : ids32_[site];
    }
    void prefetch_pattern_of(std::uint32_t site) const {
        if (!ids8_.empty()) {
            __builtin_prefetch(&ids8_[site]);
        } else if (!ids16_.empty()) {
            __builtin_prefetch(&ids16_[site]);
        } else {
            __builtin_prefetch(&ids32_[site]);
        }
    }
    // Hop slots of a pattern: [0, degree); slot k of a site is its k-th hop in the table.
    std::uint32_t degree(std::uint32_t pattern) const { return degree_[pattern]; }
    const Slot* slots(std::uint32_t pattern) const { return &slots_[std::size_t{pattern} * stride_]; }
    std::int32_t site_class(std::uint32_t pattern) const { return site_class_[pattern]; }
    static std::uint32_t target(std::uint32_t site, const Slot& slot) { return site + slot.target_offset; }
    // The part of a hop's displacement that positions do not give (Angstrom).
    const Eigen::Vector3d& shift_A(std::uint32_t shift) const { return shift_A_[shift]; }

    std::size_t num_patterns() const { return degree_.size(); }
    std::size_t memory_bytes() const;

private:
    std::uint32_t stride_ = 0;  // slots per pattern: the largest out-degree
    std::vector<std::uint8_t> ids8_;
    std::vector<std::uint16_t> ids16_;
    std::vector<std::uint32_t> ids32_;
    std::vector<std::uint32_t> degree_;
    std::vector<std::int32_t> site_class_;
    std::vector<Slot> slots_;
    std::vector<Eigen::Vector3d> shift_A_;
};

template <>
inline const std::uint8_t* SitePatterns::pattern_ids<std::uint8_t>() const {
    return ids8_.data();
}
template <>
inline const std::uint16_t* SitePatterns::pattern_ids<std::uint16_t>() const {
    return ids16_.data();
}
template <>
inline const std::uint32_t* SitePatterns::pattern_ids<std::uint32_t>() const {
    return ids32_.data();
}

}  // namespace ionhop::engine
