#include "occupancy_setup.hpp"

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

void fill_occupancy(const HopTable& table, const std::vector<std::uint32_t>& ion_sites,
                    std::vector<std::uint8_t>& occupied, std::vector<std::int32_t>& ion_at,
                    std::vector<std::uint32_t>& blocked_by) {
    const std::size_t n = table.num_sites();
    occupied.assign(n, 0);
    ion_at.assign(n, -1);
    for (std::size_t i = 0; i < ion_sites.size(); ++i) {
        occupied[ion_sites[i]] = 1;
        ion_at[ion_sites[i]] = static_cast<std::int32_t>(i);
    }
    blocked_by.clear();
    if (!table.has_exclusions()) return;
    blocked_by.assign(n, 0);
    for (std::size_t s = 0; s < n; ++s) {
        for (std::uint32_t k = table.exclusion_begin[s]; k < table.exclusion_begin[s + 1]; ++k) {
            blocked_by[s] += occupied[table.exclusion_partner[k]];
        }
    }
}

void save_ions(StateArchive& archive, const std::vector<std::uint8_t>& occupied,
               const std::vector<std::int32_t>& ion_at, const std::vector<std::uint32_t>& ion_site,
               const std::vector<Eigen::Vector3d>& displacement_A,
               const std::vector<std::uint32_t>& blocked_by) {
    archive.put("occupied", occupied);
    archive.put("ion_at", ion_at);
    archive.put("ion_site", ion_site);
    std::vector<double> displacements;
    displacements.reserve(3 * displacement_A.size());
    for (const auto& d : displacement_A) displacements.insert(displacements.end(), d.data(), d.data() + 3);
    archive.put("displacement_A", std::move(displacements));
    archive.put("blocked_by", blocked_by);
}

void restore_ions(const StateArchive& archive, const IonArrays& ions) {
    const std::size_t n = ions.occupied.size();
    const std::size_t count = ions.ion_site.size();
    ions.occupied = archive.get<std::uint8_t>("occupied", n);
    ions.ion_at = archive.get<std::int32_t>("ion_at", ions.ion_at.size());
    ions.ion_site = archive.get<std::uint32_t>("ion_site", count);
    const auto& displacements = archive.get<double>("displacement_A", 3 * count);
    for (std::size_t i = 0; i < count; ++i) ions.displacement_A[i] = Eigen::Vector3d(&displacements[3 * i]);
    ions.blocked_by = archive.get<std::uint32_t>("blocked_by", ions.blocked_by.size());
    std::size_t occupied_sites = 0;
    for (const std::uint8_t o : ions.occupied) occupied_sites += o != 0;
    bool consistent = occupied_sites == count;
    for (std::size_t i = 0; i < count && consistent; ++i) {
        const std::uint32_t site = ions.ion_site[i];
        consistent = site < n && ions.occupied[site] == 1 &&
                     (ions.ion_at.empty() || ions.ion_at[site] == static_cast<std::int32_t>(i));
    }
    if (!consistent)
        throw Error(archive.source() + ": the saved ions and occupied sites disagree (corrupt checkpoint)");
}

}  // namespace ionhop::engine
