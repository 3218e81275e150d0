#pragma once
#include <string>

#include "ionhop/models/rate_model.hpp"

namespace ionhop::models {

// Shifts the energy of every site of one class (eV), e.g. the octahedral-tetrahedral
// site-energy difference of a garnet.
class SiteClassEnergy : public RateTerm {
public:
    SiteClassEnergy(std::string site_class, double shift_eV);
    std::string describe() const override;
    void apply(ModelAssembly& assembly) const override;

private:
    std::string site_class_;
    double shift_eV_;
};

}  // namespace ionhop::models
