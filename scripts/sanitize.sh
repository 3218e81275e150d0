#!/usr/bin/env bash
# Builds ionhop under sanitizers and runs tests under them (any report fails the run).
# Run scripts/setup.sh once first (it installs the packages).
#   IONHOP_SANITIZE=address,undefined (default): ./build-address-undefined, the whole suite
#     (unit, regression, cli, physics); IONHOP_SANITIZE_QUICK=1 leaves out the physics tier.
#   IONHOP_SANITIZE=thread: ./build-thread, ThreadSanitizer over the threaded tests: the
#     unit tier (replicas, sweeps, distributed sweeps and checkpoints run on several
#     threads there) and a deliberate race that it must report (tests/sanitizer/).
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers=${IONHOP_SANITIZE:-address,undefined}
build_dir=build-$(echo "$sanitizers" | tr ',' '-')
# Line tables (-g1) are all a report's stack needs; full debug info (-g) costs a quarter
# more compile time.
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIONHOP_BUILD_BENCH=OFF \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DIONHOP_SANITIZE="$sanitizers" >/dev/null
if [ "$sanitizers" = thread ]; then
  cmake --build "$build_dir" -j"$(nproc)" --target ionhop_unit_tests ionhop_tsan_race_probe
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
  ctest --test-dir "$build_dir" -L unit --output-on-failure -j"$(nproc)"
  exit
fi
cmake --build "$build_dir" -j"$(nproc)"
labels="unit|regression|cli|physics"
[ "${IONHOP_SANITIZE_QUICK:-0}" = 1 ] && labels="unit|regression|cli"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build_dir" -L "$labels" -E CliMpi --output-on-failure -j"$(nproc)"
# The mpirun tests (CliMpi) run with leak detection off: Open MPI's plugins, unloaded at
# MPI_Finalize, leave allocations that LeakSanitizer reports with no symbol (so no
# suppression can name them). Memory errors and undefined behaviour still fail them.
# (A build without MPI has none: ctest then finds no test and exits 0.)
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  ctest --test-dir "$build_dir" -R CliMpi --output-on-failure -j"$(nproc)"
