#!/usr/bin/env bash
# B4 - simulator speed: the 21,318-job Philly slice on 60 x 8 GPUs, each policy, N runs (median;
# single runs for the preemptive policies on the 60 nodes, which take several seconds each; pooled
# srtf-oracle and las get N runs); strict FIFO also on 50 x 8 (the long-queue case), the per-VC partition run, and a 100,000-job
# trace made here from shifted copies of the slice (written to a temporary directory, never to shared/).
# Prints key=value lines per case:
#   b4_<case>_wall_ms=<median>     the simulator's own replay time (its wall_ms: JVM start, trace reading
#                                  and report excluded)
#   b4_<case>_process_ms=<median>  the whole `fastgpu sim replay` process, JVM start and JIT warm-up included
# Usage: bench/b4.sh [runs=5]   (TRACES=dir overrides ../shared/traces)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRACES="${TRACES:-$ROOT/../shared/traces}"
TRACE="$TRACES/philly-pollux/philly_2017-11.csv"
[ -f "$TRACE" ] || { echo "b4: $TRACE not found; set TRACES=/path/to/shared/traces" >&2; exit 2; }
command -v python3 >/dev/null || { echo "b4: python3 is needed to build the 100,000-job trace" >&2; exit 2; }
RUNS="${1:-5}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"$ROOT/fastgpu" sim --help >/dev/null # build first and prepare the simulator's start-up cache, so no run pays for it

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# case name, runs, then the replay arguments
measure() {
  local name="$1" runs="$2"; shift 2
  local walls=() procs=()
  for _ in $(seq "$runs"); do
    local t0 t1 out
    t0=$(date +%s%N)
    out=$("$ROOT/fastgpu" sim replay "$@" --json)
    t1=$(date +%s%N)
    walls+=("$(printf '%s\n' "$out" | sed -n 's/.*"wall_ms":\([0-9]*\).*/\1/p' | head -n 1)")
    procs+=("$(( (t1 - t0) / 1000000 ))")
  done
  echo "b4_${name}_wall_ms=$(printf '%s\n' "${walls[@]}" | median)"
  echo "b4_${name}_process_ms=$(printf '%s\n' "${procs[@]}" | median)"
}

for policy in fifo fifo-backfill sjf-oracle sjf-oracle-backfill learned; do
  measure "$policy" "$RUNS" --trace "$TRACE" --nodes 60 --gpus-per-node 8 --policy "$policy"
done
measure n50_fifo "$RUNS" --trace "$TRACE" --nodes 50 --gpus-per-node 8 --policy fifo
# preemptive policies: pooled as B5's (P) rows, and on the 60 nodes themselves (every re-plan then
# places through the core on 60 nodes; no count shortcut)
for policy in srtf-oracle las; do
  measure "pooled_${policy}" "$RUNS" --trace "$TRACE" --nodes 60 --gpus-per-node 8 --pooled --policy "$policy"
  measure "${policy}" 1 --trace "$TRACE" --nodes 60 --gpus-per-node 8 --policy "$policy"
done
measure learned-preemptive 1 --trace "$TRACE" --nodes 60 --gpus-per-node 8 --policy learned-preemptive
measure per_vc_fifo "$RUNS" --trace "$TRACE" --gpus-per-node 8 --partition-by cluster \
    --partition-sizes "$TRACES/philly-pollux/philly_vc_helios.csv" --policy fifo

# 100,000 jobs: copy k of the slice shifted by k x 30 days (its span), as a FastGPU CSV, cut at 100,000 rows
python3 - "$TRACE" "$TMP/philly_100k.csv" <<'PY'
import csv, sys
from datetime import datetime, timezone
rows = []
with open(sys.argv[1]) as f:
    for r in csv.DictReader(f):
        t = datetime.strptime(r["timestamp"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
        rows.append((t, r["duration"], r["num_gpus"], r["cluster"]))
span = 30 * 86400
with open(sys.argv[2], "w") as out:
    out.write("submit_s,duration_s,gpus,vc\n")
    n, k = 0, 0
    while n < 100000:
        for t, d, g, vc in rows:
            if n == 100000:
                break
            out.write(f"{t + k * span:.0f},{d},{g},{vc}\n")
            n += 1
        k += 1
PY
for policy in fifo fifo-backfill sjf-oracle-backfill learned; do
  measure "100k_${policy}" 1 --trace "$TMP/philly_100k.csv" --nodes 60 --gpus-per-node 8 --policy "$policy"
done
