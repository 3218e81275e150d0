#pragma once
// A rate model is an ordered list of terms; each term edits the ModelAssembly (adds
// pair interactions, shifts site energies, sets the field, ...). New physics is a new
// term in its own file: see pair_interaction.hpp, exclusion.hpp, uniform_field.hpp,
// site_class_energy.hpp.
//
// Rates follow the kinetically resolved barrier picture (Van der Ven, Ceder, Asta,
// Tepesch, PRB 64, 184307 (2001)): k = nu exp(-(E_KRA + dE/2) / kT), with dE the energy
// change of the hop, which makes every pair of reverse hops obey detailed balance.
#include <memory>
#include <string>
#include <vector>

#include "ionhop/models/model_assembly.hpp"

namespace ionhop::models {

class RateTerm {
public:
    virtual ~RateTerm() = default;
    virtual std::string describe() const = 0;
    virtual void apply(ModelAssembly& assembly) const = 0;
};

class RateModel {
public:
    RateModel& add(std::shared_ptr<const RateTerm> term);
    template <typename Term, typename... Args>
    RateModel& add(Args&&... args) {
        return add(std::make_shared<const Term>(std::forward<Args>(args)...));
    }
    const std::vector<std::shared_ptr<const RateTerm>>& terms() const { return terms_; }

private:
    std::vector<std::shared_ptr<const RateTerm>> terms_;
};

}  // namespace ionhop::models
