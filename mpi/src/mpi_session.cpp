#include "ionhop/mpi/mpi_session.hpp"

#include <mpi.h>

#include <climits>
#include <cstdint>
#include <cstdlib>

#include "ionhop/core/error.hpp"

namespace ionhop::mpi {

namespace {

// Variables the common launchers set (Open MPI, MPICH/Hydra, PMIx, Slurm's PMI).
bool started_by_launcher() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK"}) {
        if (std::getenv(name) != nullptr) return true;
    }
    return false;
}

void check(int status, const char* what) {
    if (status != MPI_SUCCESS) throw Error(std::string("MPI: ") + what + " failed");
}

std::vector<std::vector<char>> gather_to_first(const std::vector<char>& bytes) {
    int rank = 0;
    int size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    // MPI counts are int: a share above 2 GiB would need chunks (far beyond any sweep's
    // finished replicas, about 16 KB each).
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw Error("MPI: a rank's replicas exceed 2 GiB");
    const int count = static_cast<int>(bytes.size());
    std::vector<int> counts(static_cast<std::size_t>(size), 0);
    check(MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD), "gather of sizes");
    std::vector<int> offsets(static_cast<std::size_t>(size), 0);
    long long total = 0;
    for (int r = 0; r < size; ++r) {
        offsets[static_cast<std::size_t>(r)] = static_cast<int>(total);
        total += counts[static_cast<std::size_t>(r)];
        if (total > INT_MAX) throw Error("MPI: the replicas of all ranks exceed 2 GiB");
    }
    std::vector<char> all(rank == 0 ? static_cast<std::size_t>(total) : 0);
    check(MPI_Gatherv(bytes.data(), count, MPI_CHAR, all.data(), counts.data(), offsets.data(), MPI_CHAR, 0,
                      MPI_COMM_WORLD),
          "gather of replicas");
    std::vector<std::vector<char>> per_rank;
    if (rank != 0) return per_rank;
    for (int r = 0; r < size; ++r) {
        const auto begin = all.begin() + offsets[static_cast<std::size_t>(r)];
        per_rank.emplace_back(begin, begin + counts[static_cast<std::size_t>(r)]);
    }
    return per_rank;
}

}  // namespace

MpiSession::MpiSession(int& argc, char**& argv) {
    if (!started_by_launcher()) return;
    // Only the main thread calls MPI; replicas run on TBB threads meanwhile.
    int provided = 0;
    check(MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    if (provided < MPI_THREAD_FUNNELED) {
        MPI_Finalize();
        throw Error("MPI: the library cannot run beside threads (MPI_THREAD_FUNNELED not provided)");
    }
    active_ = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
    if (active_) MPI_Finalize();
}

runs::ProcessGroup MpiSession::group() const {
    runs::ProcessGroup group;
    group.rank = rank_;
    group.size = size_;
    if (active_) {
        group.gather_to_first = gather_to_first;
        group.barrier = [] { check(MPI_Barrier(MPI_COMM_WORLD), "barrier"); };
    }
    return group;
}

void MpiSession::abort(int status) const {
    if (active_ && size_ > 1) MPI_Abort(MPI_COMM_WORLD, status);
    std::exit(status);
}

}  // namespace ionhop::mpi
