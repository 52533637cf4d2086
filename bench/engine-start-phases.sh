#!/usr/bin/env bash
# Where the embedded engine's create/start/remove time goes: runs a daemon with the DEBUG timing lines on
# (PhaseTimer, ContainerRuntime, ConmonMonitor), creates, starts and force-removes RUNS busybox httpd
# containers over the API (after 3 warm-ups), and prints the median of each phase.
#   bench/engine-start-phases.sh [RUNS]     (default 10; needs root, python3, target/jcompose.jar; run under
#                                           /tmp/jc-host-tests.lock)
#   JCOMPOSE_JAR=/path/to/jcompose.jar      another build (a build without the timing lines prints nothing)
set -euo pipefail
RUNS=${1:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
jar=${JCOMPOSE_JAR:-$here/target/jcompose.jar}
work=$(mktemp -d /tmp/jct-bench-phases.XXXXXX)
java="${JAVA_HOME:-$("$here/bin/find-jdk")}/bin/java"
sock="$work/run/engine.sock"
engine_env() { JCOMPOSE_ENGINE_ROOT="$work/root" JCOMPOSE_ENGINE_RUN="$work/run" JCOMPOSE_NETWORK_NAMING=test "$@"; }
cleanup() {
  if [ -S "$sock" ]; then engine_env "$java" -jar "$jar" engine stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cat > "$work/logging.properties" <<'PROPS'
handlers=java.util.logging.ConsoleHandler
.level=INFO
java.util.logging.ConsoleHandler.level=ALL
java.util.logging.SimpleFormatter.format=%1$tT.%1$tL %4$s %5$s%6$s%n
dev.jcompose.runtime.engine.PhaseTimer.level=ALL
dev.jcompose.runtime.container.ContainerRuntime.level=ALL
dev.jcompose.runtime.container.ConmonMonitor.level=ALL
PROPS
JAVA_TOOL_OPTIONS="-Djava.util.logging.config.file=$work/logging.properties" engine_env "$java" -jar "$jar" \
  engine start >/dev/null 2>&1
docker save jcompose/busybox:latest | docker -H "unix://$sock" load >/dev/null
python3 - "$sock" "$RUNS" "$here/bench/engine-start-client.py" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("client", sys.argv[3])
client = importlib.util.module_from_spec(spec)
spec.loader.exec_module(client)
sock, runs = sys.argv[1], int(sys.argv[2])
body = {"Image": "jcompose/busybox:latest", "Cmd": ["httpd", "-f", "-p", "8080", "-h", "/etc"]}
for i in range(runs + 3):
    cid = client.call(sock, "POST", f"/containers/create?name=jct-bench-phases-{i}", body)["Id"]
    client.call(sock, "POST", f"/containers/{cid}/start")
    client.call(sock, "DELETE", f"/containers/{cid}?force=1")
PY
echo "phases, median of the last $RUNS (ms), $(basename "$jar"), load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/root/engine.log" "$RUNS" <<'PY'
import re, statistics, sys
runs = int(sys.argv[2])
groups = {}
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r"(?:FINE|DEBUG) (\S+)(?: [0-9a-f]{12})?: (.*)$", line.rstrip())
    if not m:
        continue
    kind, body = m.group(1), m.group(2)
    total = None
    if " = " in body:
        body, total = body.rsplit(" = ", 1)
    else:
        kind = "  " + kind  # detail lines of ContainerRuntime / ConmonMonitor
    phases = groups.setdefault(kind, {})
    for i, part in enumerate(body.split(", ")):
        p = re.match(r"(.+?) ([\d.]+) ms$", part.strip())
        if p:
            phases.setdefault((i, p.group(1)), []).append(float(p.group(2)))
    if total:
        phases.setdefault((99, "total"), []).append(float(total.split()[0]))
for kind, phases in groups.items():
    print(kind + ": " + ", ".join(f"{name} {statistics.median(v[-runs:]):.1f}" for (_, name), v in phases.items()))
PY
