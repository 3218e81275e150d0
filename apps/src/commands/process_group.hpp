#pragma once
// The processes this run is spread over: the MPI ranks under an MPI launcher (main sets
// them), one process otherwise. Sweeps spread their points over them; a single prediction
// runs on the first process.
#include "ionhop/runs/distributed_sweep.hpp"

namespace ionhop::apps {

const runs::ProcessGroup& process_group();
void set_process_group(runs::ProcessGroup group);
bool is_first_process();

}  // namespace ionhop::apps
