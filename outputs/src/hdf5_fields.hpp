#pragma once
// The pieces of the HDF5 writers (hdf5_writer.cpp, sweep_hdf5_writer.cpp): identifiers that
// close themselves, attributes, datasets with a "units" attribute, the per-temperature
// table and the Arrhenius fit of a prediction, its resistance splits, and the file written under a temporary
// name.
#include <hdf5.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "ionhop/runs/prediction.hpp"
#include "ionhop/runs/resistance_split.hpp"

namespace ionhop::outputs::hdf5_fields {

// Owns one HDF5 identifier and closes it with the matching call.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what);
    Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = -1; }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() {
        if (id_ >= 0) close_(id_);
    }
    operator hid_t() const { return id_; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

void check(herr_t status, const std::string& what);  // throws ionhop::Error when status < 0

Handle group(hid_t parent, const std::string& name);
Handle open_dataset(hid_t parent, const std::string& name);

// Strings are variable-length UTF-8, so h5py reads str rather than bytes.
void text_attribute(hid_t object, const std::string& name, const std::string& value);
void real_attribute(hid_t object, const std::string& name, double value);
void integer_attribute(hid_t object, const std::string& name, long long value);

// A double dataset of the given shape (row-major values) with its "units" attribute.
void dataset(hid_t parent, const std::string& name, const std::vector<double>& values,
             const std::vector<hsize_t>& shape, const std::string& units);
void vector_dataset(hid_t parent, const std::string& name, const std::vector<double>& values,
                    const std::string& units);
// A 1-D dataset of strings; a "units" attribute only when `units` is not empty.
void string_list(hid_t parent, const std::string& name, const std::vector<std::string>& items,
                 const std::string& units = {});

// Attributes material, ions, sites, mobile_per_formula_unit and, with a dopant, dopant,
// dopant_host, dopant_per_formula_unit, dopant_count, dopant_mobile_change.
void composition_attributes(hid_t object, const runs::Prediction& p);
// temperature_K, sigma, sigma_err, tracer_D, tracer_D_err, collective_D, collective_D_err,
// haven_ratio, haven_ratio_err: one value per temperature, in `parent`.
void table_datasets(hid_t parent, const runs::Prediction& p);
// The group `arrhenius` in `parent`: the fit as attributes, or its note.
void write_arrhenius(hid_t parent, const runs::Prediction& p);

// A measurement per row of `rows` as two datasets, `name` and `name_err`.
template <class Row, class Pick>
void measurement_column(hid_t parent, const std::string& name, const std::vector<Row>& rows, const Pick& pick,
                        const std::string& units) {
    std::vector<double> values, errors;
    for (const Row& row : rows) {
        const engine::Measurement m = pick(row);
        values.push_back(m.value);
        errors.push_back(m.standard_error);
    }
    vector_dataset(parent, name, values, units);
    vector_dataset(parent, name + "_err", errors, units);
}

template <class Row>
void temperature_column(hid_t parent, const std::vector<Row>& rows) {
    std::vector<double> temperatures;
    for (const Row& row : rows) temperatures.push_back(row.temperature_K);
    vector_dataset(parent, "temperature_K", temperatures, "K");
}

// The groups `stack_resistance` (a layer stack's ASR split over temperature, a group per
// layer under `layers`) and `grain_boundary_resistance` (the brick-layer split) in
// `parent`, each only when the split has it (hdf5_resistance_split.cpp).
void write_resistance_split(hid_t parent, const runs::ResistanceSplit& split);

// Creates the file under its temporary name, lets `fill` write it and renames it when
// complete; on an error removes the temporary file and throws ionhop::Error naming `path`.
void write_file(const std::filesystem::path& path, const std::function<void(hid_t file)>& fill);

}  // namespace ionhop::outputs::hdf5_fields
