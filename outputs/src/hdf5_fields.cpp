// The pieces of the HDF5 writers (hdf5_fields.hpp).
#include "hdf5_fields.hpp"

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/core/error.hpp"

namespace ionhop::outputs::hdf5_fields {
namespace {

Handle string_type() {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
    check(H5Tset_size(type, H5T_VARIABLE), "string size");
    check(H5Tset_cset(type, H5T_CSET_UTF8), "string encoding");
    return type;
}

template <typename T>
void number_attribute(hid_t object, const std::string& name, T value, hid_t type) {
    Handle space(H5Screate(H5S_SCALAR), H5Sclose, "scalar space");
    Handle attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                     "attribute " + name);
    check(H5Awrite(attribute, type, &value), "attribute " + name);
}

}  // namespace

Handle::Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close) {
    if (id_ < 0) throw Error("HDF5: cannot create " + what);
}

void check(herr_t status, const std::string& what) {
    if (status < 0) throw Error("HDF5: cannot write " + what);
}

Handle group(hid_t parent, const std::string& name) {
    return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                  "group " + name);
}

Handle open_dataset(hid_t parent, const std::string& name) {
    return Handle(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "dataset " + name);
}

void text_attribute(hid_t object, const std::string& name, const std::string& value) {
    Handle type = string_type();
    Handle space(H5Screate(H5S_SCALAR), H5Sclose, "scalar space");
    Handle attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                     "attribute " + name);
    const char* text = value.c_str();
    check(H5Awrite(attribute, type, &text), "attribute " + name);
}

void real_attribute(hid_t object, const std::string& name, double value) {
    number_attribute(object, name, value, H5T_NATIVE_DOUBLE);
}

void integer_attribute(hid_t object, const std::string& name, long long value) {
    number_attribute(object, name, value, H5T_NATIVE_LLONG);
}

void dataset(hid_t parent, const std::string& name, const std::vector<double>& values,
             const std::vector<hsize_t>& shape, const std::string& units) {
    Handle space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), H5Sclose,
                 "space of " + name);
    Handle data(
        H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        H5Dclose, "dataset " + name);
    if (!values.empty())
        check(H5Dwrite(data, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name);
    text_attribute(data, "units", units);
}

void vector_dataset(hid_t parent, const std::string& name, const std::vector<double>& values,
                    const std::string& units) {
    dataset(parent, name, values, {values.size()}, units);
}

void string_list(hid_t parent, const std::string& name, const std::vector<std::string>& items,
                 const std::string& units) {
    std::vector<const char*> texts;
    for (const std::string& item : items) texts.push_back(item.c_str());
    Handle type = string_type();
    const hsize_t count = items.size();
    Handle space(H5Screate_simple(1, &count, nullptr), H5Sclose, "space of " + name);
    Handle data(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                H5Dclose, "dataset " + name);
    if (!items.empty()) check(H5Dwrite(data, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()), name);
    if (!units.empty()) text_attribute(data, "units", units);
}

void composition_attributes(hid_t object, const runs::Prediction& p) {
    text_attribute(object, "material", p.material);
    integer_attribute(object, "ions", static_cast<long long>(p.ions));
    integer_attribute(object, "sites", static_cast<long long>(p.sites));
    real_attribute(object, "mobile_per_formula_unit", p.mobile_per_formula_unit);
    if (p.doping) {
        text_attribute(object, "dopant", p.doping->dopant);
        text_attribute(object, "dopant_host", p.doping->host);
        real_attribute(object, "dopant_per_formula_unit", p.doping->per_formula_unit);
        integer_attribute(object, "dopant_count", static_cast<long long>(p.doping->count));
        integer_attribute(object, "dopant_mobile_change", p.doping->mobile_change);
    }
    if (p.microstructure) {
        const runs::MicrostructureSummary& m = *p.microstructure;
        text_attribute(object, "microstructure", runs::microstructure_kind_name(m.kind));
        integer_attribute(object, "grains", static_cast<long long>(m.grains));
        real_attribute(object, "box_x_A", m.box_A.x());
        real_attribute(object, "box_y_A", m.box_A.y());
        real_attribute(object, "box_z_A", m.box_A.z());
        integer_attribute(object, "gb_sites", static_cast<long long>(m.gb_sites));
        integer_attribute(object, "boundary_hops", static_cast<long long>(m.boundary_hops));
    }
    if (!p.frozen_note.empty()) text_attribute(object, "frozen_note", p.frozen_note);
}

