#!/usr/bin/env bash
# No-op `up -d` only: jcompose vs docker-compose 1.29.2 on the same dockerd and the stack of bench/converge.sh
# (bench/gen-chain.py: 10 chained services + web), both projects up once, then RUNS no-op `up -d` of each tool,
# interleaved (the order alternates per run). Prints medians of wall clock and of process CPU (user+sys), which
# moves less with the machine's load than wall time does. A full converge.sh run takes minutes (the peer's
# `down`); this takes seconds.
#   bench/noop-up.sh [RUNS]           RUNS defaults to 11
#   JCOMPOSE=path/to/jcompose DOCKER_COMPOSE=docker-compose bench/noop-up.sh
set -euo pipefail
RUNS=${1:-${RUNS:-11}}
JC=${JCOMPOSE:-jcompose}
DC=${DOCKER_COMPOSE:-docker-compose}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/jcompose-bench-noop.XXXXXX)
jp="jcnoop-$$"
dp="dcnoop-$$"

purge() { # project: remove whatever a project left, by label
  local ids
  ids=$(docker ps -aq --filter "label=com.docker.compose.project=$1")
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
  ids=$(docker network ls -q --filter "label=com.docker.compose.project=$1")
  [ -z "$ids" ] || docker network rm $ids >/dev/null
}
trap 'purge "$jp"; purge "$dp"; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

python3 "$here/gen-chain.py" 10 > "$work/compose.yaml"
docker image inspect jcompose/busybox:latest >/dev/null 2>&1 || {
  echo "jcompose/busybox:latest is missing: run scripts/make-busybox-image.sh" >&2; exit 1; }

one() { # tool project name; appends "wall_ms cpu_ms" to $work/name.times
  local s e
  s=$(date +%s%N)
  (cd "$work" && /usr/bin/time -f "%U %S" -o "$work/cpu" $1 -p "$2" up -d) >/dev/null 2>"$work/err" || {
    echo "FAILED: $1 -p $2 up -d" >&2; cat "$work/err" >&2; exit 1; }
  e=$(date +%s%N)
  echo "$(( (e - s) / 1000000 )) $(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu")" >>"$work/$3.times"
}

(cd "$work" && $JC -p "$jp" up -d >/dev/null 2>&1 && $DC -p "$dp" up -d >/dev/null 2>&1)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq "$RUNS"); do
  if [ $((run % 2)) = 1 ]; then one "$JC" "$jp" jc; one "$DC" "$dp" dc; else one "$DC" "$dp" dc; one "$JC" "$jp" jc; fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
jw=$(cut -d' ' -f1 "$work/jc.times" | median); jc=$(cut -d' ' -f2 "$work/jc.times" | median)
dw=$(cut -d' ' -f1 "$work/dc.times" | median); dcpu=$(cut -d' ' -f2 "$work/dc.times" | median)
echo "- no-op up -d, median of $RUNS interleaved runs; load average before/after: $load_before / $load_after"
echo
echo "| no-op up -d | jcompose (ms) | docker-compose (ms) | ratio | target |"
echo "|---|---:|---:|---:|---:|"
echo "| wall clock | $jw | $dw | $(awk -v a="$jw" -v b="$dw" 'BEGIN {printf "%.2f", a / b}')x | ≤ 0.5x |"
echo "| CPU (user+sys) | $jc | $dcpu | $(awk -v a="$jc" -v b="$dcpu" 'BEGIN {printf "%.2f", a / b}')x | |"
echo
echo "Per run, wall ms (in run order): jcompose $(cut -d' ' -f1 "$work/jc.times" | tr '\n' ' ')/ docker-compose $(cut -d' ' -f1 "$work/dc.times" | tr '\n' ' ')"
