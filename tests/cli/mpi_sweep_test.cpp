// `mpirun -n 2 ionhop sweep ...` spreads the points over two ranks and writes the same
// results as one process (docs/reliability.md, MPI). Built only with IONHOP_WITH_MPI.
#ifdef IONHOP_MPIEXEC
#include <gtest/gtest.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/run_ionhop.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<double> dataset(const fs::path& file, const std::string& name) {
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) return {};
    const hid_t d = H5Dopen2(f, name.c_str(), H5P_DEFAULT);
    std::vector<double> values;
    if (d >= 0) {
        const hid_t space = H5Dget_space(d);
        values.resize(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
        H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
        H5Sclose(space);
        H5Dclose(d);
    }
    H5Fclose(f);
    return values;
}

}  // namespace

TEST(CliMpi, SweepOnTwoRanksEqualsOneProcessBitForBit) {
    const fs::path folder = fs::temp_directory_path() / "ionhop-cli-test-mpi";
    fs::remove_all(folder);
    fs::create_directories(folder);
    // Four Ta contents in LLZO: every replica on its own dopant configuration.
    const std::string sweep =
        "sweep llzo --dopant Ta --x 0,0.25,0.5,0.75 --T 500,600 --supercell 1 1 1 --target-error 0.1 "
        "--seed 4 -o ";
    const auto one = ionhop::testing::run_ionhop(sweep + (folder / "one").string());
    ASSERT_EQ(one.status, 0) << one.output;
    // Root in CI containers: Open MPI refuses root unless told twice.
    const std::string mpirun = std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") +
                               IONHOP_MPIEXEC + " -n 2 --oversubscribe " + IONHOP_BINARY + " ";
    const auto two = ionhop::testing::run_command(mpirun + sweep + (folder / "two").string());
    ASSERT_EQ(two.status, 0) << two.output;
    // Both ranks ran points (two each), and rank 0 ran no replica again.
    const auto note = two.output.find("points spread over 2 ranks; rank 0 gathered ");
    ASSERT_NE(note, std::string::npos) << two.output;
    EXPECT_EQ(two.output.find(" + 0 replicas"), std::string::npos) << two.output;
    EXPECT_EQ(two.output.find("gathered 0 +"), std::string::npos) << two.output;
    EXPECT_NE(two.output.find("ran 0 again"), std::string::npos) << two.output;

    const std::string rows = ionhop::testing::csv_rows(folder / "one.csv");
    ASSERT_NE(rows.find("sigma_S_per_cm"), std::string::npos) << rows;
    EXPECT_EQ(ionhop::testing::csv_rows(folder / "two.csv"), rows);
    std::vector<std::string> names = {"/summary/sigma_first_T", "/summary/sigma_first_T_err",
                                      "/summary/activation_energy_eV", "/summary/activation_energy_err_eV"};
    for (const char* point : {"0", "1", "2", "3"}) {
        for (const char* column : {"sigma", "sigma_err", "tracer_D", "collective_D", "haven_ratio"})
            names.push_back(std::string("/points/") + point + "/" + column);
    }
    for (const std::string& name : names) {
        const auto a = dataset(folder / "one.h5", name);
        EXPECT_FALSE(a.empty()) << name;
        EXPECT_EQ(dataset(folder / "two.h5", name), a) << name;
    }
    fs::remove_all(folder);
}
#endif
