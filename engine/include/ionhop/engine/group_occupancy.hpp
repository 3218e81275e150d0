#pragma once
// Time-averaged occupancy of groups of sites (site classes, slabs of a profile): O(1) per
// hop, updated only when an ion changes group.
#include <cstdint>
#include <string>
#include <vector>

#include "ionhop/engine/state_archive.hpp"

namespace ionhop::engine {

class GroupOccupancy {
public:
    // `group_of_site[s]` in [0, groups); `occupied[s]` 0 or 1.
    void reset(const std::vector<std::int32_t>& group_of_site, std::size_t groups,
               const std::vector<std::uint8_t>& occupied, double time_s);
    // Starts the averages at time_s, keeping the counts.
    void restart(double time_s);
    // Inline: called on every hop.
    void move(std::int32_t from_group, std::int32_t to_group, double time_s) {
        if (from_group == to_group) return;
        for (const std::int32_t g : {from_group, to_group}) {
            integral_[g] += static_cast<double>(count_[g]) * (time_s - last_change_s_[g]);
            last_change_s_[g] = time_s;
        }
        --count_[from_group];
        ++count_[to_group];
    }
    // Moves `duration_s` of one ion's occupied time from one group to another, counts
    // unchanged: the accelerated engine knows an ion's path inside a basin only after the
    // stay, and replaces the group it was counted in by a sample of where it was.
    void shift(std::int32_t from_group, std::int32_t to_group, double duration_s) {
        integral_[from_group] -= duration_s;
        integral_[to_group] += duration_s;
    }
    // Fraction of each group's sites occupied, averaged since restart (the current value
    // when no time has passed).
    std::vector<double> mean(double time_s) const;

    // Counts and averages under `prefix` in a checkpoint archive; restore needs the same
    // number of groups (ionhop::Error otherwise).
    void save(StateArchive& archive, const std::string& prefix) const;
    void restore(const StateArchive& archive, const std::string& prefix);

private:
    std::vector<std::int64_t> count_;
    std::vector<std::int64_t> sites_;
    std::vector<double> integral_;
    std::vector<double> last_change_s_;
    double origin_s_ = 0.0;
};

}  // namespace ionhop::engine
