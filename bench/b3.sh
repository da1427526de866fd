#!/bin/bash
# B3 — durable submission rate over the HTTP API (docs: bench/README.md, /work/shared/BENCHMARKS.md).
#
# Starts a real `fastgpu server` (SQLite, WAL, synchronous=FULL: a 201 means the job is on disk) on
# 127.0.0.1 with a fresh data dir under $TMPDIR (same disk as the etcd peer's), then drives
# POST /api/v1/jobs with wrk at 1, 16 and 64 connections for DURATION each. Every request is a
# new job. Syncs per job = store commits (each commit is one WAL fsync) / jobs accepted, read from
# the server's /metrics before and after each run.
#
#   bench/b3.sh                      FastGPU only
#   RUN_PEER=1 bench/b3.sh           then the etcd peer (/work/shared/peers/etcd/bench.sh) in the same run
#   DURATION=15s CLIENTS="1 16 64" PORT=27070 ...
# Ends with: submits_per_s_c1=… submits_per_s_c16=… submits_per_s_c64=… p99_ms_c64=…
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DURATION=${DURATION:-15s}
CLIENTS=${CLIENTS:-"1 16 64"}
PORT=${PORT:-27070}
PEER=${PEER:-/work/shared/peers/etcd/bench.sh}
TOKEN="fga_b3-bench-token-$(date +%s%N)"

command -v wrk >/dev/null || { echo "b3: wrk is missing; install it with: apt-get install -y wrk" >&2; exit 1; }
"$ROOT/fastgpu" --version >/dev/null   # builds the binary if sources changed (not timed)

D=$(mktemp -d "${TMPDIR:-/tmp}/fastgpu-b3.XXXXXX")
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; rm -rf "$D"; }
trap cleanup EXIT

FASTGPU_ADMIN_TOKEN="$TOKEN" \
  "$ROOT/fastgpu" server --data-dir "$D/data" --port "$PORT" >"$D/server.log" 2>&1 &
SERVER_PID=$!
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 150); do
  curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/whoami" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "b3: the server did not start:" >&2; cat "$D/server.log" >&2; exit 1; }
  sleep 0.2
done

cat > "$D/submit.lua" <<LUA
-- one new 1-GPU job per request; a counter in the name makes each spec distinct
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/jobs", nil,
    '{"name":"b3-' .. n .. '","command":["python","train.py","--lr","3e-4"],"gpus":1,"gpuModel":"H100","priority":0}')
end
LUA

commits() {  # the server's count of durable store commits so far
  curl -sf -H "Authorization: Bearer $TOKEN" "$URL/metrics" | awk '/^fastgpu_store_commits_total /{printf "%d", $2}'
}

# warm-up (JIT), not reported
wrk -t1 -c16 -d5s -s "$D/submit.lua" "$URL" >/dev/null

summary=""
for c in $CLIENTS; do
  t=$([ "$c" -lt 2 ] && echo 1 || echo 2)
  before=$(commits || true)
  r=$(wrk -t"$t" -c"$c" -d"$DURATION" --latency -s "$D/submit.lua" "$URL" 2>&1)
  after=$(commits || true)
  rps=$(echo "$r" | awk '/Requests\/sec/{printf "%.0f", $2}')
  total=$(echo "$r" | awk '/requests in/{print $1}')
  p99=$(echo "$r" | awk '$1=="99%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}')
  errs=$(echo "$r" | awk '/Non-2xx/{print $NF}'); errs=${errs:-0}
  sock=$(echo "$r" | awk '/Socket errors/{print $0}')
  spj="n/a"
  if [ -n "$before" ] && [ -n "$after" ] && [ "${total:-0}" -gt 0 ]; then
    spj=$(awk -v a="$after" -v b="$before" -v n="$total" 'BEGIN{printf "%.3f", (a-b)/n}')
  fi
  echo "fastgpu c=$c: ${rps} submits/s, p99 ${p99} ms, ${total} requests, non2xx=$errs, commits_per_job=$spj ${sock}"
  summary="$summary submits_per_s_c$c=$rps p99_ms_c$c=$p99 syncs_per_job_c$c=$spj"
  [ "$errs" = "0" ] || { echo "b3: $errs requests failed; server log tail:" >&2; tail -n 20 "$D/server.log" >&2; }
done
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

if [ "${RUN_PEER:-0}" = "1" ]; then
  if command -v etcd >/dev/null; then
    bash "$PEER"
  else
    echo "b3: RUN_PEER=1 but etcd is missing; install it with: apt-get install -y etcd-server" >&2
  fi
fi
echo "${summary# }"
