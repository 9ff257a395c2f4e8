#!/usr/bin/env bash
# Runs every test dg has: formatting, lints, unit tests, golden script tests, CLI, REPL, property
# and end-to-end tests, crash tests (DG_CRASH_ROUNDS kills per scenario, default 10) and the
# secrets audit. It first installs the pinned test peers (npm oauth2-mock-server,
# oidc-provider and json-server from tests/peers/package-lock.json; PyPI httpbin and gunicorn from
# tests/peers/requirements.txt); the tests start them on 127.0.0.1 themselves, on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."

(cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
# PyPI httpbin (served by gunicorn), pinned in tests/peers/requirements.txt, in a local venv.
if [ ! -x tests/peers/.venv/bin/gunicorn ]; then
    python3 -m venv tests/peers/.venv
fi
tests/peers/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/peers/requirements.txt

cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --all-targets --locked
# The secrets audit: the end-to-end tests again, every dg command logging at trace level, then a
# scan of all they printed and stored for the secrets and tokens in play (tests/audit).
bash tests/audit/run.sh
