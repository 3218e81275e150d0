#include "ionhop/engine/state_archive.hpp"

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

}  // namespace ionhop::engine
