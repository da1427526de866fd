#!/usr/bin/env bash
# B5 on held-out-style windows: the Philly slice cut by submit order into halves (h1, h2) and thirds
# (t1..t3), each replayed on its own (the predictor starts with no history), plus the whole slice,
# at 60 and 50 nodes x 8 GPUs. Prints b5w_<window>_<nodes>_<policy>_avg_jct_s=... and, per window,
# learned's gap to sjf-oracle-backfill in percent. A change to the learned policy should hold up on
# every window, not only on the whole slice.
# Usage: bench/b5w.sh [extra replay flags, applied to every policy]   (TRACE=file overrides the slice;
# POLICIES=sjf-oracle-backfill,learned,learned-preemptive adds policies, each compared with the first)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRACES="${TRACES:-$ROOT/../shared/traces}"
TRACE="${TRACE:-$TRACES/philly-pollux/philly_2017-11.csv}"
[ -f "$TRACE" ] || { echo "b5w: $TRACE not found; set TRACES=/path/to/shared/traces" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 - "$TRACE" "$WORK" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
head, rows = lines[0], [l for l in lines[1:] if l.strip()]
n = len(rows)
cuts = {"h1": rows[:n // 2], "h2": rows[n // 2:]}
for i in range(3):
    cuts[f"t{i + 1}"] = rows[i * n // 3:(i + 1) * n // 3]
for name, part in cuts.items():
    open(f"{sys.argv[2]}/{name}.csv", "w").write("\n".join([head] + part) + "\n")
PY
cp "$TRACE" "$WORK/full.csv"
for w in full h1 h2 t1 t2 t3; do
  for n in 60 50; do
    "$ROOT/fastgpu" sim replay --trace "$WORK/$w.csv" --nodes "$n" --gpus-per-node 8 \
      --policy "${POLICIES:-sjf-oracle-backfill,learned}" --json "$@" | python3 -c '
import json, sys
jct = {}
for line in sys.stdin:
    r = json.loads(line)
    pol, avg, caps, pre = r["policy"], r["avg_jct_s"], r["wait_cap_triggers"], r["preemptions"]
    jct[pol] = avg
    print(f"b5w_{sys.argv[1]}_{pol}_avg_jct_s={avg}")
    if pol.startswith("learned"): print(f"b5w_{sys.argv[1]}_{pol}_wait_cap_triggers={caps}")
    if pre: print(f"b5w_{sys.argv[1]}_{pol}_preemptions={pre}")
ref = next(iter(jct))
for pol, avg in jct.items():
    if pol != ref: print(f"b5w_{sys.argv[1]}_{pol}_gap_pct={100 * (avg / jct[ref] - 1):.1f}")
' "${w}_${n}"
  done
done
