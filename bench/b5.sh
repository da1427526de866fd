#!/usr/bin/env bash
# B5 - scheduling quality on the Philly slice: every policy at 60 and 50 nodes x 8 GPUs, plus the
# pooled (P) preemptive rows. Prints key=value lines b5_<nodes>_<policy>_<figure>=<value>.
# Usage: bench/b5.sh [extra replay flags]   (TRACES=dir overrides ../shared/traces)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRACES="${TRACES:-$ROOT/../shared/traces}"
TRACE="${TRACE:-$TRACES/philly-pollux/philly_2017-11.csv}"
[ -f "$TRACE" ] || { echo "b5: $TRACE not found; set TRACES=/path/to/shared/traces" >&2; exit 2; }
emit() {  # prefix, then JSON lines on stdin
  python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    for k in ("avg_jct_s", "p50_jct_s", "p99_jct_s", "avg_queue_s", "p99_queue_s", "preemptions", "wait_cap_triggers", "wall_ms"):
        pol = r["policy"]
        print(f"{sys.argv[1]}_{pol}_{k}={r[k]}")
' "$1"
}
for n in 60 50; do
  "$ROOT/fastgpu" sim replay --trace "$TRACE" --nodes "$n" --gpus-per-node 8 \
    --policy fifo,fifo-backfill,sjf-oracle,sjf-oracle-backfill,learned,las,learned-preemptive --json "$@" | emit "b5_${n}"
  "$ROOT/fastgpu" sim replay --trace "$TRACE" --nodes "$n" --gpus-per-node 8 --pooled \
    --policy srtf-oracle,las --json "$@" | emit "b5_${n}_pooled"
done
