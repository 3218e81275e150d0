#pragma once
// Named arrays that hold the state of a run: what a checkpoint stores (replica_checkpoint.hpp)
// and what an engine saves and restores. The engine fills and reads archives; where they
// live (an HDF5 file, memory in tests) is the store's business. Reading checks the name,
// the type and, where asked, the size, and says which entry is wrong, so a checkpoint of
// another lattice or another version is refused instead of being half used.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ionhop::engine {

class StateArchive {
public:
    using Entry =
        std::variant<std::vector<std::uint8_t>, std::vector<std::int32_t>, std::vector<std::uint32_t>,
                     std::vector<std::int64_t>, std::vector<std::uint64_t>, std::vector<double>, std::string>;

    // `source` names where the archive came from (a file) in error messages.
    explicit StateArchive(std::string source = "state archive") : source_(std::move(source)) {}

    template <typename T>
    void put(const std::string& name, std::vector<T> values) {
        entries_[name] = std::move(values);
    }
    void put_text(const std::string& name, std::string text) { entries_[name] = std::move(text); }
    void put_real(const std::string& name, double value) { put(name, std::vector<double>{value}); }
    void put_count(const std::string& name, std::uint64_t value) {
        put(name, std::vector<std::uint64_t>{value});
    }

    bool contains(const std::string& name) const { return entries_.count(name) != 0; }
    // The entry as an array of T; ionhop::Error if it is missing, of another type or (when
    // `expected_size` is given) of another length.
    template <typename T>
    const std::vector<T>& get(const std::string& name) const {
        const auto* values = std::get_if<std::vector<T>>(&entry(name));
        if (values == nullptr) wrong_type(name);
        return *values;
    }
    template <typename T>
    const std::vector<T>& get(const std::string& name, std::size_t expected_size) const {
        const auto& values = get<T>(name);
        if (values.size() != expected_size) wrong_size(name, values.size(), expected_size);
        return values;
    }
    const std::string& text(const std::string& name) const;
    double real(const std::string& name) const { return get<double>(name, 1).front(); }
    std::uint64_t count(const std::string& name) const { return get<std::uint64_t>(name, 1).front(); }

    // Copies every entry of `other` under `prefix` (e.g. "sim.").
    void put_all(const std::string& prefix, const StateArchive& other);
    // The entries whose names start with `prefix`, with the prefix removed.
    StateArchive subset(const std::string& prefix) const;

    const std::map<std::string, Entry>& entries() const { return entries_; }

    // The archive as one block of bytes (to send between processes) and back; from_bytes
    // throws ionhop::Error naming `source` for bytes that are not an archive.
    std::vector<char> to_bytes() const;
    static StateArchive from_bytes(const std::vector<char>& bytes, std::string source);
    const std::string& source() const { return source_; }

private:
    const Entry& entry(const std::string& name) const;
    [[noreturn]] void wrong_type(const std::string& name) const;
    [[noreturn]] void wrong_size(const std::string& name, std::size_t size, std::size_t expected) const;

    std::string source_;
    std::map<std::string, Entry> entries_;
};

}  // namespace ionhop::engine
