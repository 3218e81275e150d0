// The committed fuzz corpora (fuzz/corpus/<reader>/: seeds from the repository's own files
// and the inputs that found bugs, minimised) replayed through the entry point each fuzz
// target feeds (fuzz/*_fuzz.cpp): every input ends in a result or an ionhop::Error, never in
// another exception. Without the fuzzer, so every normal build keeps the bugs fixed.
#include <gtest/gtest.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ionhop/core/error.hpp"
#include "ionhop/materials/lattice_file.hpp"
#include "ionhop/materials/structure_import.hpp"
#include "ionhop/runs/run_config.hpp"

namespace ionhop {
namespace {

const std::filesystem::path kCorpus =
    std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "fuzz" / "corpus";

// What fuzz/<reader>_fuzz.cpp does with its input.
void read_as(const std::string& reader, const std::string& text) {
    if (reader == "lattice_file") {
        materials::parse_lattice_text(text, "fuzz.toml");
    } else if (reader == "run_config") {
        runs::parse_run_config(text, "fuzz.toml", "/nonexistent/ionhop-fuzz");
    } else {
        materials::ImportOptions options;
        options.format = reader;
        materials::parse_structure_text(text, reader == "cif" ? "fuzz.cif" : "POSCAR", options);
    }
}

std::vector<std::filesystem::path> inputs_of(const std::string& reader) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(kCorpus / reader)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

class FuzzCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzCorpus, EveryInputEndsInAResultOrAnIonhopError) {
    const std::string reader = GetParam();
    const std::vector<std::filesystem::path> files = inputs_of(reader);
    ASSERT_FALSE(files.empty()) << "no inputs in " << (kCorpus / reader);
    std::size_t read = 0;
    for (const std::filesystem::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        try {
            read_as(reader, text);
            ++read;
        } catch (const Error& error) {
            EXPECT_GT(std::string(error.what()).size(), 0u) << file;
        } catch (const std::exception& error) {
            ADD_FAILURE() << file << ": escaped as a non-ionhop exception: " << error.what();
        } catch (...) {
            ADD_FAILURE() << file << ": escaped as an unknown exception";
        }
    }
    // The seeds are real files of the repository: some must read, or the replay is broken.
    EXPECT_GT(read, 0u) << "no input of " << reader << " was read";
}

INSTANTIATE_TEST_SUITE_P(Readers, FuzzCorpus,
                         ::testing::Values("lattice_file", "run_config", "cif", "poscar"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace ionhop
