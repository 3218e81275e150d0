#pragma once
// Ions on sites such that no two sites exclude each other (an independent set of the
// exclusion graph). Random sequential placement jams well below the densest packing of
// lattices such as garnet (Li7 of at most Li7.5); local search then grows the set with
// (1,2)-swaps (Andrade, Resende, Werneck, J. Heuristics 18, 525 (2012)) and random
// (1,1)-moves that keep the set valid. Every step is local: O(exclusion partners).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ionhop/engine/hop_table.hpp"
#include "ionhop/engine/random_stream.hpp"

namespace ionhop::engine {

class ExclusionPacking {
public:
    explicit ExclusionPacking(const HopTable& table);

    std::size_t size() const { return sites_.size(); }
    const std::vector<std::uint32_t>& sites() const { return sites_; }
    // Mobile, empty and not excluded by any ion.
    bool is_free(std::uint32_t site) const;
    void add(std::uint32_t site);

    // Tries to reach `target` ions within `max_steps` local moves.
    void grow_by_local_search(std::size_t target, RandomStream& stream, std::size_t max_steps);

private:
    void remove(std::uint32_t site);
    bool exclude_each_other(std::uint32_t a, std::uint32_t b) const;
    void fill_around(std::uint32_t site, std::size_t target);

    const HopTable& table_;
    std::vector<std::uint32_t> sites_;       // occupied sites
    std::vector<std::uint32_t> position_;    // index in sites_, or npos
    std::vector<std::uint32_t> tightness_;   // occupied exclusion partners per site
    std::vector<std::uint32_t> candidates_;  // scratch
};

}  // namespace ionhop::engine
