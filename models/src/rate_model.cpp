#include "ionhop/models/rate_model.hpp"

#include "ionhop/core/error.hpp"

namespace ionhop::models {

RateModel& RateModel::add(std::shared_ptr<const RateTerm> term) {
    if (!term) throw Error("RateModel::add: null rate term");
    terms_.push_back(std::move(term));
    return *this;
}

}  // namespace ionhop::models
