// `mpirun -n 2 ionhop sweep ...` spreads the points over two ranks and writes the same
// results as one process (docs/reliability.md, MPI). Built only with IONHOP_WITH_MPI.
#ifdef IONHOP_MPIEXEC
#include <gtest/gtest.h>
#include <hdf5.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
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

// Root in CI containers: Open MPI refuses root unless told twice.
std::string mpirun(int ranks) {
    return std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") + IONHOP_MPIEXEC +
           " -n " + std::to_string(ranks) + " --oversubscribe " + IONHOP_BINARY + " ";
}

// The processes of session `session` (pid, from /proc), zombies left out.
std::vector<pid_t> session_members(pid_t session) {
    std::vector<pid_t> members;
    for (const auto& entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        if (!std::getline(stat, line)) continue;
        // pid (comm) state ppid pgrp session ...; comm may hold spaces: read after its ')'.
        std::istringstream rest(line.substr(line.rfind(')') + 1));
        std::string state;
        long ppid = 0, group = 0, sid = 0;
        if (rest >> state >> ppid >> group >> sid && sid == session && state != "Z")
            members.push_back(static_cast<pid_t>(std::stol(name)));
    }
    return members;
}

// Runs `command` (a shell line) in a session of its own and, after `delay`, kills every
// process of it with SIGKILL (mpirun and all its ranks at once, as a crash of the job
// would); true if it was still running then.
bool run_and_kill_session(const std::string& command, std::chrono::milliseconds delay) {
    std::string shell = "/bin/sh", flag = "-c", line = "exec env " + command + " > /dev/null 2>&1";
    char* argv[] = {shell.data(), flag.data(), line.data(), nullptr};
    const pid_t child = fork();
    if (child == 0) {
        setsid();
        execv(argv[0], argv);
        _exit(127);
    }
    std::this_thread::sleep_for(delay);
    int status = 0;
    const bool running = waitpid(child, &status, WNOHANG) == 0;
    for (int round = 0; round < 100; ++round) {  // until no process of the session is left
        const std::vector<pid_t> members = session_members(child);
        if (members.empty()) break;
        for (const pid_t member : members) kill(member, SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (running) waitpid(child, &status, 0);
    return running;
}

std::size_t saved_replicas(const fs::path& checkpoint) {
    std::size_t count = 0;
    if (!fs::is_directory(checkpoint)) return count;
    for (const auto& entry : fs::directory_iterator(checkpoint)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 8 && name.substr(name.size() - 8) == ".done.h5") ++count;
    }
    return count;
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
    const auto two = ionhop::testing::run_command(mpirun(2) + sweep + (folder / "two").string());
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
TEST(CliMpi, SweepKilledUnderMpiResumesToTheSingleProcessResults) {
    const fs::path folder = fs::temp_directory_path() / "ionhop-cli-test-mpi-resume";
    fs::remove_all(folder);
    fs::create_directories(folder);
    const std::string sweep =
        "sweep llzo --dopant Ta --x 0,0.25,0.5,0.75 --T 500,600 --supercell 1 1 1 --target-error 0.03 "
        "--max-replicas 64 --seed 8 --quiet -o ";
    const auto one = ionhop::testing::run_ionhop(sweep + (folder / "one").string());
    ASSERT_EQ(one.status, 0) << one.output;

    // Both ranks save into one folder; the job is killed (mpirun and the ranks at once) once
    // some replicas are saved and before it ends: sooner if it ended first, later if none was.
    const std::string killed = sweep + (folder / "killed").string();
    auto delay = std::chrono::milliseconds(1500);
    bool killed_midway = false;
    for (int attempt = 0; attempt < 8 && !killed_midway; ++attempt) {
        fs::remove_all(folder / "killed.checkpoint");
        fs::remove(folder / "killed.csv");
        const bool was_running = run_and_kill_session(mpirun(2) + killed + " --checkpoint-every 0.05", delay);
        const std::size_t saved = saved_replicas(folder / "killed.checkpoint");
        killed_midway = was_running && saved > 0;
        if (!was_running) delay /= 2;
        if (saved == 0) delay = delay * 3 / 2;
    }
    ASSERT_TRUE(killed_midway) << "no kill fell between the first saved replica and the end";
    EXPECT_FALSE(fs::exists(folder / "killed.csv")) << "a killed sweep must not leave outputs";
    ASSERT_TRUE(fs::exists(folder / "killed.checkpoint" / "manifest.h5"));

    // Resumed on two ranks: the replicas saved are loaded, not run again, and every column
    // of the table and the HDF5 file equals the single process's.
    const auto resumed = ionhop::testing::run_command(mpirun(2) + killed + " --resume");
    ASSERT_EQ(resumed.status, 0) << resumed.output;
    const std::string rows = ionhop::testing::csv_rows(folder / "one.csv");
    ASSERT_NE(rows.find("sigma_S_per_cm"), std::string::npos) << rows;
    EXPECT_EQ(ionhop::testing::csv_rows(folder / "killed.csv"), rows);
    for (const char* name : {"/summary/sigma_first_T", "/summary/activation_energy_eV", "/points/3/sigma"}) {
        const auto a = dataset(folder / "one.h5", name);
        EXPECT_FALSE(a.empty()) << name;
        EXPECT_EQ(dataset(folder / "killed.h5", name), a) << name;
    }
    EXPECT_FALSE(fs::exists(folder / "killed.checkpoint")) << "rank 0 removes the checkpoint at the end";
    fs::remove_all(folder);
}
#endif
