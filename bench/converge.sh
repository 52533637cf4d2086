#!/usr/bin/env bash
# Convergence speed: jcompose vs docker-compose 1.29.2 (the peer), side by side in one run on the same dockerd,
# on the stack of bench/gen-chain.py (10 chained services + web; busybox httpd as PID 1, which ignores SIGTERM).
# Per run and tool, from a clean state: cold `up -d`, no-op `up -d`, `up -d --scale web=10`, `down` (each tool's
# default stop timeout). Prints a markdown table of medians (wall clock, whole process) with ratios and targets.
#   bench/converge.sh [RUNS]          RUNS defaults to 3
#   JCOMPOSE=path/to/jcompose DOCKER_COMPOSE=docker-compose bench/converge.sh
# Needs the jcompose/busybox:latest image (scripts/make-busybox-image.sh). A docker-compose down of this stack
# takes ~2 minutes (10 s grace period per dependency level), so one run takes ~2.5 minutes.
set -euo pipefail
RUNS=${1:-${RUNS:-3}}
JC=${JCOMPOSE:-jcompose}
DC=${DOCKER_COMPOSE:-docker-compose}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/jcompose-bench-converge.XXXXXX)
jp="jcbench-$$"
dp="dcbench-$$"

purge() { # project: remove whatever a project left, by label, without timing it
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

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { # command...; prints ms of one run, fails loudly if the command fails
  local s e
  s=$(date +%s%N)
  (cd "$work" && "$@") >/dev/null 2>"$work/err" || { echo "FAILED: $*" >&2; cat "$work/err" >&2; return 1; }
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}

steps=(cold noop scale down)
one_run() { # tool-command project; appends "step ms" lines to $work/<project>.times
  local project=$2 tool=$1 ms
  purge "$project"
  ms=$(time_ms $tool -p "$project" up -d); echo "cold $ms" >>"$work/$project.times"
  ms=$(time_ms $tool -p "$project" up -d); echo "noop $ms" >>"$work/$project.times"
  ms=$(time_ms $tool -p "$project" up -d --scale web=10); echo "scale $ms" >>"$work/$project.times"
  [ "$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=web | wc -l)" = 10 ] || {
    echo "$tool did not scale web to 10" >&2; exit 1; }
  ms=$(time_ms $tool -p "$project" down); echo "down $ms" >>"$work/$project.times"
  [ -z "$(docker ps -aq --filter "label=com.docker.compose.project=$project")" ] || {
    echo "$tool down left containers" >&2; exit 1; }
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq "$RUNS"); do
  # Alternate who goes first so a drift in machine load does not favour one tool.
  if [ $((run % 2)) = 1 ]; then one_run "$JC" "$jp"; one_run "$DC" "$dp"; else one_run "$DC" "$dp"; one_run "$JC" "$jp"; fi
  echo "run $run/$RUNS done" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

target() { case $1 in cold) echo 0.7 ;; noop) echo 0.5 ;; scale) echo 0.5 ;; down) echo 0.05 ;; esac; }
label() { case $1 in cold) echo "cold up -d" ;; noop) echo "no-op up -d" ;; scale) echo "up -d --scale web=10 (1→10)" ;;
  down) echo "down" ;; esac; }

echo "- jcompose: $($JC --version 2>/dev/null | head -1); peer: $($DC version --short 2>/dev/null || $DC version | head -1)"
echo "- dockerd $(docker version --format '{{.Server.Version}}'), $(nproc) cores, load average before/after: $load_before / $load_after"
echo "- median of $RUNS runs, wall clock of the whole command (JVM start included)"
echo
echo "| operation | jcompose (ms) | docker-compose (ms) | ratio | target | met |"
echo "|---|---:|---:|---:|---:|:-:|"
for step in "${steps[@]}"; do
  j=$(awk -v s="$step" '$1 == s {print $2}' "$work/$jp.times" | median)
  d=$(awk -v s="$step" '$1 == s {print $2}' "$work/$dp.times" | median)
  t=$(target "$step")
  r=$(awk -v a="$j" -v b="$d" 'BEGIN {printf "%.2f", a / b}')
  met=$(awk -v r="$r" -v t="$t" 'BEGIN {print (r <= t) ? "yes" : "no"}')
  echo "| $(label "$step") | $j | $d | ${r}x | ≤ ${t}x | $met |"
done
echo
echo "Per run (ms, in run order): jcompose / docker-compose"
for step in "${steps[@]}"; do
  echo "- $(label "$step"): $(awk -v s="$step" '$1 == s {printf "%s ", $2}' "$work/$jp.times")/ $(awk -v s="$step" '$1 == s {printf "%s ", $2}' "$work/$dp.times")"
done
