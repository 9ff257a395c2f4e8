#!/usr/bin/env bash
# Runs every test dg has: formatting, lints, unit tests, golden script tests, CLI, REPL, property
# and end-to-end tests. It first installs the pinned test peers (npm oauth2-mock-server and
# oidc-provider, from tests/peers/package-lock.json); the tests start them on 127.0.0.1
# themselves, on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."

(cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)

cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --all-targets --locked
