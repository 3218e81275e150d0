#include "ionhop/models/pair_interaction.hpp"

#include <cmath>
#include <sstream>

#include "ionhop/core/error.hpp"
#include "ionhop/lattices/neighbours.hpp"

namespace ionhop::models {

PairInteraction::PairInteraction(double min_A, double max_A, double energy_eV)
    : min_A_(min_A), max_A_(max_A), energy_eV_(energy_eV) {
    if (!(std::isfinite(min_A) && std::isfinite(max_A) && min_A >= 0.0 && max_A > min_A)) {
        throw Error("pair interaction: distance window [" + std::to_string(min_A) + ", " +
                    std::to_string(max_A) + "] A is invalid; need 0 <= min < max, finite");
    }
    if (!std::isfinite(energy_eV)) throw Error("pair interaction: energy must be finite (eV)");
}

std::string PairInteraction::describe() const {
    std::ostringstream out;
    out << "pair interaction " << energy_eV_ << " eV for distances in [" << min_A_ << ", " << max_A_ << "] A";
    return out.str();
}

void PairInteraction::apply(ModelAssembly& assembly) const {
    for (const auto& pair : lattices::find_pairs_within(assembly.unit, min_A_, max_A_)) {
        assembly.interactions.push_back(UnitPair{pair.first, pair.second, pair.image, energy_eV_});
    }
}

}  // namespace ionhop::models
