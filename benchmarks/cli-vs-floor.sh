#!/usr/bin/env bash
# triage classify against its floor (issue 11), whole processes as a user runs them: the floor
# program (Commons CSV alone: stream the canonical export, group rows by order_id, one JSON line per
# order) and `triage classify EXPORT --prices P --format jsonl --all -o OUT`, on the same generated
# export, alternately, RUNS times each; prints each time, the medians and their ratio, and the CLI's
# peak RSS. The CLI runs through the repository's launcher (./triage), as the README runs it: with its
# class data sharing archive (made before the first timed run) and ParallelGC.
#
#   benchmarks/cli-vs-floor.sh [ORDERS [RUNS]]      (default 200000 orders, 5 runs)
#
# Needs the jars: mvn -B -DskipTests install (triage-cli/target/triage.jar, benchmarks/target/benchmarks.jar).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
orders="${1:-200000}"
runs="${2:-5}"
bench="$root/benchmarks/target/benchmarks.jar"
cli="$root/triage-cli/target/triage.jar"
for jar in "$bench" "$cli"; do
  [ -f "$jar" ] || { echo "missing $jar: run mvn -B -DskipTests install first" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$bench" io.ordertriage.benchmarks.IngestBenchmark "$work" "$orders" 2>&1 | grep -v DEBUG >&2

seconds() {   # runs "$@", prints its wall time in seconds and keeps its peak RSS (KB) in $work/rss
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}

unset TRIAGE_JAVA_OPTS
"$root/triage" --version >/dev/null   # builds the class data sharing archive when missing, before any timing
floor=(); cli_times=(); rss=0
for i in $(seq 1 "$runs"); do
  f=$(seconds java -XX:+UseParallelGC -cp "$bench" io.ordertriage.benchmarks.Floor "$work/orders.csv" "$work/floor.jsonl")
  c=$(seconds "$root/triage" classify "$work/orders.csv" --prices "$work/prices.csv" \
        --as-of 2026-03-10T12:00:00Z --zone UTC --format jsonl --all -o "$work/out.jsonl" --no-progress)
  r=$(cat "$work/rss"); [ "$r" -gt "$rss" ] && rss=$r
  printf 'run %d: floor %6.2f s   triage classify %6.2f s\n' "$i" "$f" "$c"
  floor+=("$f"); cli_times+=("$c")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mf=$(median "${floor[@]}"); mc=$(median "${cli_times[@]}")
printf '%s orders: floor median %.2f s, triage classify median %.2f s, ratio %.2f; triage peak RSS %d MB\n' \
  "$orders" "$mf" "$mc" "$(awk -v c="$mc" -v f="$mf" 'BEGIN {print c / f}')" "$((rss / 1024))"
