#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers with libFuzzer (fuzz/, docs/reliability.md): builds
# the fuzz targets with clang into ./build-fuzz (RelWithDebInfo, IONHOP_FUZZ=ON: libFuzzer +
# AddressSanitizer + UndefinedBehaviorSanitizer) and runs each target for FUZZ_SECONDS on a
# copy of its committed corpus (fuzz/corpus/<reader>/), so the corpus is not changed. Exits
# non-zero if any target finds a crash, an escaping exception, a sanitizer report, a leak or
# a timeout; the input is left in build-fuzz/findings/<reader>/ (crash-*, timeout-*, leak-*).
#   ./scripts/fuzz.sh                    # every reader: lattice_file run_config cif poscar
#   ./scripts/fuzz.sh cif poscar         # some of them
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_RUNS      instead: this many inputs per target from a fixed seed (-runs, -seed=1),
#                  the same inputs on every machine (the CI tier: .ci/run)
#   JOBS           build jobs (default 1)
#   FUZZ_MAX_LEN   longest input in bytes (default 20000)
# New interesting inputs stay in build-fuzz/corpus-run/<reader>/; to keep a few, merge them
# into a fresh folder (ionhop_fuzz_<reader> -merge=1 new/ build-fuzz/corpus-run/<reader>/)
# and copy small ones into fuzz/corpus/<reader>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
jobs=${JOBS:-1}
max_len=${FUZZ_MAX_LEN:-20000}
readers=("$@")
[ ${#readers[@]} -eq 0 ] && readers=(lattice_file run_config cif poscar)

build_dir=build-fuzz
cmake -S . -B "$build_dir" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIONHOP_FUZZ=ON -DIONHOP_BUILD_TESTS=OFF -DIONHOP_BUILD_BENCH=OFF \
  >/dev/null
targets=()
for reader in "${readers[@]}"; do targets+=(--target "ionhop_fuzz_$reader"); done
cmake --build "$build_dir" -j"$jobs" "${targets[@]}"

# Leaks are findings; a report stops the run at once.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for reader in "${readers[@]}"; do
  corpus=$build_dir/corpus-run/$reader
  findings=$build_dir/findings/$reader
  rm -rf "$corpus" "$findings"
  mkdir -p "$corpus" "$findings"
  cp fuzz/corpus/"$reader"/* "$corpus"/
  budget=(-max_total_time="$seconds")
  [ -n "${FUZZ_RUNS:-}" ] && budget=(-runs="$FUZZ_RUNS" -seed=1)
  echo "== $reader: ${budget[*]} on $(ls "$corpus" | wc -l) seed inputs"
  if "$build_dir/fuzz/ionhop_fuzz_$reader" "$corpus" "${budget[@]}" -max_len="$max_len" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/" \
    2>"$build_dir/fuzz-$reader.log"; then
    tail -n 12 "$build_dir/fuzz-$reader.log" | grep -E '^(#[0-9]+[[:space:]]+DONE|stat::)' || true
  else
    status=1
    tail -n 40 "$build_dir/fuzz-$reader.log"
    echo "== $reader: FOUND a problem; input(s) in $findings/, log in $build_dir/fuzz-$reader.log" >&2
  fi
done
exit $status
