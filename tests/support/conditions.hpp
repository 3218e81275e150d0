#pragma once
// Model conditions at a temperature, everything else default (no field, charge +1).
#include "ionhop/models/compile.hpp"

namespace ionhop::testing {

inline models::Conditions at_temperature(double temperature_K) {
    models::Conditions conditions;
    conditions.temperature_K = temperature_K;
    return conditions;
}

}  // namespace ionhop::testing
