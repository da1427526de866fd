#!/bin/bash
# B2 — end-to-end launch latency and drain throughput (BENCHMARKS.md): a real server and a real agent
# with 8 declared GPUs (`fastgpu up`, one process, agent talking HTTP over loopback), driven by the
# bench module's LaunchBench client:
#   (a) 20 sequential 1-GPU jobs on an idle cluster, submit -> job process started (the job writes
#       `date +%s.%N` to a file, as in the Slurm peer's bench.sh), p50 and max;
#   (b) 500 trivial 1-GPU jobs (`true`) submitted as fast as the client can; time until all are in a
#       terminal state in the server (and all SUCCEEDED).
# Each run starts a fresh server and first warms it up (WARMUP_DRAIN trivial jobs drained, then WARMUP
# sequential jobs; the warm-up drain's time is printed as a comment: that is the cold-JVM figure).
# Environment: RUNS=1 (fresh server per run; medians reported), N=500, SEQ=20, WARMUP=10, WARMUP_DRAIN=200,
# CONNECTIONS=4, RUN_SLURM=1 (also set up and measure the Slurm peer, same N, after each FastGPU run),
# KEEP=1 (keep the work directory with the server log), CLIENT_JAVA_OPTS (JVM options of the client; default -XX:TieredStopAtLevel=1), CLI_SUBMITS=0 (also time that many sequential `fastgpu submit` processes, like the peer's sbatch loop).
# Prints per-run key=value lines, then the medians:
#   fastgpu_start_p50_ms=… fastgpu_start_max_ms=… fastgpu_drain500_s=… [slurm_start_p50_ms=… slurm_drain500_s=…]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME_B2:-/usr/lib/jvm/temurin-25-jdk-amd64}
RUNS=${RUNS:-1}; N=${N:-500}; SEQ=${SEQ:-20}; WARMUP=${WARMUP:-10}; WARMUP_DRAIN=${WARMUP_DRAIN:-200}; CONNECTIONS=${CONNECTIONS:-4}
RUN_SLURM=${RUN_SLURM:-0}; CLI_SUBMITS=${CLI_SUBMITS:-0}
SHARED=${FASTGPU_SHARED:-$ROOT/../shared}

echo "# building cli and bench ..." >&2
./mvnw -B -q -DskipTests -pl cli,bench -am package >&2
touch cli/target/classpath.txt # the ./fastgpu launcher sees a fresh build
./fastgpu up --help >/dev/null  # and prepares its start-up caches now (once per build), not while a run is timed
./fastgpu --version >/dev/null  # (the CLI commands have their own)
BENCH_CP="bench/target/classes:$(cat bench/target/classpath.txt)"

