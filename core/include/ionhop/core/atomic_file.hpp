#pragma once
// Files appear complete or not at all: writers fill `<path>.partial` and publish it by
// renaming, so a killed run never leaves a file that looks finished.
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "ionhop/core/error.hpp"

namespace ionhop {

inline std::filesystem::path partial_path(const std::filesystem::path& path) {
    std::filesystem::path temporary = path;
    temporary += ".partial";
    return temporary;
}

// Renames the finished temporary file to `path`; removes it and throws if that fails.
inline void publish_partial_file(const std::filesystem::path& path) {
    const std::filesystem::path temporary = partial_path(path);
    std::error_code error;
    if (!std::filesystem::exists(temporary, error)) throw Error(path.string() + ": the file was not written");
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw Error(path.string() + ": cannot write the file (rename failed)");
    }
}

inline void discard_partial_file(const std::filesystem::path& path) {
    std::error_code ignored;
    std::filesystem::remove(partial_path(path), ignored);
}

inline void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
    {
        std::ofstream out(partial_path(path), std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            discard_partial_file(path);
            throw Error(path.string() + ": cannot write the file");
        }
    }
    publish_partial_file(path);
}

}  // namespace ionhop
