#!/usr/bin/env bash
# Builds dg in release mode and runs the shared peer benchmark with it: CPython, Lua, LuaJIT, Rhai and
# Node against dg, interleaved, in one report. The shared folder is copied under target/ first (it is
# read-only, and the driver writes its report and builds its Rhai runner in place).
#
#   bash benches/run.sh                                  # w0..w6, 10 counted runs each, every peer
#   bash benches/run.sh --install                        # first apt-get the Lua peers and GNU time
#   bash benches/run.sh -n 10 --peers cpython,rhai,dg --workloads w1,w3
set -euo pipefail
cd "$(dirname "$0")/.."
src="${DG_BENCH_DIR:-../shared/bench}"
work="target/peer-bench"
cargo build --release --locked
mkdir -p "$work"
cp -r "$src"/. "$work"/
chmod -R u+w "$work"
export DG="$PWD/target/release/dg"
# The workloads loop millions of times: no statement budget while measuring speed.
export DG_MAX_STATEMENTS=0
cd "$work"
install=()
if [[ "${1:-}" == "--install" ]]; then
  install=(--install)
  shift
fi
# As in the recorded peer table: every workload, medians of 10 runs (-n and --workloads override these).
export RUNS="${RUNS:-10}"
exec ./run-peers.sh "${install[@]}" "$@"
