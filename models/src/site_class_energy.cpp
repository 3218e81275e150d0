#include "ionhop/models/site_class_energy.hpp"

#include <cmath>
#include <set>
#include <sstream>
#include <utility>

#include "ionhop/core/error.hpp"

namespace ionhop::models {

SiteClassEnergy::SiteClassEnergy(std::string site_class, double shift_eV)
    : site_class_(std::move(site_class)), shift_eV_(shift_eV) {
    if (!std::isfinite(shift_eV)) {
        throw Error("site class energy: shift for class '" + site_class_ + "' must be finite (eV)");
    }
}

std::string SiteClassEnergy::describe() const {
    std::ostringstream out;
    out << "site energy of class '" << site_class_ << "' shifted by " << shift_eV_ << " eV";
    return out.str();
}

void SiteClassEnergy::apply(ModelAssembly& assembly) const {
    bool found = false;
    for (std::size_t s = 0; s < assembly.num_supercell_sites(); ++s) {
        if (assembly.unit.site(assembly.unit_site_of(s)).site_class == site_class_) {
            assembly.site_energy_eV[s] += shift_eV_;
            found = true;
        }
    }
    if (found) return;
    std::set<std::string> classes;
    for (std::size_t i = 0; i < assembly.unit.num_sites(); ++i)
        classes.insert(assembly.unit.site(i).site_class);
    std::string valid;
    for (const auto& c : classes) valid += (valid.empty() ? "" : ", ") + c;
    throw Error("site class energy: no site of class '" + site_class_ + "'; classes are: " + valid);
}

}  // namespace ionhop::models
