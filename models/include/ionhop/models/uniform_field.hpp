#pragma once
#include <Eigen/Dense>

#include "ionhop/models/rate_model.hpp"

namespace ionhop::models {

// A uniform electric field (V/cm): the ion's energy -q E.r biases every hop by
// exp(+q E.dr / 2kT) (see ../shared ORACLES.md, linear response).
class UniformField : public RateTerm {
public:
    explicit UniformField(const Eigen::Vector3d& field_V_per_cm);
    std::string describe() const override;
    void apply(ModelAssembly& assembly) const override;

private:
    Eigen::Vector3d field_V_per_cm_;
};

}  // namespace ionhop::models
