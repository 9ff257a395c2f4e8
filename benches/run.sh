#!/usr/bin/env bash
# Builds dg in release mode and runs the shared peer benchmark with it (extra arguments go to the driver).
set -euo pipefail
cd "$(dirname "$0")/.."
bench_dir="${DG_BENCH_DIR:-../shared/bench}"
cargo build --release --locked
export DG="$PWD/target/release/dg" DG_MAX_STATEMENTS=0
cd "$bench_dir"
if [ "$#" -eq 0 ]; then
  set -- --workloads w0,w1,w2,w3,w4
fi
exec ./run-peers.sh "$@"
