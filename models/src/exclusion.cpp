#include "ionhop/models/exclusion.hpp"

#include <cmath>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/neighbours.hpp"

namespace ionhop::models {

ExclusionWithin::ExclusionWithin(double max_A) : max_A_(max_A) {
    if (!(std::isfinite(max_A) && max_A > 0.0)) {
        throw Error("exclusion: distance " + std::to_string(max_A) + " A must be finite and > 0");
    }
}

std::string ExclusionWithin::describe() const {
    std::ostringstream out;
    out << "sites closer than " << max_A_ << " A exclude each other";
    return out.str();
}

void ExclusionWithin::apply(ModelAssembly& assembly) const {
    for (const auto& pair : lattices::find_pairs_within(assembly.unit, 0.0, max_A_)) {
        assembly.exclusions.push_back(UnitPair{pair.first, pair.second, pair.image, 0.0});
    }
}

}  // namespace ionhop::models
