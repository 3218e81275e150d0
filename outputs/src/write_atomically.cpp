#include <fstream>
#include <system_error>

#include "ionhop/core/error.hpp"
#include "ionhop/outputs/run_record.hpp"

namespace ionhop::outputs {

void write_atomically(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::path temporary = path;
    temporary += ".partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw Error(path.string() + ": cannot write the file");
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw Error(path.string() + ": cannot write the file (rename failed)");
    }
}

}  // namespace ionhop::outputs
