#pragma once
#include "ionhop/models/rate_model.hpp"

namespace ionhop::models {

// Sites closer than max_A may not both hold an ion (blocking pairs, e.g. the 1.73 A
// 16h-16h pairs of LGPS). The lattice's own topological exclusion pairs always apply.
class ExclusionWithin : public RateTerm {
public:
    explicit ExclusionWithin(double max_A);
    std::string describe() const override;
    void apply(ModelAssembly& assembly) const override;

private:
    double max_A_;
};

}  // namespace ionhop::models
