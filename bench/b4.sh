#!/usr/bin/env bash
# B4 - simulator speed: the 21,318-job Philly slice on 60 x 8 GPUs, each policy, N runs (median).
# Prints key=value lines: b4_<policy>_wall_ms=<median> (the simulator's own time, JVM start excluded).
# Usage: bench/b4.sh [runs=5]   (TRACES=dir overrides ../shared/traces)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRACES="${TRACES:-$ROOT/../shared/traces}"
TRACE="$TRACES/philly-pollux/philly_2017-11.csv"
[ -f "$TRACE" ] || { echo "b4: $TRACE not found; set TRACES=/path/to/shared/traces" >&2; exit 2; }
RUNS="${1:-5}"
for policy in fifo fifo-backfill sjf-oracle sjf-oracle-backfill learned; do
  walls=()
  for _ in $(seq "$RUNS"); do
    walls+=("$("$ROOT/fastgpu" sim replay --trace "$TRACE" --nodes 60 --gpus-per-node 8 --policy "$policy" --json \
      | sed -n 's/.*"wall_ms":\([0-9]*\).*/\1/p')")
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "b4_${policy}_wall_ms=$median"
done
for policy in srtf-oracle las; do
  w=$("$ROOT/fastgpu" sim replay --trace "$TRACE" --nodes 60 --gpus-per-node 8 --pooled --policy "$policy" --json \
      | sed -n 's/.*"wall_ms":\([0-9]*\).*/\1/p')
  echo "b4_pooled_${policy}_wall_ms=$w"
done
w=$("$ROOT/fastgpu" sim replay --trace "$TRACE" --gpus-per-node 8 --partition-by cluster \
    --partition-sizes "$TRACES/philly-pollux/philly_vc_helios.csv" --policy fifo --json | sed -n 's/.*"wall_ms":\([0-9]*\).*/\1/p')
echo "b4_per_vc_fifo_wall_ms=$w"