WORK=$(mktemp -d /tmp/fastgpu-b2.XXXXXX)
UP_PID=""; STARTED_SLURM=()
cleanup() {
  if [ -n "$UP_PID" ] && kill -0 "$UP_PID" 2>/dev/null; then kill -TERM "$UP_PID"; wait "$UP_PID" 2>/dev/null || true; fi
  for pid in "${STARTED_SLURM[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "# kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

start_fastgpu() {  # $1: run directory; sets UP_PID, URL, TOKEN
  local d=$1
  mkdir -p "$d"; : >"$d/up.log"
  FASTGPU_CONFIG="$d/config" ./fastgpu up --gpus 8xH100-80GB --data-dir "$d/data" --port 0 >"$d/up.log" 2>&1 &
  UP_PID=$!
  for _ in $(seq 1 600); do
    URL=$(sed -n 's/^FastGPU is up on \([^ ]*\) .*/\1/p' "$d/up.log")
    [ -n "$URL" ] && [ -s "$d/config" ] && break
    kill -0 "$UP_PID" 2>/dev/null || { cat "$d/up.log" >&2; echo "fastgpu up exited early" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$URL" ] || { cat "$d/up.log" >&2; echo "fastgpu up did not come up in 60 s" >&2; exit 1; }
  TOKEN=$(sed -n 's/^token=//p' "$d/config")
}

stop_fastgpu() {
  kill -TERM "$UP_PID"; wait "$UP_PID" 2>/dev/null || true; UP_PID=""
}

cli_submits() {  # sequential `fastgpu submit` processes per second, like the peer's sbatch loop
  local d=$1 t0 t1
  t0=$(date +%s.%N)
  for _ in $(seq 1 "$CLI_SUBMITS"); do
    FASTGPU_CONFIG="$d/config" ./fastgpu submit --gpus 1 -- true >/dev/null
  done
  t1=$(date +%s.%N)
  echo "fastgpu_cli_submit_rate_per_s=$(echo "$CLI_SUBMITS / ($t1 - $t0)" | bc -l | cut -c1-6)"
}

start_slurm() {
  [ -f "$SHARED/peers/slurm/setup.sh" ] || { echo "no Slurm peer at $SHARED/peers/slurm; set FASTGPU_SHARED to the shared directory" >&2; exit 1; }
  local before_ctld before_d before_munge
  before_ctld=$(pgrep -x slurmctld || true); before_d=$(pgrep -x slurmd || true); before_munge=$(pgrep -x munged || true)
  bash "$SHARED/peers/slurm/setup.sh" >&2
  [ -z "$before_ctld" ] && STARTED_SLURM+=($(pgrep -x slurmctld || true))
  [ -z "$before_d" ] && STARTED_SLURM+=($(pgrep -x slurmd || true))
  [ -z "$before_munge" ] && STARTED_SLURM+=($(pgrep -x munged || true))
  return 0
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
pick() { sed -n "s/^$1=\([^ ]*\).*/\1/p" "$2"; }

[ "$RUN_SLURM" = 1 ] && start_slurm
for run in $(seq 1 "$RUNS"); do
  d="$WORK/run$run"
  start_fastgpu "$d"
  echo "# run $run: FastGPU at $URL" >&2
  # The client is a short-lived JVM on the same two cores: C1 only, so its JIT takes less CPU from the server.
  "$JAVA_HOME/bin/java" ${CLIENT_JAVA_OPTS--XX:TieredStopAtLevel=1} -cp "$BENCH_CP" dev.fastgpu.bench.b2.LaunchBench --url "$URL" --token "$TOKEN" --dir "$d/marks" \
      --sequential "$SEQ" --jobs "$N" --connections "$CONNECTIONS" --warmup "$WARMUP" --warmup-drain "$WARMUP_DRAIN" --server-pid "$UP_PID" | tee "$d/fastgpu.out"
  [ "$CLI_SUBMITS" -gt 0 ] && cli_submits "$d" | tee -a "$d/fastgpu.out"
  # where the server's time went: passes, commits (each one sync), submission batches
  curl -s -H "Authorization: Bearer $TOKEN" "$URL/metrics" | grep -E \
      '^fastgpu_(scheduling_pass_seconds_(count|sum|max)|store_commits|submit_batches|jobs_placed)' | sed 's/^/# metric /' || true
  # CPU seconds of the server+agent process and of the job processes it reaped (utime stime cutime cstime)
  awk -v hz="$(getconf CLK_TCK)" '{printf "# cpu: fastgpu up %.2f s, its job processes %.2f s\n", ($14+$15)/hz, ($16+$17)/hz}' "/proc/$UP_PID/stat"
  stop_fastgpu
  if [ "$RUN_SLURM" = 1 ]; then
    echo "# run $run: Slurm peer, N=$N" >&2
    N=$N bash "$SHARED/peers/slurm/bench.sh" | tee "$d/slurm.out"
  fi
done

echo "# medians over $RUNS run(s), N=$N"
for key in fastgpu_start_p50_ms fastgpu_start_max_ms "fastgpu_drain${N}_s" fastgpu_submit_rate_jobs_per_s fastgpu_cli_submit_rate_per_s; do
  vals=$(for r in $(seq 1 "$RUNS"); do pick "$key" "$WORK/run$r/fastgpu.out"; done)
  [ -n "$vals" ] && echo "$key=$(echo "$vals" | median)"
done
if [ "$RUN_SLURM" = 1 ]; then
  p50=$(for r in $(seq 1 "$RUNS"); do pick slurm_submit_to_start_p50_s "$WORK/run$r/slurm.out"; done | median)
  mx=$(for r in $(seq 1 "$RUNS"); do pick slurm_submit_to_start_max_s "$WORK/run$r/slurm.out"; done | median)
  drain=$(for r in $(seq 1 "$RUNS"); do pick slurm_submit_and_drain_s "$WORK/run$r/slurm.out"; done | median)
  echo "slurm_start_p50_ms=$(echo "$p50 * 1000" | bc -l | cut -c1-8)"
  echo "slurm_start_max_ms=$(echo "$mx * 1000" | bc -l | cut -c1-8)"
  echo "slurm_drain${N}_s=$drain"
fi
