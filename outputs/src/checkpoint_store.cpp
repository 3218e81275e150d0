// Checkpoint folders of HDF5 archives (checkpoint_store.hpp).
#include "ionhop/outputs/checkpoint_store.hpp"

#include <hdf5.h>

#include <cstdint>
#include <vector>

#include "hdf5_fields.hpp"
#include "ionhop/core/error.hpp"

namespace ionhop::outputs {

namespace fs = std::filesystem;
using engine::StateArchive;
using hdf5_fields::check;
using hdf5_fields::Handle;

namespace {

const char* const manifest_name = "manifest";

template <typename T>
void array_dataset(hid_t file, const std::string& name, const std::vector<T>& values, hid_t file_type,
                   hid_t memory_type) {
    const hsize_t size = values.size();
    Handle space(H5Screate_simple(1, &size, nullptr), H5Sclose, "space of " + name);
    Handle data(H5Dcreate2(file, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                H5Dclose, "dataset " + name);
    if (!values.empty())
        check(H5Dwrite(data, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name);
}

Handle string_type() {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
    check(H5Tset_size(type, H5T_VARIABLE), "string size");
    check(H5Tset_cset(type, H5T_CSET_UTF8), "string encoding");
    return type;
}

void text_dataset(hid_t file, const std::string& name, const std::string& text) {
    Handle type = string_type();
    Handle space(H5Screate(H5S_SCALAR), H5Sclose, "scalar space");
    Handle data(H5Dcreate2(file, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
                "dataset " + name);
    const char* value = text.c_str();
    check(H5Dwrite(data, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value), name);
}

template <typename T>
std::vector<T> read_array(hid_t data, hid_t memory_type, const std::string& what) {
    Handle space(H5Dget_space(data), H5Sclose, "space of " + what);
    const int rank = H5Sget_simple_extent_ndims(space);
    if (rank != 1) throw Error(what + " is not a 1-D array");
    hsize_t size = 0;
    H5Sget_simple_extent_dims(space, &size, nullptr);
    std::vector<T> values(size);
    if (size > 0 && H5Dread(data, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
        throw Error("cannot read " + what);
    return values;
}

std::string read_text(hid_t data, const std::string& what) {
    Handle type = string_type();
    char* value = nullptr;
    if (H5Dread(data, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value) < 0 || value == nullptr)
        throw Error("cannot read " + what);
    std::string text(value);
    H5free_memory(value);
    return text;
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* names) {
    static_cast<std::vector<std::string>*>(names)->emplace_back(name);
    return 0;
}

void put_entry(StateArchive& archive, hid_t file, const std::string& name) {
    Handle data = hdf5_fields::open_dataset(file, name);
    Handle type(H5Dget_type(data), H5Tclose, "type of " + name);
    const H5T_class_t type_class = H5Tget_class(type);
    const std::size_t size = H5Tget_size(type);
    const bool is_signed = type_class == H5T_INTEGER && H5Tget_sign(type) == H5T_SGN_2;
    const std::string what = "entry " + name;
    if (type_class == H5T_STRING) {
        archive.put_text(name, read_text(data, what));
    } else if (type_class == H5T_FLOAT && size == 8) {
        archive.put(name, read_array<double>(data, H5T_NATIVE_DOUBLE, what));
    } else if (type_class == H5T_INTEGER && size == 1 && !is_signed) {
        archive.put(name, read_array<std::uint8_t>(data, H5T_NATIVE_UINT8, what));
    } else if (type_class == H5T_INTEGER && size == 4) {
        if (is_signed) {
            archive.put(name, read_array<std::int32_t>(data, H5T_NATIVE_INT32, what));
        } else {
            archive.put(name, read_array<std::uint32_t>(data, H5T_NATIVE_UINT32, what));
        }
    } else if (type_class == H5T_INTEGER && size == 8) {
        if (is_signed) {
            archive.put(name, read_array<std::int64_t>(data, H5T_NATIVE_INT64, what));
        } else {
            archive.put(name, read_array<std::uint64_t>(data, H5T_NATIVE_UINT64, what));
        }
    } else {
        throw Error(what + " has a type no checkpoint writes");
    }
}

StateArchive manifest(const std::string& run, const std::string& version) {
    StateArchive m;
    m.put_count("format", engine::checkpoint_format_version);
    m.put_text("ionhop_version", version);
    m.put_count("run_fingerprint", engine::text_fingerprint(run));
    m.put_text("run", run);
    return m;
}

}  // namespace

void write_archive(const fs::path& path, const StateArchive& archive) {
    hdf5_fields::write_file(path, [&](hid_t file) {
        for (const auto& [name, entry] : archive.entries()) {
            std::visit(
                [&, &name = name](const auto& value) {
                    using T = std::decay_t<decltype(value)>;
                    if constexpr (std::is_same_v<T, std::string>) {
                        text_dataset(file, name, value);
                    } else if constexpr (std::is_same_v<T, std::vector<std::uint8_t>>) {
                        array_dataset(file, name, value, H5T_STD_U8LE, H5T_NATIVE_UINT8);
                    } else if constexpr (std::is_same_v<T, std::vector<std::int32_t>>) {
                        array_dataset(file, name, value, H5T_STD_I32LE, H5T_NATIVE_INT32);
                    } else if constexpr (std::is_same_v<T, std::vector<std::uint32_t>>) {
                        array_dataset(file, name, value, H5T_STD_U32LE, H5T_NATIVE_UINT32);
                    } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
                        array_dataset(file, name, value, H5T_STD_I64LE, H5T_NATIVE_INT64);
                    } else if constexpr (std::is_same_v<T, std::vector<std::uint64_t>>) {
                        array_dataset(file, name, value, H5T_STD_U64LE, H5T_NATIVE_UINT64);
                    } else {
                        array_dataset(file, name, value, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
                    }
                },
                entry);
        }
    });
}

StateArchive read_archive(const fs::path& path) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become ionhop::Error, not stderr dumps
    StateArchive archive(path.string());
    try {
        Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "file");
        std::vector<std::string> names;
        if (H5Literate(file, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_name, &names) < 0)
            throw Error("cannot list the entries");
        for (const auto& name : names) put_entry(archive, file, name);
    } catch (const Error& error) {
        throw Error(path.string() + ": not a readable checkpoint file (" + error.what() +
                    "); remove the checkpoint folder or run without --resume to start afresh");
    }
    return archive;
}

CheckpointFolder::CheckpointFolder(fs::path folder, double interval_s)
    : folder_(std::move(folder)), interval_s_(interval_s) {
    if (!(interval_s >= 0.0)) throw Error("checkpoint interval must be >= 0 s");
}

std::shared_ptr<CheckpointFolder> CheckpointFolder::start(const fs::path& folder, const std::string& run,
                                                          const std::string& version, double interval_s) {
    std::shared_ptr<CheckpointFolder> store(new CheckpointFolder(folder, interval_s));
    std::error_code error;
    // Only a folder this program made is replaced: a manifest, or nothing at all. Checked
    // now, replaced at the first save, so a run stopped by bad input leaves it as it was.
    if (fs::exists(folder, error) &&
        (!fs::is_directory(folder) ||
         (!fs::is_empty(folder) && !fs::exists(store->file_of(manifest_name))))) {
        throw Error(folder.string() + ": exists and is not a checkpoint folder; give another output prefix");
    }
    store->pending_manifest_ = manifest(run, version);
    return store;
}

void CheckpointFolder::begin_if_pending() {
    if (!pending_manifest_) return;
    std::error_code error;
    fs::remove_all(folder_, error);
    if (error) throw Error(folder_.string() + ": cannot remove the old checkpoint (" + error.message() + ")");
    fs::create_directories(folder_, error);
    if (error)
        throw Error(folder_.string() + ": cannot create the checkpoint folder (" + error.message() + ")");
    write_archive(file_of(manifest_name), *pending_manifest_);
    pending_manifest_.reset();
}

void CheckpointFolder::create_now() {
    std::lock_guard<std::mutex> lock(mutex_);
    begin_if_pending();
}

std::shared_ptr<CheckpointFolder> CheckpointFolder::resume(const fs::path& folder, const std::string& run,
                                                           const std::string& version, double interval_s) {
    return open_existing(
        folder, run, version, interval_s,
        "no checkpoint to resume (no " + std::string(manifest_name) + ".h5); run without --resume");
}

std::shared_ptr<CheckpointFolder> CheckpointFolder::join(const fs::path& folder, const std::string& run,
                                                         const std::string& version, double interval_s,
                                                         const std::string& process) {
    return open_existing(folder, run, version, interval_s,
                         "the checkpoint folder the first process created is not visible to " + process +
                             "; the processes of a run must share the filesystem of its output prefix (or "
                             "run with --checkpoint-every 0)");
}

std::shared_ptr<CheckpointFolder> CheckpointFolder::open_existing(const fs::path& folder,
                                                                  const std::string& run,
                                                                  const std::string& version,
                                                                  double interval_s,
                                                                  const std::string& when_missing) {
    std::shared_ptr<CheckpointFolder> store(new CheckpointFolder(folder, interval_s));
    const fs::path manifest_path = store->file_of(manifest_name);
    if (!fs::exists(manifest_path)) throw Error(folder.string() + ": " + when_missing);
    const StateArchive saved = read_archive(manifest_path);
    const StateArchive expected = manifest(run, version);
    const auto refuse = [&](const std::string& what) {
        throw Error(folder.string() + ": the checkpoint was written " + what +
                    "; it cannot be resumed (run without --resume to start afresh)");
    };
    if (!saved.contains("format") || saved.count("format") != expected.count("format"))
        refuse("in another checkpoint format");
    if (saved.text("ionhop_version") != expected.text("ionhop_version"))
        refuse("by ionhop " + saved.text("ionhop_version") + ", this is " + version);
    if (saved.count("run_fingerprint") != expected.count("run_fingerprint") || saved.text("run") != run)
        refuse("for another config");
    return store;
}

fs::path CheckpointFolder::file_of(const std::string& name) const { return folder_ / (name + ".h5"); }

std::optional<StateArchive> CheckpointFolder::load(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (pending_manifest_) return std::nullopt;  // a fresh run: an earlier run's files are not ours
    const fs::path path = file_of(name);
    if (!fs::exists(path)) return std::nullopt;
    return read_archive(path);
}

void CheckpointFolder::save(const std::string& name, const StateArchive& archive) {
    std::lock_guard<std::mutex> lock(mutex_);
    begin_if_pending();
    write_archive(file_of(name), archive);
}

void CheckpointFolder::remove(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (pending_manifest_) return;
    std::error_code ignored;
    fs::remove(file_of(name), ignored);
}

std::size_t CheckpointFolder::archives() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t count = 0;
    if (pending_manifest_) return count;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder_, error)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 3 && name.compare(name.size() - 3, 3, ".h5") == 0 && name != "manifest.h5") ++count;
    }
    return count;
}

void CheckpointFolder::discard() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (pending_manifest_) return;  // nothing of this run was written
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
}

}  // namespace ionhop::outputs
