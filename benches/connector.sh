#!/usr/bin/env bash
# 1,000 `zoho.crm.invokeConnector` calls in one dg script against a local httpbin, against the same
# 1,000 authorized GETs made by Python `requests.Session` and by one curl process (sequential,
# keep-alive), each run interleaved RUNS times; prints the median wall time of each and dg's ratio
# to the faster baseline (target: at most 1.2).
#
#   bash benches/connector.sh            # 5 runs each
#   RUNS=9 bash benches/connector.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
calls=1000

cargo build --release --locked
(cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
[ -x tests/peers/.venv/bin/gunicorn ] || python3 -m venv tests/peers/.venv
tests/peers/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/peers/requirements.txt \
    -r benches/requirements.txt
py=tests/peers/.venv/bin/python

work="$(mktemp -d)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port="$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
(cd tests/peers && exec .venv/bin/gunicorn -b "127.0.0.1:$port" -k gthread --threads 8 -w 1 httpbin:app) \
    >/dev/null 2>&1 &
pids+=($!)
node tests/peers/oauth2-mock.mjs >"$work/oauth.json" 2>/dev/null &
pids+=($!)
for _ in $(seq 100); do
    [ -s "$work/oauth.json" ] && curl -s -o /dev/null "http://127.0.0.1:$port/get" && break
    sleep 0.1
done
oauth="$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$work/oauth.json")"

export DG_DB="$work/dg.db" DG_MAX_STATEMENTS=0
dg=target/release/dg
$dg connector create bench --authorize-url "http://127.0.0.1:$oauth/authorize" \
    --token-url "http://127.0.0.1:$oauth/token" >/dev/null
printf 'bench-secret' | $dg connector credentials bench --client-id bench --client-secret-stdin >/dev/null
$dg connector authorize bench --grant client-credentials >/dev/null
$dg api add bench get --method GET --url "http://127.0.0.1:$port/anything/\${i}" >/dev/null
$dg api publish bench.get >/dev/null
# The baselines need a bearer token too: the same kind oauth2-mock issues (any works at httpbin).
token="$(curl -s -d grant_type=client_credentials "http://127.0.0.1:$oauth/token" \
    | $py -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"

cat >"$work/calls.dg" <<'EOF'
ten = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
ok = 0;
for each a in ten
{
	for each b in ten
	{
		for each c in ten
		{
			resp = zoho.crm.invokeConnector("bench.get", {"i": a * 100 + b * 10 + c});
			if(resp.get("status_code") == 200)
			{
				ok = ok + 1;
			}
		}
	}
}
info ok;
EOF
cat >"$work/session.py" <<EOF
import requests
s = requests.Session()
ok = 0
for i in range($calls):
    r = s.get("http://127.0.0.1:$port/anything/%d" % i, headers={"Authorization": "Bearer $token"})
    ok += r.status_code == 200
print(ok)
EOF
for i in $(seq 0 $((calls - 1))); do
    printf 'url = "http://127.0.0.1:%s/anything/%d"\noutput = "/dev/null"\n' "$port" "$i"
done >"$work/curl.cfg"

time_of() { # prints the wall seconds of a command
    local start end
    start="$(date +%s.%N)"
    "$@" >/dev/null
    end="$(date +%s.%N)"
    $py -c "print($end - $start)"
}
declare -a t_dg t_py t_curl
for _ in $(seq "$runs"); do
    t_dg+=("$(time_of $dg run "$work/calls.dg")")
    t_py+=("$(time_of $py "$work/session.py")")
    t_curl+=("$(time_of curl -s -H "Authorization: Bearer $token" -K "$work/curl.cfg")")
done
[ "$($dg run "$work/calls.dg")" = "$calls" ] || { echo "dg: not every call answered 200" >&2; exit 1; }
$py - "${t_dg[*]}" "${t_py[*]}" "${t_curl[*]}" <<'EOF'
import statistics, sys
dg, py, curl = (statistics.median(map(float, a.split())) for a in sys.argv[1:4])
best = min(py, curl)
print(f"1000 calls, median of {len(sys.argv[1].split())} runs:")
print(f"  dg invokeConnector        {dg:6.3f} s")
print(f"  python requests.Session   {py:6.3f} s")
print(f"  curl (one process)        {curl:6.3f} s")
print(f"  dg / best baseline        {dg / best:6.2f}x (target <= 1.2)")
EOF
