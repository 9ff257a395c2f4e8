#!/usr/bin/env bash
# Runs every test dg has: formatting, lints, unit tests, golden script tests, CLI and property tests.
# Works on a fresh machine with the Rust toolchain; later issues add the npm and PyPI test peers here.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --all-targets --locked
