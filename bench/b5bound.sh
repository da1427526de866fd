#!/usr/bin/env bash
# B5 bound: how close to SJF-oracle +bf the learned policy could come if its predictor knew what no
# scheduler can know from the Philly slice (each burst's mean true duration, where a burst is a run
# of same-shape jobs submitted less than GAP_S apart, and each lone job's own duration), at 60 and
# 50 nodes x 8 GPUs, with learned's ordering, backfill and 72 h wait cap (dev.fastgpu.sim.diag.BurstOracle).
# Prints b5bound_<nodes>_<variant>_avg_jct_s=... and _gap_pct=... (gap to sjf-oracle-backfill):
#   learned                   the policy as it is
#   learned_told_both         told every burst's mean and every lone job's duration
#   learned_told_bursts       told the burst means only (history predictions for lone jobs)
#   learned_told_lone         told the lone jobs' durations only (history predictions for bursts)
# Usage: bench/b5bound.sh [GAP_S=60]   (TRACE=file overrides the slice, NODES=60,50)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRACES="${TRACES:-$ROOT/../shared/traces}"
TRACE="${TRACE:-$TRACES/philly-pollux/philly_2017-11.csv}"
[ -f "$TRACE" ] || { echo "b5bound: $TRACE not found; set TRACES=/path/to/shared/traces" >&2; exit 2; }
export JAVA_HOME=${JAVA_HOME_B5:-/usr/lib/jvm/temurin-25-jdk-amd64}
"$ROOT/fastgpu" sim --help >/dev/null # builds when the sources changed
CP="$(ls "$ROOT"/cli/target/fastgpu-cli-*.jar 2>/dev/null | head -n 1):$ROOT/cli/target/classes:$(cat "$ROOT/cli/target/classpath.txt")"
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$CP" dev.fastgpu.sim.diag.BurstOracle "$TRACE" "${NODES:-60,50}" "${1:-60}"
