#include "ionhop/engine/state_archive.hpp"

#include <cstring>
#include <type_traits>

#include "ionhop/core/error.hpp"

namespace ionhop::engine {

const StateArchive::Entry& StateArchive::entry(const std::string& name) const {
    const auto found = entries_.find(name);
    if (found == entries_.end())
        throw Error(source_ + ": no entry '" + name + "' (written by another version?)");
    return found->second;
}

const std::string& StateArchive::text(const std::string& name) const {
    const auto* value = std::get_if<std::string>(&entry(name));
    if (value == nullptr) wrong_type(name);
    return *value;
}

void StateArchive::wrong_type(const std::string& name) const {
    throw Error(source_ + ": entry '" + name + "' has the wrong type (written by another version?)");
}

void StateArchive::wrong_size(const std::string& name, std::size_t size, std::size_t expected) const {
    throw Error(source_ + ": entry '" + name + "' holds " + std::to_string(size) + " values where " +
                std::to_string(expected) + " are expected (another lattice or run?)");
}

void StateArchive::put_all(const std::string& prefix, const StateArchive& other) {
    for (const auto& [name, value] : other.entries_) entries_[prefix + name] = value;
}

StateArchive StateArchive::subset(const std::string& prefix) const {
    StateArchive part(source_);
    for (auto it = entries_.lower_bound(prefix); it != entries_.end() && it->first.rfind(prefix, 0) == 0;
         ++it) {
        part.entries_[it->first.substr(prefix.size())] = it->second;
    }
    return part;
}

namespace {

constexpr char magic[8] = {'I', 'O', 'N', 'H', 'O', 'P', 'S', '1'};

void append(std::vector<char>& bytes, const void* data, std::size_t size) {
    if (size == 0) return;
    const std::size_t at = bytes.size();
    bytes.resize(at + size);
    std::memcpy(bytes.data() + at, data, size);
}

void append_count(std::vector<char>& bytes, std::uint64_t value) { append(bytes, &value, sizeof value); }

class Reader {
public:
    Reader(const std::vector<char>& bytes, const std::string& source) : bytes_(bytes), source_(source) {}
    void read(void* data, std::size_t size) {
        if (size > bytes_.size() - at_) throw Error(source_ + ": archive bytes end too early");
        std::memcpy(data, bytes_.data() + at_, size);
        at_ += size;
    }
    std::uint64_t count() {
        std::uint64_t value = 0;
        read(&value, sizeof value);
        return value;
    }
    std::size_t left() const { return bytes_.size() - at_; }

private:
    const std::vector<char>& bytes_;
    const std::string& source_;
    std::size_t at_ = 0;
};

template <typename T>
std::vector<T> read_array(Reader& reader, const std::string& source) {
    const std::uint64_t count = reader.count();
    if (count > reader.left() / sizeof(T)) throw Error(source + ": archive array longer than its bytes");
    std::vector<T> values(count);
    if (count > 0) reader.read(values.data(), count * sizeof(T));
    return values;
}

}  // namespace

std::vector<char> StateArchive::to_bytes() const {
    std::vector<char> bytes;
    append(bytes, magic, sizeof magic);
    append_count(bytes, entries_.size());
    for (const auto& [name, entry] : entries_) {
        append_count(bytes, name.size());
        append(bytes, name.data(), name.size());
        bytes.push_back(static_cast<char>(entry.index()));
        std::visit(
            [&bytes](const auto& values) {
                using Value = typename std::decay_t<decltype(values)>::value_type;
                append_count(bytes, values.size());
                append(bytes, values.data(), values.size() * sizeof(Value));
            },
            entry);
    }
    return bytes;
}

StateArchive StateArchive::from_bytes(const std::vector<char>& bytes, std::string source) {
    StateArchive archive(std::move(source));
    const std::string& where = archive.source_;
    Reader reader(bytes, where);
    char head[sizeof magic];
    reader.read(head, sizeof head);
    if (std::memcmp(head, magic, sizeof magic) != 0) throw Error(where + ": not an ionhop state archive");
    const std::uint64_t entries = reader.count();
    for (std::uint64_t e = 0; e < entries; ++e) {
        const std::uint64_t length = reader.count();
        if (length > reader.left()) throw Error(where + ": archive name longer than its bytes");
        std::string name(length, '\0');
        reader.read(name.data(), length);
        char type = 0;
        reader.read(&type, 1);
        switch (type) {
            case 0:
                archive.put(name, read_array<std::uint8_t>(reader, where));
                break;
            case 1:
                archive.put(name, read_array<std::int32_t>(reader, where));
                break;
            case 2:
                archive.put(name, read_array<std::uint32_t>(reader, where));
                break;
            case 3:
                archive.put(name, read_array<std::int64_t>(reader, where));
                break;
            case 4:
                archive.put(name, read_array<std::uint64_t>(reader, where));
                break;
            case 5:
                archive.put(name, read_array<double>(reader, where));
                break;
            case 6: {
                const auto text = read_array<char>(reader, where);
                archive.put_text(name, std::string(text.begin(), text.end()));
                break;
            }
            default:
                throw Error(where + ": archive entry '" + name + "' has an unknown type");
        }
    }
    if (reader.left() != 0) throw Error(where + ": bytes left after the archive");
    return archive;
}

}  // namespace ionhop::engine
