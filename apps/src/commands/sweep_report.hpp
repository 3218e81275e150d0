#pragma once
// Runs a sweep and reports it: one line per point on stdout as points finish, the summary
// table (sigma at the first temperature and E_a against the swept values) and the output
// files. Shared by `ionhop sweep` (options) and `ionhop run` (a config with [[sweep]]).
#include "commands/prediction_report.hpp"
#include "ionhop/runs/run_config.hpp"

namespace ionhop::apps {

void run_sweep_and_report(const runs::RunConfig& config, const ReportOptions& options);

}  // namespace ionhop::apps
