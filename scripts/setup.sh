#!/usr/bin/env bash
# Installs ionhop's build dependencies from Debian 12 packages and builds it (Release)
# into ./build. Safe to run again: apt-get and cmake skip what is already done.
#   IONHOP_WERROR=ON   treat compiler warnings as errors (CI does)
#   IONHOP_BUILD_DIR   build folder (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake
  libboost-graph-dev   # lattice graphs
  libtbb-dev           # parallel replicas
  libeigen3-dev        # cells, tensors, small linear algebra
  libcli11-dev         # command line
  librandom123-dev     # counter-based random streams (Philox)
  libtoml11-dev        # lattice files
  nlohmann-json3-dev   # JSON summaries
  libhdf5-dev          # HDF5 results files
  libplplot-dev        # Arrhenius plots (PLplot, svg device)
  libsymspg-dev        # spglib: space-group operations for Wyckoff positions
  pkg-config           # finds spglib and xxhash
  libxxhash-dev        # XXH3 fingerprints of tables and configs in checkpoints
  libopenmpi-dev openmpi-bin  # MPI: sweep points over ranks across machines
  gemmi-dev            # CIF reading for `ionhop lattice import` (header-only)
  tao-pegtl-dev        # PEGTL: the parser gemmi's CIF reader is built on
  libgtest-dev
  libbenchmark-dev
  clang libclang-rt-14-dev  # libFuzzer for the fuzz tier (scripts/fuzz.sh)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build_dir=${IONHOP_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DIONHOP_WERROR="${IONHOP_WERROR:-OFF}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
