#pragma once
// MPI for sweeps across machines (optional build: IONHOP_WITH_MPI). MPI is initialised only
// when an MPI launcher (mpirun, srun) started the program, so a plain run needs no MPI
// runtime and behaves exactly as a build without MPI.
#include "ionhop/runs/distributed_sweep.hpp"

namespace ionhop::mpi {

class MpiSession {
public:
    MpiSession(int& argc, char**& argv);
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;

    bool active() const { return active_; }
    // The ranks of MPI_COMM_WORLD, gathering with MPI_Gatherv; a group of one when inactive.
    runs::ProcessGroup group() const;
    // Ends every rank (an error on one rank would leave the others waiting in a gather).
    [[noreturn]] void abort(int status) const;

private:
    bool active_ = false;
    int rank_ = 0;
    int size_ = 1;
};

}  // namespace ionhop::mpi
