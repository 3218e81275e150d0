#include <cmath>
#include <sstream>

#include "builders/builders.hpp"
#include "ionhop/core/error.hpp"
#include "ionhop/lattices/test_lattices.hpp"

namespace ionhop::lattices {
namespace {

void check_options(const TestLatticeOptions& options, std::string_view name) {
    std::ostringstream out;
    out << "test lattice '" << name << "': ";
    if (!std::isfinite(options.hop_length_A) || options.hop_length_A <= 0.0) {
        out << "hop length " << options.hop_length_A << " A must be a finite number > 0";
    } else if (!std::isfinite(options.barrier_eV) || options.barrier_eV < 0.0) {
        out << "barrier " << options.barrier_eV << " eV must be a finite number >= 0";
    } else if (!std::isfinite(options.attempt_frequency_Hz) || options.attempt_frequency_Hz <= 0.0) {
        out << "attempt frequency " << options.attempt_frequency_Hz << " Hz must be a finite number > 0";
    } else {
        return;
    }
    throw Error(out.str());
}

}  // namespace

const std::vector<TestLatticeInfo>& test_lattices() {
    // One line per lattice; each is defined in its own file in builders/.
    static const std::vector<TestLatticeInfo> lattices = {
        builders::chain_lattice(),      builders::square_lattice(),       builders::honeycomb_lattice(),
        builders::triangular_lattice(), builders::simple_cubic_lattice(), builders::bcc_lattice(),
        builders::fcc_lattice(),        builders::diamond_lattice(),
    };
    return lattices;
}

const TestLatticeInfo& find_test_lattice(std::string_view name) {
    std::string valid;
    for (const TestLatticeInfo& info : test_lattices()) {
        if (info.name == name) {
            return info;
        }
        valid += (valid.empty() ? "" : ", ") + info.name;
    }
    throw Error("unknown test lattice '" + std::string(name) + "'; valid names: " + valid);
}

LatticeGraph build_test_lattice(std::string_view name, const TestLatticeOptions& options) {
    const TestLatticeInfo& info = find_test_lattice(name);
    check_options(options, name);
    return info.build(options);
}

}  // namespace ionhop::lattices
