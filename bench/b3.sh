#!/bin/bash
# B3 — durable submission rate over the HTTP API (method: bench/README.md; goal: /work/shared/BENCHMARKS.md).
#
# Each round starts a real `fastgpu server` (SQLite, WAL, synchronous=FULL: a 201 means the job is
# on disk) on 127.0.0.1 with a fresh data dir under $TMPDIR, warms it up (JIT), then drives
# POST /api/v1/jobs with wrk at 1, 16 and 64 connections for DURATION each; every request is a new
# job. Syncs per job = the server's durable store commits during the run / jobs accepted (from
# /metrics). With RUN_PEER=1 each round then runs the etcd peer (/work/shared/peers/etcd/bench.sh,
# same disk, same wrk) so both are measured side by side. Figures are medians over ROUNDS.
#
#   bench/b3.sh                          FastGPU, 3 rounds
#   RUN_PEER=1 bench/b3.sh               and etcd 3.4 in every round (apt-get install -y etcd-server)
#   ROUNDS=1 DURATION=15s WARMUP=30s CLIENTS="1 16 64" PORT=27070 bench/b3.sh
# Ends with: submits_per_s_c1=… submits_per_s_c16=… submits_per_s_c64=… p99_ms_c64=…
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-40s}
CLIENTS=${CLIENTS:-"1 16 64"}
PORT=${PORT:-27070}
PEER=${PEER:-$ROOT/../shared/peers/etcd/bench.sh}
TOKEN="fga_b3-bench-token-$(date +%s%N)"
URL="http://127.0.0.1:$PORT"

need() {  # need COMMAND DEBIAN_PACKAGE: installs the package when missing and we are root on Debian
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "b3: installing $2 ..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2") >/dev/null
  fi
  command -v "$1" >/dev/null || { echo "b3: $1 is missing; install it with: apt-get install -y $2" >&2; exit 1; }
}
need wrk wrk
[ "${RUN_PEER:-0}" = "1" ] && need etcd etcd-server
"$ROOT/fastgpu" server --help >/dev/null   # builds the binary if sources changed and prepares the start-up cache (not timed)

D=$(mktemp -d "${TMPDIR:-/tmp}/fastgpu-b3.XXXXXX")
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=""
}
trap 'stop_server; rm -rf "$D"' EXIT

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

start_server() {
  rm -rf "$D/data"
  FASTGPU_ADMIN_TOKEN="$TOKEN" "$ROOT/fastgpu" server --data-dir "$D/data" --port "$PORT" >"$D/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/whoami" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "b3: the server did not start:" >&2; cat "$D/server.log" >&2; exit 1
}

commits() {  # the server's durable store commits so far
  curl -sf -H "Authorization: Bearer $TOKEN" "$URL/metrics" | awk '/^fastgpu_store_commits_total /{printf "%d", $2}'
}

to_ms() {  # wrk's latency (e.g. 812.00us, 3.20ms, 1.02s) in milliseconds
  awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /m$/) {sub(/m$/,"",v); v*=60000} else {sub(/s$/,"",v); v*=1000}; printf "%.2f", v }'
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{ if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2 }'; }

declare -A RPS P99 SPJ ERPS EP99
for round in $(seq 1 "$ROUNDS"); do
  start_server
  wrk -t2 -c64 -d"$WARMUP" -s "$D/submit.lua" "$URL" >/dev/null   # JIT warm-up, not reported
  for c in $CLIENTS; do
    t=$([ "$c" -lt 2 ] && echo 1 || echo 2)
    before=$(commits || true)
    r=$(wrk -t"$t" -c"$c" -d"$DURATION" --latency -s "$D/submit.lua" "$URL" 2>&1)
    after=$(commits || true)
    rps=$(echo "$r" | awk '/Requests\/sec/{printf "%.0f", $2}')
    total=$(echo "$r" | awk '/requests in/{print $1}')
    p99=$(to_ms "$(echo "$r" | awk '$1=="99%"{print $2}')")
    errs=$(echo "$r" | awk '/Non-2xx/{print $NF}'); errs=${errs:-0}
    spj=$(awk -v a="${after:-0}" -v b="${before:-0}" -v n="${total:-0}" 'BEGIN{ if (n > 0 && a > 0) printf "%.3f", (a-b)/n; else print "n/a" }')
    echo "round $round fastgpu c=$c: $rps submits/s, p99 $p99 ms, $total requests, non2xx=$errs, syncs/job $spj"
    [ "$errs" = "0" ] || { echo "b3: $errs requests failed; server log tail:" >&2; tail -n 20 "$D/server.log" >&2; }
    RPS[$c]="${RPS[$c]:-} $rps"; P99[$c]="${P99[$c]:-} $p99"; SPJ[$c]="${SPJ[$c]:-} $spj"
  done
  stop_server
  if [ "${RUN_PEER:-0}" = "1" ]; then
    peer=$(bash "$PEER" 2>&1)
    echo "$peer" | sed "s/^/round $round /"
    for c in $CLIENTS; do
      ERPS[$c]="${ERPS[$c]:-} $(echo "$peer" | tr ' ' '\n' | awk -F= -v k="etcd_puts_per_s_c$c" '$1==k{printf "%.0f", $2}')"
      EP99[$c]="${EP99[$c]:-} $(to_ms "$(echo "$peer" | tr ' ' '\n' | awk -F= -v k="etcd_p99_c$c" '$1==k{print $2}')")"
    done
  fi
done

echo "medians over $ROUNDS round(s), $DURATION per client count, after a $WARMUP warm-up:"
summary=""
for c in $CLIENTS; do
  line="  c=$c fastgpu $(echo "${RPS[$c]}" | median)/s p99 $(echo "${P99[$c]}" | median) ms syncs/job $(echo "${SPJ[$c]}" | median)"
  if [ "${RUN_PEER:-0}" = "1" ]; then
    e=$(echo "${ERPS[$c]}" | median)
    line="$line | etcd $e/s p99 $(echo "${EP99[$c]}" | median) ms | ratio $(awk -v a="$(echo "${RPS[$c]}" | median)" -v b="$e" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }')"
  fi
  echo "$line"
  summary="$summary submits_per_s_c$c=$(echo "${RPS[$c]}" | median)"
done
echo "${summary# } p99_ms_c64=$(echo "${P99[64]:-}" | median)"
