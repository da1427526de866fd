#!/usr/bin/env bash
# B6 - packing under fragmentation (FGD protocol) on the openb lists, seeds 42..51.
# Prints b6_<placement>_allocated_at_100pct=<mean %> and _at_130pct for frag, pack and spread.
# Usage: bench/b6.sh [pod list]   (TRACES=dir overrides ../shared/traces)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRACES="${TRACES:-$ROOT/../shared/traces}"
NODES="$TRACES/alibaba-openb-2023/openb_node_list_gpu_node.csv"
PODS="${1:-$TRACES/alibaba-openb-2023/openb_pod_list_default.csv}"
[ -f "$NODES" ] && [ -f "$PODS" ] || { echo "b6: openb files not found; set TRACES=/path/to/shared/traces" >&2; exit 2; }
for placement in frag pack spread; do
  "$ROOT/fastgpu" sim pack --nodes "$NODES" --pods "$PODS" --seeds 42-51 --placement "$placement" --json \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); p=sys.argv[1]
a, b, w = r["allocated_at_100pct"], r["allocated_at_130pct"], r["wall_ms"]
print(f"b6_{p}_allocated_at_100pct={a:.2f}"); print(f"b6_{p}_allocated_at_130pct={b:.2f}"); print(f"b6_{p}_wall_ms={w}")' "$placement"
done
