#!/usr/bin/env bash
# `config` on generated files of 50, 500 and 5000 services: jcompose vs docker-compose 1.29.2 (the peer), same
# files, same run. Prints a markdown table of medians of RUNS runs (wall clock, whole process).
#   bench/config-scale.sh [RUNS]        (needs jcompose on PATH from ./install.sh, and docker-compose)
set -euo pipefail
RUNS=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/jcompose-bench-config.XXXXXX)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { # command...; prints ms of one run, fails loudly if the command fails
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null 2>"$work/err" || { echo "FAILED: $*" >&2; cat "$work/err" >&2; return 1; }
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}

echo "| services | jcompose (ms) | docker-compose 1.29.2 (ms) | ratio |"
echo "|---:|---:|---:|---:|"
for n in 50 500 5000; do
  d="$work/$n"; mkdir -p "$d/conf"
  python3 "$here/gen-services.py" "$n" > "$d/compose.yaml"
  j=$(for _ in $(seq "$RUNS"); do (cd "$d" && time_ms jcompose config); done | median)
  if command -v docker-compose >/dev/null; then
    p=$(for _ in $(seq "$RUNS"); do (cd "$d" && time_ms docker-compose config); done | median)
    r=$(awk -v a="$j" -v b="$p" 'BEGIN {printf "%.2fx", a / b}')
  else
    p="n/a"; r="n/a"
  fi
  echo "| $n | $j | $p | $r |"
done
