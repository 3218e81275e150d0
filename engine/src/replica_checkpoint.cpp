#include "ionhop/engine/replica_checkpoint.hpp"

#include <xxhash.h>

#include <memory>

namespace ionhop::engine {

namespace {

// XXH3 over the fields in a fixed order, each preceded by its length so that moving a
// value from one array to the next changes the fingerprint.
class Fingerprint {
public:
    Fingerprint() : state_(XXH3_createState(), XXH3_freeState) { XXH3_64bits_reset(state_.get()); }
    void add_bytes(const void* data, std::size_t bytes) { XXH3_64bits_update(state_.get(), data, bytes); }
    template <typename T>
    void add(const std::vector<T>& values) {
        add_value(static_cast<std::uint64_t>(values.size()));
        if (!values.empty()) add_bytes(values.data(), values.size() * sizeof(T));
    }
    template <typename T>
    void add_value(const T& value) {
        add_bytes(&value, sizeof(T));
    }
    std::uint64_t digest() const { return XXH3_64bits_digest(state_.get()); }

private:
    std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state_;
};

}  // namespace

std::uint64_t table_fingerprint(const HopTable& table) {
    Fingerprint f;
    f.add(table.site_class);
    f.add_value(static_cast<std::uint64_t>(table.class_names.size()));
    for (const auto& name : table.class_names) f.add(std::vector<char>(name.begin(), name.end()));
    f.add(table.site_mobile);
    f.add_value(static_cast<std::uint64_t>(table.site_position_A.size()));
    for (const auto& r : table.site_position_A) f.add_bytes(r.data(), 3 * sizeof(double));
    f.add(table.site_bin);
    f.add_value(table.bin_count);
    f.add(table.hop_begin);
    f.add(table.hop_target);
    f.add(table.hop_vector);
    f.add_value(static_cast<std::uint64_t>(table.displacement_table_A.size()));
    for (const auto& d : table.displacement_table_A) f.add_bytes(d.data(), 3 * sizeof(double));
    f.add(table.hop_rate_Hz);
    f.add(table.pair_begin);
    f.add(table.pair_partner);
    f.add(table.pair_energy_eV);
    f.add(table.hop_endpoint_pair_energy_eV);
    f.add(table.exclusion_begin);
    f.add(table.exclusion_partner);
    f.add(table.hop_endpoints_exclude);
    f.add_value(table.temperature_K);
    f.add_value(table.volume_A3);
    f.add_value(table.charge_e);
    f.add_bytes(table.field_V_per_cm.data(), 3 * sizeof(double));
    f.add_value(table.transport_dimension);
    return f.digest();
}

std::uint64_t text_fingerprint(const std::string& text) { return XXH3_64bits(text.data(), text.size()); }

}  // namespace ionhop::engine
