#!/usr/bin/env bash
# Stop, kill and force-remove latency of the embedded engine (and dockerd's kill and rm -f for scale), over the
# Engine API from bench/engine-stop-client.py (busybox `httpd -f` as PID 1: it has no SIGTERM handler, so a
# signal-aware stop kills at once; dockerd waits the whole 10 s grace, so its stop is not measured).
# Used to check that speeding up the start path did not slow the way down:
#   bench/engine-stop.sh [RUNS]                          (default 10; needs root, target/jcompose.jar, python3)
#   JCOMPOSE_JAR=/path/to/other/jcompose.jar bench/engine-stop.sh 10    (e.g. a build of the previous commit)
#   BENCH_ENGINES="embedded dockerd"                     (default: embedded only)
set -euo pipefail
RUNS=${1:-10}
ENGINES=${BENCH_ENGINES:-embedded}
here=$(cd "$(dirname "$0")/.." && pwd)
jar=${JCOMPOSE_JAR:-$here/target/jcompose.jar}
work=$(mktemp -d /tmp/jct-bench-stop.XXXXXX)
image=jcompose/busybox:latest
embedded_sock="$work/run/engine.sock"
java="${JAVA_HOME:-$("$here/bin/find-jdk")}/bin/java"
body='{"Image":"'$image'","Cmd":["httpd","-f","-p","8080","-h","/etc"],"Labels":{"dev.jcompose.bench":"1"}}'

# Test naming (jcta-*): never the bridges and namespaces of the engine installed on the machine.
engine_env() { JCOMPOSE_ENGINE_ROOT="$work/root" JCOMPOSE_ENGINE_RUN="$work/run" JCOMPOSE_NETWORK_NAMING=test "$@"; }
cleanup() {
  for s in /var/run/docker.sock "$embedded_sock"; do
    [ -S "$s" ] || continue
    for id in $(curl -sf --unix-socket "$s" "http://d/v1.41/containers/json?all=1&filters=%7B%22name%22%3A%5B%22jct-bench-stop-%22%5D%7D" | jq -r '.[].Id' 2>/dev/null); do
      curl -sf --unix-socket "$s" -X DELETE "http://d/v1.41/containers/$id?force=1" >/dev/null || true
    done
  done
  if [ -S "$embedded_sock" ]; then engine_env "$java" -jar "$jar" engine stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
[ -f "$jar" ] || { echo "build first: mvn -q -o package -DskipTests" >&2; exit 1; }
echo "stop / kill / rm -f of a running busybox httpd, median of $RUNS (ms), $(basename "$jar") $(stat -c %y "$jar" | cut -c1-16)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for e in $ENGINES; do
  if [ "$e" = embedded ]; then
    engine_env "$java" -jar "$jar" engine start >/dev/null
    docker save "$image" | docker -H "unix://$embedded_sock" load >/dev/null
    s=$embedded_sock
  else
    s=/var/run/docker.sock
  fi
  echo; echo "$e:"; echo; echo "| operation | median | range |"; echo "|---|---:|---:|"
  python3 "$here/bench/engine-stop-client.py" "$s" "$RUNS" "$body" $([ "$e" = dockerd ] && echo skip-stop)
done
echo; echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
