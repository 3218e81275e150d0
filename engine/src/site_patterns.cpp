#include "ionhop/engine/site_patterns.hpp"

#include <algorithm>
#include <unordered_map>

namespace ionhop::engine {

namespace {

// A site's hops relative to the site, as words: class, degree, then per hop its offset,
// shift and the two rate classes.
using Signature = std::vector<std::uint32_t>;

struct SignatureHash {
    std::size_t operator()(const Signature& words) const {
        std::uint64_t hash = 14695981039346656037ull;  // FNV-1a over the words
        for (const std::uint32_t w : words) hash = (hash ^ w) * 1099511628211ull;
        return static_cast<std::size_t>(hash);
    }
};

}  // namespace

SitePatterns::SitePatterns(const HopTable& table, const std::vector<std::uint8_t>& class_of_hop,
                           const std::vector<std::uint8_t>& reverse_class_of_hop, const HopShifts& shifts)
    : shift_A_(shifts.shift_A) {
    const auto n = static_cast<std::uint32_t>(table.num_sites());
    for (std::uint32_t s = 0; s < n; ++s)
        stride_ = std::max(stride_, table.hop_begin[s + 1] - table.hop_begin[s]);
    std::vector<std::uint32_t> pattern_of_site(n);
    std::unordered_map<Signature, std::uint32_t, SignatureHash> pattern_of_signature;
    Signature key;  // reused: a site of a known pattern costs no allocation
    for (std::uint32_t s = 0; s < n; ++s) {
        key.clear();
        key.push_back(static_cast<std::uint32_t>(table.site_class[s]));
        key.push_back(table.hop_begin[s + 1] - table.hop_begin[s]);
        for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h) {
            key.push_back(table.hop_target[h] - s);
            key.push_back(shifts.shift_of_hop[h]);
            key.push_back(class_of_hop[h] | (std::uint32_t{reverse_class_of_hop[h]} << 8));
        }
        const auto found = pattern_of_signature.find(key);
        if (found != pattern_of_signature.end()) {
            pattern_of_site[s] = found->second;
            continue;
        }
        const auto id = static_cast<std::uint32_t>(degree_.size());
        pattern_of_signature.emplace(key, id);
        pattern_of_site[s] = id;
        degree_.push_back(key[1]);
        site_class_.push_back(table.site_class[s]);
        slots_.resize(slots_.size() + stride_);
        Slot* slot = &slots_[std::size_t{id} * stride_];
        for (std::uint32_t h = table.hop_begin[s]; h < table.hop_begin[s + 1]; ++h, ++slot) {
            *slot = Slot{table.hop_target[h] - s, shifts.shift_of_hop[h], class_of_hop[h],
                         reverse_class_of_hop[h]};
        }
    }
    if (degree_.size() <= 0x100) {
        ids8_.assign(pattern_of_site.begin(), pattern_of_site.end());
    } else if (degree_.size() <= 0x10000) {
        ids16_.assign(pattern_of_site.begin(), pattern_of_site.end());
    } else {
        ids32_ = std::move(pattern_of_site);
    }
}

std::size_t SitePatterns::memory_bytes() const {
    return ids8_.capacity() + ids16_.capacity() * sizeof(std::uint16_t) +
           (ids32_.capacity() + degree_.capacity()) * sizeof(std::uint32_t) +
           site_class_.capacity() * sizeof(std::int32_t) + slots_.capacity() * sizeof(Slot) +
           shift_A_.capacity() * sizeof(Eigen::Vector3d);
}

}  // namespace ionhop::engine