void table_datasets(hid_t parent, const runs::Prediction& p) {
    std::vector<double> t, sigma, sigma_err, tracer, tracer_err, collective, collective_err, haven, haven_err,
        from_lag_fit, converged;
    for (const runs::PredictionPoint& point : p.points) {
        const engine::TransportEstimate& e = point.estimate;
        t.push_back(point.temperature_K);
        sigma.push_back(e.sigma.value);
        sigma_err.push_back(e.sigma.standard_error);
        tracer.push_back(e.tracer_D.value);
        tracer_err.push_back(e.tracer_D.standard_error);
        collective.push_back(e.collective_D.value);
        collective_err.push_back(e.collective_D.standard_error);
        haven.push_back(e.haven_ratio.value);
        haven_err.push_back(e.haven_ratio.standard_error);
        from_lag_fit.push_back(e.collective_from_lag_fit ? 1.0 : 0.0);
        converged.push_back(e.collective_converged ? 1.0 : 0.0);
    }
    vector_dataset(parent, "temperature_K", t, "K");
    vector_dataset(parent, "sigma", sigma, "S/cm");
    vector_dataset(parent, "sigma_err", sigma_err, "S/cm");
    vector_dataset(parent, "tracer_D", tracer, "cm^2/s");
    vector_dataset(parent, "tracer_D_err", tracer_err, "cm^2/s");
    vector_dataset(parent, "collective_D", collective, "cm^2/s");
    vector_dataset(parent, "collective_D_err", collective_err, "cm^2/s");
    vector_dataset(parent, "haven_ratio", haven, "1");
    vector_dataset(parent, "haven_ratio_err", haven_err, "1");
    vector_dataset(parent, "collective_from_lag_fit", from_lag_fit, "1 = the lag fit, 0 = the windows");
    vector_dataset(parent, "collective_converged", converged, "1 = passed the whole-run check");
}

void write_arrhenius(hid_t parent, const runs::Prediction& p) {
    Handle arrhenius = group(parent, "arrhenius");
    text_attribute(arrhenius, "model",
                   "sigma*T = A exp(-E_a / (k_B T)), weighted least squares of ln(sigma T)");
    if (!p.arrhenius) {
        text_attribute(arrhenius, "note", p.arrhenius_note);
        return;
    }
    const engine::ArrheniusFit& fit = *p.arrhenius;
    real_attribute(arrhenius, "activation_energy_eV", fit.activation_energy_eV.value);
    real_attribute(arrhenius, "activation_energy_err_eV", fit.activation_energy_eV.standard_error);
    real_attribute(arrhenius, "prefactor_S_K_per_cm", fit.prefactor_S_K_per_cm);
    real_attribute(arrhenius, "ln_prefactor", fit.log_prefactor.value);
    real_attribute(arrhenius, "ln_prefactor_err", fit.log_prefactor.standard_error);
    real_attribute(arrhenius, "chi2", fit.chi2);
    integer_attribute(arrhenius, "degrees_of_freedom", fit.degrees_of_freedom);
    integer_attribute(arrhenius, "curvature_detected", fit.curvature_detected ? 1 : 0);
    if (fit.regime_break_K > 0.0) {
        real_attribute(arrhenius, "regime_break_K", fit.regime_break_K);
        real_attribute(arrhenius, "low_T_activation_energy_eV", fit.low_T_activation_energy_eV.value);
        real_attribute(arrhenius, "low_T_activation_energy_err_eV",
                       fit.low_T_activation_energy_eV.standard_error);
        real_attribute(arrhenius, "high_T_activation_energy_eV", fit.high_T_activation_energy_eV.value);
        real_attribute(arrhenius, "high_T_activation_energy_err_eV",
                       fit.high_T_activation_energy_eV.standard_error);
    }
}

void write_file(const std::filesystem::path& path, const std::function<void(hid_t file)>& fill) {
    const std::filesystem::path temporary = partial_path(path);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become ionhop::Error, not stderr dumps
    try {
        Handle file(H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                    "file " + path.string());
        fill(file);
    } catch (const Error& error) {
        discard_partial_file(path);
        throw Error(path.string() + ": " + error.what());
    } catch (...) {
        discard_partial_file(path);
        throw;
    }
    publish_partial_file(path);
}

}  // namespace ionhop::outputs::hdf5_fields
