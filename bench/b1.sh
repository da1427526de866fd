#!/usr/bin/env bash
# B1 (BENCHMARKS.md): scheduler-core placement throughput. Builds the bench module and what it
# needs, runs the JMH benchmark (one full pass per shot), then the plain reporter whose last line
# is the headline: placements_per_s=<n> pass_ms=<n> (medians).
#   bench/b1.sh            JMH + report
#   B1_SKIP_JMH=1 bench/b1.sh   report only (faster)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"

./mvnw -q -B -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/b1.cp
CP="bench/target/classes:$(cat bench/target/b1.cp)"

if [[ -z "${B1_SKIP_JMH:-}" ]]; then
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main B1SchedulerBenchmark -rf text -rff bench/target/b1-jmh.txt \
    -jvmArgsPrepend "-cp $CP"
fi
"$JAVA" -Xms2g -Xmx2g -cp "$CP" dev.fastgpu.bench.B1Report "${B1_RUNS:-15}"
