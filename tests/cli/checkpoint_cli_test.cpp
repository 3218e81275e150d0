// `ionhop run` killed with SIGKILL at random moments and resumed with --resume ends with
// the same table as an uninterrupted run (docs/reliability.md); a checkpoint of another
// config is refused.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "support/run_ionhop.hpp"

namespace {

namespace fs = std::filesystem;

using Result = ionhop::testing::CommandResult;

Result run(const std::string& arguments) { return ionhop::testing::run_ionhop(arguments); }

// Starts ionhop with `arguments`, sends SIGKILL after `delay`; true if it was killed
// (false: it finished first).
bool run_and_kill(const std::vector<std::string>& arguments, std::chrono::milliseconds delay) {
    // Everything the child needs is built before fork: only exec-safe calls after it.
    std::string binary = IONHOP_BINARY;
    std::vector<std::string> copies = arguments;
    std::vector<char*> argv = {binary.data()};
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t child = fork();
    if (child == 0) {
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    std::this_thread::sleep_for(delay);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// The table without its comments and its last column (wall_time_s, which differs).
std::string data_rows(const fs::path& csv) { return ionhop::testing::csv_rows(csv, true); }

void write_config(const fs::path& path, const std::string& prefix, const std::string& temperatures) {
    std::ofstream(path) << "[lattice]\ntest = \"simple-cubic\"\nbarrier_eV = 0.25\n"
                           "[content]\nsite_fraction = 0.4\n"
                           "[run]\ntemperatures_K = "
                        << temperatures
                        << "\nsupercell = [12, 12, 12]\nevents_per_ion = 3000\n"
                           "min_replicas = 4\nmax_replicas = 8\ntarget_relative_error = 0.001\nseed = 5\n"
                           "[output]\nprefix = \""
                        << prefix << "\"\n";
}

// Runs ionhop with `arguments` (one string) and returns its wall time; fails the test if
// it fails.
std::chrono::milliseconds timed_run(const std::string& arguments) {
    const auto started = std::chrono::steady_clock::now();
    const Result r = run(arguments);
    EXPECT_EQ(r.status, 0) << r.output;
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
}

// Starts ionhop with `arguments` and kills it after `delay`; if it finished first (a busy
// machine), removes `output` and tries again sooner. True once a run was killed.
bool kill_during(const std::string& arguments, std::chrono::milliseconds delay, const fs::path& output) {
    std::vector<std::string> words;
    std::istringstream split(arguments);
    for (std::string word; split >> word;) words.push_back(word);
    for (; delay.count() > 10; delay /= 2) {
        fs::remove(output);
        if (run_and_kill(words, delay)) return true;
    }
    return false;
}

}  // namespace

TEST(CliCheckpoint, KilledRunsResumeToTheUninterruptedTable) {
    const fs::path folder = fs::temp_directory_path() / "ionhop-cli-test-checkpoint";
    fs::remove_all(folder);
    fs::create_directories(folder);
    const std::string temperatures = "[400, 500, 600]";
    write_config(folder / "whole.toml", "whole", temperatures);
    write_config(folder / "killed.toml", "killed", temperatures);

    const auto started = std::chrono::steady_clock::now();
    const Result whole = run("run --quiet " + (folder / "whole.toml").string());
    ASSERT_EQ(whole.status, 0) << whole.output;
    const auto wall =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    const std::string expected = data_rows(folder / "whole.csv");
    ASSERT_NE(expected.find("sigma_S_per_cm"), std::string::npos) << expected;
    ASSERT_EQ(expected.find("wall_time_s"), std::string::npos) << expected;
    EXPECT_FALSE(fs::exists(folder / "whole.checkpoint")) << "a finished run removes its checkpoint";

    // Kills at random moments (seeded, so a failure can be rerun), snapshots every 20 ms.
    std::mt19937 random(2026);
    std::uniform_real_distribution<double> fraction(0.15, 0.5);
    const auto delay = [&] {
        return std::chrono::milliseconds(static_cast<long>(fraction(random) * wall.count()));
    };
    const std::string config = (folder / "killed.toml").string();
    // A loaded machine may finish the run before the kill: then try again, sooner.
    bool killed = false;
    for (auto first_kill = delay(); !killed && first_kill.count() > 10; first_kill /= 2) {
        fs::remove(folder / "killed.csv");
        killed = run_and_kill({"run", "--quiet", "--checkpoint-every", "0.02", config}, first_kill);
    }
    ASSERT_TRUE(killed) << "every run finished before its kill: make it longer";
    EXPECT_FALSE(fs::exists(folder / "killed.csv")) << "a killed run must not leave outputs";
    ASSERT_TRUE(fs::exists(folder / "killed.checkpoint" / "manifest.h5"));

    // A checkpoint belongs to its config: another one is refused, the checkpoint kept.
    write_config(folder / "killed.toml", "killed", "[400, 450]");
    const Result other = run("run --quiet --resume " + config);
    EXPECT_EQ(other.status, 2) << other.output;
    EXPECT_NE(other.output.find("for another config"), std::string::npos) << other.output;
    write_config(folder / "killed.toml", "killed", temperatures);

    // Resumed and killed again until a resumed run finishes.
    int kills = 1;
    for (; kills < 6; ++kills) {
        if (!run_and_kill({"run", "--quiet", "--resume", "--checkpoint-every", "0.02", config}, delay()))
            break;
        ASSERT_TRUE(fs::exists(folder / "killed.checkpoint" / "manifest.h5"));
    }
    if (!fs::exists(folder / "killed.csv")) {
        const Result resumed = run("run --quiet --resume " + config);
        ASSERT_EQ(resumed.status, 0) << resumed.output;
    }
    EXPECT_EQ(data_rows(folder / "killed.csv"), expected) << "after " << kills << " kills";
    EXPECT_FALSE(fs::exists(folder / "killed.checkpoint"));

    // Nothing left to resume.
    const Result again = run("run --quiet --resume " + config);
    EXPECT_EQ(again.status, 2) << again.output;
    EXPECT_NE(again.output.find("no checkpoint to resume"), std::string::npos) << again.output;
    fs::remove_all(folder);
}

TEST(CliCheckpoint, KilledSweepResumesToTheUninterruptedTable) {
    const fs::path folder = fs::temp_directory_path() / "ionhop-cli-test-checkpoint-sweep";
    fs::remove_all(folder);
    fs::create_directories(folder);
    const std::string sweep =
        "sweep llzo --dopant Ta --x 0,0.25,0.5,0.75 --T 500,600 --supercell 1 1 1 --target-error 0.03 "
        "--max-replicas 64 --seed 8 --quiet -o ";
    const auto wall = timed_run(sweep + (folder / "whole").string());
    ASSERT_TRUE(kill_during(sweep + (folder / "killed").string(), wall / 3, folder / "killed.csv"))
        << "every sweep finished before its kill";
    ASSERT_TRUE(fs::exists(folder / "killed.checkpoint" / "manifest.h5"));
    const Result resumed = run(sweep + (folder / "killed").string() + " --resume");
    ASSERT_EQ(resumed.status, 0) << resumed.output;
    // The sweep table has no wall times: every column must agree.
    const std::string rows = ionhop::testing::csv_rows(folder / "whole.csv");
    EXPECT_EQ(ionhop::testing::csv_rows(folder / "killed.csv"), rows);
    EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 1 + 4 * 2);  // header, 4 points x 2 temperatures
    EXPECT_FALSE(fs::exists(folder / "killed.checkpoint"));
    fs::remove_all(folder);
}

TEST(CliCheckpoint, KilledPredictionResumesToTheUninterruptedTable) {
    const fs::path folder = fs::temp_directory_path() / "ionhop-cli-test-checkpoint-predict";
    fs::remove_all(folder);
    fs::create_directories(folder);
    const std::string predict =
        "predict simple-cubic --barrier 0.25 --hop-length 1 --concentration 0.4 --supercell 12 12 12 "
        "--T 400,500,600 --events-per-ion 3000 --target-error 0.001 --max-replicas 8 --quiet ";
    const std::string killed = "-o " + (folder / "killed").string();
    const auto wall = timed_run(predict + "--seed 5 -o " + (folder / "whole").string());
    ASSERT_TRUE(
        kill_during(predict + "--seed 5 --checkpoint-every 0.02 " + killed, wall / 3, folder / "killed.csv"))
        << "every prediction finished before its kill";
    // Other settings (here the seed) are another run: refused.
    const Result other = run(predict + "--seed 6 --resume " + killed);
    EXPECT_EQ(other.status, 2) << other.output;
    EXPECT_NE(other.output.find("for another config"), std::string::npos) << other.output;
    const Result resumed = run(predict + "--seed 5 --resume " + killed);
    ASSERT_EQ(resumed.status, 0) << resumed.output;
    EXPECT_EQ(data_rows(folder / "killed.csv"), data_rows(folder / "whole.csv"));
    EXPECT_FALSE(fs::exists(folder / "killed.checkpoint"));
    fs::remove_all(folder);
}
