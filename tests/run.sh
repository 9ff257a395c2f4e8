#!/usr/bin/env bash
# Runs every test dg has: formatting, lints, unit tests, golden script tests, CLI, REPL, property
# and end-to-end tests. It first installs the pinned test peers (npm oauth2-mock-server,
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
