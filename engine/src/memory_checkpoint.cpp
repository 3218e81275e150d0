#include "ionhop/engine/memory_checkpoint.hpp"

#include <limits>

namespace ionhop::engine {

double MemoryCheckpoint::snapshot_interval_s() const { return std::numeric_limits<double>::infinity(); }

std::optional<StateArchive> MemoryCheckpoint::load(const std::string& name) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto found = archives_.find(name);
    if (found == archives_.end()) return std::nullopt;
    return found->second;
}

void MemoryCheckpoint::save(const std::string& name, const StateArchive& archive) {
    if (name.find(".running") != std::string::npos) return;  // see the header
    const std::lock_guard<std::mutex> lock(mutex_);
    archives_.insert_or_assign(name, archive);
}

void MemoryCheckpoint::remove(const std::string& name) {
    const std::lock_guard<std::mutex> lock(mutex_);
    archives_.erase(name);
}

// One archive holding each archive's bytes under its name.
std::vector<char> MemoryCheckpoint::to_bytes() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    StateArchive all;
    for (const auto& [name, archive] : archives_) {
        const std::vector<char> bytes = archive.to_bytes();
        all.put(name, std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
    }
    return all.to_bytes();
}

void MemoryCheckpoint::add_bytes(const std::vector<char>& bytes, const std::string& source) {
    const StateArchive all = StateArchive::from_bytes(bytes, source);
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& item : all.entries()) {
        const std::string& name = item.first;
        const auto& inner = all.get<std::uint8_t>(name);
        archives_.insert_or_assign(
            name,
            StateArchive::from_bytes(std::vector<char>(inner.begin(), inner.end()), source + ": " + name));
    }
}

std::size_t MemoryCheckpoint::size() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return archives_.size();
}

}  // namespace ionhop::engine
