#!/usr/bin/env bash
# Image build: the embedded engine's builder vs dockerd's classic builder, side by side in one run, through the
# same `jcompose build` (installed launcher) on compose-examples/build-demo (two images FROM jcompose/busybox:
# a Dockerfile with ARG/COPY/RUN, and a dockerfile_inline). Per run and engine: a cold build (--no-cache) and a
# cached rebuild. The engine that goes first alternates. Prints medians and the ratio embedded/dockerd.
#   bench/build.sh [RUNS]        RUNS defaults to 5; needs `./install.sh` (embedded engine running) and dockerd
set -euo pipefail
RUNS=${1:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/jct-bench-build.XXXXXX)
cp -r "$here/compose-examples/build-demo/." "$work/"
project="jctbenchbuild$$"
cleanup() {
  for e in docker embedded; do
    jcompose --engine "$e" -p "$project" -f "$work/compose.yaml" down --rmi all >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; exit 1; }; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 )); }
one() { # engine: appends "cold ms" and "cached ms" to $work/<engine>.times
  local e=$1
  echo "cold $(ms jcompose --engine "$e" -p "$project" -f "$work/compose.yaml" build --no-cache)" >>"$work/$e.times"
  echo "cached $(ms jcompose --engine "$e" -p "$project" -f "$work/compose.yaml" build)" >>"$work/$e.times"
}
for run in $(seq "$RUNS"); do
  if [ $((run % 2)) = 1 ]; then one embedded; one docker; else one docker; one embedded; fi
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| build of build-demo | embedded (ms) | dockerd (ms) | ratio |"
echo "|---|---:|---:|---:|"
for step in cold cached; do
  em=$(grep "^$step " "$work/embedded.times" | cut -d' ' -f2 | median)
  dk=$(grep "^$step " "$work/docker.times" | cut -d' ' -f2 | median)
  echo "| $step | $em | $dk | $(awk -v a="$em" -v b="$dk" 'BEGIN {printf "%.2fx", a / b}') |"
done
echo
echo "per run (ms): embedded cold/cached: $(grep -h . "$work/embedded.times" | tr '\n' ' ')"
echo "per run (ms): dockerd  cold/cached: $(grep -h . "$work/docker.times" | tr '\n' ' ')"
