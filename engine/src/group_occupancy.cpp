#include "ionhop/engine/group_occupancy.hpp"

namespace ionhop::engine {

void GroupOccupancy::reset(const std::vector<std::int32_t>& group_of_site, std::size_t groups,
                           const std::vector<std::uint8_t>& occupied, double time_s) {
    count_.assign(groups, 0);
    sites_.assign(groups, 0);
    for (std::size_t s = 0; s < group_of_site.size(); ++s) {
        ++sites_[group_of_site[s]];
        count_[group_of_site[s]] += occupied[s];
    }
    restart(time_s);
}

void GroupOccupancy::restart(double time_s) {
    origin_s_ = time_s;
    integral_.assign(count_.size(), 0.0);
    last_change_s_.assign(count_.size(), time_s);
}

std::vector<double> GroupOccupancy::mean(double time_s) const {
    std::vector<double> occupancy(count_.size(), 0.0);
    const double span = time_s - origin_s_;
    for (std::size_t g = 0; g < count_.size(); ++g) {
        if (sites_[g] == 0) continue;
        const double count = static_cast<double>(count_[g]);
        const double integral = integral_[g] + count * (time_s - last_change_s_[g]);
        occupancy[g] = (span > 0.0 ? integral / span : count) / static_cast<double>(sites_[g]);
    }
    return occupancy;
}

void GroupOccupancy::save(StateArchive& archive, const std::string& prefix) const {
    archive.put(prefix + "count", count_);
    archive.put(prefix + "sites", sites_);
    archive.put(prefix + "integral", integral_);
    archive.put(prefix + "last_change_s", last_change_s_);
    archive.put_real(prefix + "origin_s", origin_s_);
}

void GroupOccupancy::restore(const StateArchive& archive, const std::string& prefix) {
    const std::size_t groups = count_.size();
    count_ = archive.get<std::int64_t>(prefix + "count", groups);
    sites_ = archive.get<std::int64_t>(prefix + "sites", groups);
    integral_ = archive.get<double>(prefix + "integral", groups);
    last_change_s_ = archive.get<double>(prefix + "last_change_s", groups);
    origin_s_ = archive.real(prefix + "origin_s");
}

}  // namespace ionhop::engine
