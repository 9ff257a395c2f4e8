#!/usr/bin/env bash
# The secrets audit: runs the end-to-end tests with every dg command logging at trace level
# (through dg-wrap.sh), then scans what they printed and their databases for the client secrets
# the tests use and the tokens the OAuth peers issued. Any hit fails.
#
#   bash tests/audit/run.sh        (after `npm ci` in tests/peers and the httpbin venv; tests/run.sh does both)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
export DG_AUDIT_DIR="$dir" DG_AUDIT_ISSUED="$dir/issued-tokens.txt"
: >"$DG_AUDIT_ISSUED"
cargo test --locked \
    --test oauth_e2e --test oauth_code_e2e --test oauth_refresh_e2e --test oauth_faults_e2e \
    --test oidc_e2e --test connector_cli --test api_e2e --test api_cli --test api_faults_e2e \
    --test guide_e2e --test workflow_e2e --test serve_e2e --test record_cli
python3 tests/audit/scan.py "$dir"
