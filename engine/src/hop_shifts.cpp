#include "ionhop/engine/hop_shifts.hpp"

#include <map>
#include <tuple>

namespace ionhop::engine {

namespace {

// Every site placed by a walk over the hops (breadth first) from the lowest unplaced site.
std::vector<Eigen::Vector3d> walk_positions(const HopTable& table) {
    const std::size_t n = table.num_sites();
    std::vector<Eigen::Vector3d> position(n, Eigen::Vector3d::Zero());
    std::vector<std::uint8_t> placed(n, 0);
    std::vector<std::uint32_t> queue;
    queue.reserve(n);
    for (std::uint32_t root = 0; root < n; ++root) {
        if (placed[root]) continue;
        placed[root] = 1;
        queue.assign(1, root);
        for (std::size_t next = 0; next < queue.size(); ++next) {
            const std::uint32_t s = queue[next];
            for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h) {
                const std::uint32_t t = table.hop_target[h];
                if (placed[t]) continue;
                placed[t] = 1;
                position[t] = position[s] + table.displacement_A(h);
                queue.push_back(t);
            }
        }
    }
    return position;
}

// Shifts equal within negligible_shift_A share one entry: they are the same translation
// computed from different positions.
class ShiftIndex {
public:
    explicit ShiftIndex(std::vector<Eigen::Vector3d>& shifts) : shifts_(shifts) {
        shifts_.assign(1, Eigen::Vector3d::Zero());
    }
    std::uint32_t operator()(const Eigen::Vector3d& shift) {
        if (shift.norm() < negligible_shift_A) return 0;
        const Key key = key_of(shift);
        const auto same_cell = index_.find(key);
        if (same_cell != index_.end() && (shifts_[same_cell->second] - shift).norm() < negligible_shift_A)
            return same_cell->second;
        // A shift near a grid boundary may sit in a neighbouring cell.
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy)
                for (int dz = -1; dz <= 1; ++dz) {
                    const auto found =
                        index_.find({std::get<0>(key) + dx, std::get<1>(key) + dy, std::get<2>(key) + dz});
                    if (found != index_.end() && (shifts_[found->second] - shift).norm() < negligible_shift_A)
                        return found->second;
                }
        const auto id = static_cast<std::uint32_t>(shifts_.size());
        shifts_.push_back(shift);
        index_.emplace(key, id);
        return id;
    }

private:
    using Key = std::tuple<long long, long long, long long>;
    // Clamped so that a huge (finite) shift cannot overflow the integer key; keys that
    // collide are told apart by the distance test.
    static Key key_of(const Eigen::Vector3d& shift) {
        const Eigen::Vector3d cell =
            (shift / negligible_shift_A).array().floor().cwiseMax(-1e18).cwiseMin(1e18);
        return {static_cast<long long>(cell.x()), static_cast<long long>(cell.y()),
                static_cast<long long>(cell.z())};
    }
    std::vector<Eigen::Vector3d>& shifts_;
    std::map<Key, std::uint32_t> index_;
};

}  // namespace

HopShifts find_hop_shifts(const HopTable& table) {
    HopShifts result;
    if (table.site_position_A.empty()) result.walked_position_A = walk_positions(table);
    const auto& position = table.site_position_A.empty() ? result.walked_position_A : table.site_position_A;
    ShiftIndex index(result.shift_A);
    result.shift_of_hop.resize(table.num_hops());
    for (std::uint32_t s = 0; s < table.num_sites(); ++s) {
        for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h) {
            const Eigen::Vector3d shift =
                table.displacement_A(h) - (position[table.hop_target[h]] - position[s]);
            result.shift_of_hop[h] = index(shift);
        }
    }
    return result;
}

}  // namespace ionhop::engine
