#pragma once
#include "ionhop/models/rate_model.hpp"

namespace ionhop::models {

// Pair energy between ions on sites whose distance lies in [min_A, max_A] (e.g. a
// nearest-neighbour Li-Li repulsion: max_A just above the nearest distance). Positive is
// repulsive.
class PairInteraction : public RateTerm {
public:
    PairInteraction(double min_A, double max_A, double energy_eV);
    std::string describe() const override;
    void apply(ModelAssembly& assembly) const override;

private:
    double min_A_, max_A_, energy_eV_;
};

}  // namespace ionhop::models
