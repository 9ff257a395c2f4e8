#!/usr/bin/env bash
# Workflow hook throughput: `POST /records/Contacts` against `dg serve`, with one rule whose function
# builds a small map. Prints events per second and p50/p99 latency, measured with wrk (Debian's
# package; `--install` apt-gets it) for DURATION seconds, or without wrk by a small Python client
# sending EVENTS events.
#
#   bash benches/serve.sh [--install]          # wrk: 8 connections, 10 s; one worker per CPU
#   EVENTS=5000 CLIENTS=16 WORKERS=2 DURATION=20 bash benches/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
events="${EVENTS:-2000}"
clients="${CLIENTS:-8}"
workers="${WORKERS:-$(nproc)}"
duration="${DURATION:-10}"
if [[ "${1:-}" == "--install" ]]; then
    command -v wrk >/dev/null || sudo -n apt-get install -y wrk || apt-get install -y wrk
fi
cargo build --release --locked
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export DG_DB="$work/dg.db"
dg=target/release/dg
cat >"$work/card.dg" <<'DG'
map card(map contact)
{
	m = Map();
	m.put("name", contact.get("First_Name") + " " + contact.get("Last_Name"));
	m.put("country", ifnull(contact.get("Mailing_Country"), "unknown"));
	m.put("vip", contact.get("Score") > 50);
	return m;
}
DG
$dg workflow add card --module Contacts --on create --criteria 'Mailing_Country == "Ireland"' \
    --function "$work/card.dg" >/dev/null
$dg serve --listen 127.0.0.1:0 --workers "$workers" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 100); do grep -q serving "$work/serve.log" 2>/dev/null && break; sleep 0.05; done
port="$(grep -o '127.0.0.1:[0-9]*' "$work/serve.log" | head -1 | cut -d: -f2)"
if command -v wrk >/dev/null; then
    cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"First_Name": "Ada", "Last_Name": "Byrne", "Mailing_Country": "Ireland", "Score": 70}'
LUA
    out="$(wrk -t2 -c"$clients" -d"${duration}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/records/Contacts")"
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)"
    runs="$($dg workflow runs --json -n 1000000 | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r), sum(x["outcome"]=="ok" for x in r))')"
    wal="$(( $(stat -c %s "$DG_DB-wal" 2>/dev/null || echo 0) / 1048576 ))"
    echo "wrk, ${clients} connections, ${duration} s, ${workers} workers: ${rps} events/s, p50 ${p50}, p99 ${p99}; runs recorded/ok: ${runs}; WAL ${wal} MB${errors:+; $errors}"
    exit 0
fi
python3 - "$port" "$events" "$clients" <<'PY'
import http.client, json, statistics, sys, threading, time
port, events, clients = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
latencies, failures, lock = [], [], threading.Lock()
def client(n):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    for i in range(n):
        body = json.dumps({"First_Name": "F%d" % i, "Last_Name": "L", "Mailing_Country": "Ireland", "Score": i % 100})
        t = time.perf_counter()
        conn.request("POST", "/records/Contacts", body, {"Content-Type": "application/json"})
        r = conn.getresponse(); data = r.read()
        dt = time.perf_counter() - t
        with lock:
            latencies.append(dt)
            if r.status != 201 or json.loads(data)["runs"][0]["outcome"] != "ok":
                failures.append(r.status)
per = events // clients
threads = [threading.Thread(target=client, args=(per,)) for _ in range(clients)]
start = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
wall = time.perf_counter() - start
q = statistics.quantiles(latencies, n=100)
print(f"{len(latencies)} events, {clients} clients: {len(latencies) / wall:.0f} events/s, "
      f"p50 {q[49] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms, failures {len(failures)}")
sys.exit(1 if failures else 0)
PY
