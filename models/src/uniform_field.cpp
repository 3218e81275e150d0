#include "ionhop/models/uniform_field.hpp"

#include <sstream>

#include "ionhop/core/error.hpp"

namespace ionhop::models {

UniformField::UniformField(const Eigen::Vector3d& field_V_per_cm) : field_V_per_cm_(field_V_per_cm) {
    if (!field_V_per_cm.allFinite()) throw Error("uniform field: components must be finite (V/cm)");
}

std::string UniformField::describe() const {
    std::ostringstream out;
    out << "uniform field (" << field_V_per_cm_.x() << ", " << field_V_per_cm_.y() << ", "
        << field_V_per_cm_.z() << ") V/cm";
    return out.str();
}

void UniformField::apply(ModelAssembly& assembly) const {
    assembly.conditions.field_V_per_cm += field_V_per_cm_;
}

}  // namespace ionhop::models
