// Checkpoint folders: archives round-trip through HDF5 exactly, a resume is refused for
// another config or version, and an unreadable file is an error naming it.
#include "ionhop/outputs/checkpoint_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>

#include "ionhop/core/error.hpp"

using namespace ionhop;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    const fs::path folder = fs::temp_directory_path() / ("ionhop-checkpoint-test-" + name);
    fs::remove_all(folder);
    return folder;
}

std::string message_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.what();
    }
    return "(no error)";
}

}  // namespace

TEST(CheckpointStore, ArchivesRoundTripEveryTypeExactly) {
    const fs::path folder = scratch("round-trip");
    fs::create_directories(folder);
    engine::StateArchive archive;
    archive.put("u8", std::vector<std::uint8_t>{0, 1, 255});
    archive.put("i32", std::vector<std::int32_t>{-1, 0, std::numeric_limits<std::int32_t>::max()});
    archive.put("u32", std::vector<std::uint32_t>{0xFFFFFFFFu, 7});
    archive.put("i64", std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(), 3});
    archive.put("u64", std::vector<std::uint64_t>{0xFFFFFFFFFFFFFFFFull, 0});
    archive.put("real", std::vector<double>{0.1, -0.0, 1e-310, std::numeric_limits<double>::infinity()});
    archive.put("empty", std::vector<double>{});
    archive.put_text("text", "Li7La3Zr2O12 \xc3\x85ngstr\xc3\xb6m");
    const fs::path path = folder / "a.h5";
    outputs::write_archive(path, archive);
    const engine::StateArchive back = outputs::read_archive(path);
    EXPECT_EQ(back.entries(), archive.entries());
    EXPECT_EQ(back.source(), path.string());
    EXPECT_FALSE(fs::exists(folder / "a.h5.partial"));
}

TEST(CheckpointStore, ResumeNeedsTheSameConfigAndVersion) {
    const fs::path folder = scratch("resume");
    auto store = outputs::CheckpointFolder::start(folder, "config A", "1.0", 5.0);
    engine::StateArchive archive;
    archive.put_count("events", 42);
    store->save("x-r0.done", archive);
    EXPECT_EQ(store->archives(), 1u);

    auto resumed = outputs::CheckpointFolder::resume(folder, "config A", "1.0", 5.0);
    ASSERT_TRUE(resumed->load("x-r0.done").has_value());
    EXPECT_EQ(resumed->load("x-r0.done")->count("events"), 42u);
    EXPECT_FALSE(resumed->load("x-r1.done").has_value());

    EXPECT_NE(message_of([&] {
                  outputs::CheckpointFolder::resume(folder, "config B", "1.0", 5.0);
              }).find("for another config"),
              std::string::npos);
    EXPECT_NE(message_of([&] {
                  outputs::CheckpointFolder::resume(folder, "config A", "2.0", 5.0);
              }).find("by ionhop 1.0, this is 2.0"),
              std::string::npos);
    EXPECT_NE(message_of([&] {
                  outputs::CheckpointFolder::resume(scratch("none"), "config A", "1.0", 5.0);
              }).find("no checkpoint to resume"),
              std::string::npos);

    // Starting afresh never reads the old archives, and replaces them at its first save.
    auto fresh = outputs::CheckpointFolder::start(folder, "config B", "1.0", 5.0);
    EXPECT_EQ(fresh->archives(), 0u);
    EXPECT_FALSE(fresh->load("x-r0.done").has_value());
    EXPECT_TRUE(fs::exists(folder / "x-r0.done.h5")) << "replaced only at the first save";
    fresh->save("y-r0.done", archive);
    EXPECT_FALSE(fs::exists(folder / "x-r0.done.h5"));
    EXPECT_EQ(fresh->archives(), 1u);
    EXPECT_NO_THROW(outputs::CheckpointFolder::resume(folder, "config B", "1.0", 5.0));
    fresh->discard();
    EXPECT_FALSE(fs::exists(folder));

    // A run that stops before its first save (bad input) writes nothing.
    auto unused = outputs::CheckpointFolder::start(folder, "config C", "1.0", 5.0);
    unused->discard();
    EXPECT_FALSE(fs::exists(folder));
}

TEST(CheckpointStore, CorruptFileIsAnErrorNamingIt) {
    const fs::path folder = scratch("corrupt");
    auto store = outputs::CheckpointFolder::start(folder, "config", "1.0", 5.0);
    engine::StateArchive archive;
    archive.put_count("events", 1);
    store->save("x-r0.running", archive);
    const fs::path file = folder / "x-r0.running.h5";
    const auto size = fs::file_size(file);
    fs::resize_file(file, size / 2);  // as a disk that lost the end of the file
    const std::string message = message_of([&] { (void)store->load("x-r0.running"); });
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find("not a readable checkpoint file"), std::string::npos) << message;
    // A damaged manifest refuses the resume too.
    std::ofstream(folder / "manifest.h5", std::ios::trunc) << "not hdf5";
    EXPECT_NE(message_of([&] {
                  outputs::CheckpointFolder::resume(folder, "config", "1.0", 5.0);
              }).find("manifest.h5"),
              std::string::npos);
}

TEST(CheckpointStore, StartRefusesToRemoveAFolderThatIsNotACheckpoint) {
    const fs::path folder = scratch("foreign");
    fs::create_directories(folder);
    std::ofstream(folder / "thesis.tex") << "keep me";
    EXPECT_NE(message_of([&] {
                  outputs::CheckpointFolder::start(folder, "config", "1.0", 5.0);
              }).find("is not a checkpoint folder"),
              std::string::npos);
    EXPECT_TRUE(fs::exists(folder / "thesis.tex"));
}

TEST(CheckpointStore, OtherProcessesJoinTheFolderTheFirstCreated) {
    const fs::path folder = scratch("join");
    // Not created yet (or on a filesystem this process does not share): an error saying so.
    const std::string missing = message_of(
        [&] { (void)outputs::CheckpointFolder::join(folder, "config A", "1.0", 1.0, "MPI rank 1"); });
    EXPECT_NE(missing.find("not visible to MPI rank 1"), std::string::npos) << missing;
    EXPECT_NE(missing.find("share the filesystem"), std::string::npos) << missing;

    // The first process replaces an earlier checkpoint at once; the others then join it and
    // see what any of them saves.
    fs::create_directories(folder);
    std::ofstream(folder / "manifest.h5") << "an earlier run's manifest";
    auto first = outputs::CheckpointFolder::start(folder, "config A", "1.0", 1.0);
    first->create_now();
    auto second = outputs::CheckpointFolder::join(folder, "config A", "1.0", 1.0, "MPI rank 1");
    engine::StateArchive archive;
    archive.put("x", std::vector<double>{1.5});
    second->save("r7.done", archive);
    const auto loaded = first->load("r7.done");
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->real("x"), 1.5);
    EXPECT_EQ(first->archives(), 1u);

    // A process of another config cannot join.
    const std::string other = message_of(
        [&] { (void)outputs::CheckpointFolder::join(folder, "config B", "1.0", 1.0, "MPI rank 1"); });
    EXPECT_NE(other.find("for another config"), std::string::npos) << other;
    fs::remove_all(folder);
}
