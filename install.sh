#!/usr/bin/env bash
# One command on a fresh Debian machine: runtime packages, build, launcher on PATH, AOT cache. Idempotent.
#   PREFIX=/usr/local ./install.sh      (SKIP_PACKAGES=1 to leave apt alone)
set -euo pipefail
cd "$(dirname "$0")"
PREFIX=${PREFIX:-/usr/local}
LIB="$PREFIX/lib/jcompose"

if [ "${SKIP_PACKAGES:-0}" != 1 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  # Runtime of the embedded engine: runc, conmon (container monitor), tini (init), iproute2, iptables,
  # busybox-static (base image); maven to build.
  need=""
  for p in maven runc conmon tini iproute2 iptables busybox-static; do
    dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
  done
  if [ -n "$need" ]; then
    echo "installing:$need"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  fi
fi

JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
echo "building with $JAVA_HOME"
mvn -B -q -DskipTests package

mkdir -p "$LIB" "$PREFIX/bin"
tmp="$LIB/.jcompose.jar.$$"
# The old AOT cache goes first: the JVM did not reject a cache trained on the previous jar, and `engine start`
# below then ran old classes against new ones (NoSuchMethodError). It is trained again at the end.
rm -f "$LIB/jcompose.aot"
cp target/jcompose.jar "$tmp" && sync "$tmp" && mv -f "$tmp" "$LIB/jcompose.jar"

# JVM flags of the CLI (and of the AOT training run below, so the cache matches): C1 only; the serial GC — a
# short CLI run has no use for G1's concurrent threads and regions (no-op `up`: -24 ms wall); compile thresholds
# x4 — C1 spent ~0.2 s of CPU per no-op `up` compiling methods run a few hundred times, competing with the
# command on a loaded 2-core machine (-50 ms CPU, -20 ms wall; interleaved medians). Hot loops still compile.
JVM_FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CompileThresholdScaling=4"

cat > "$PREFIX/bin/jcompose.tmp.$$" <<LAUNCHER
#!/bin/sh
# jcompose launcher (written by install.sh)
JAVA_HOME="\${JCOMPOSE_JAVA_HOME:-$JAVA_HOME}"
AOT="$LIB/jcompose.aot"
if [ -f "\$AOT" ]; then
  exec "\$JAVA_HOME/bin/java" -XX:AOTCache="\$AOT" -Xlog:aot=off -Xlog:cds=off $JVM_FLAGS -jar "$LIB/jcompose.jar" "\$@"
fi
exec "\$JAVA_HOME/bin/java" $JVM_FLAGS -jar "$LIB/jcompose.jar" "\$@"
LAUNCHER
chmod 755 "$PREFIX/bin/jcompose.tmp.$$"
mv -f "$PREFIX/bin/jcompose.tmp.$$" "$PREFIX/bin/jcompose"

echo "installed: $PREFIX/bin/jcompose ($("$PREFIX/bin/jcompose" --version))"

# The embedded engine is the default when no dockerd runs: start it and give it the busybox base image the
# examples use (there is no registry to pull from). SKIP_ENGINE=1 leaves it alone.
if [ "${SKIP_ENGINE:-0}" != 1 ] && [ "$(id -u)" = 0 ]; then
  # restart a running engine so it runs the code just installed (its containers keep running meanwhile)
  "$PREFIX/bin/jcompose" engine stop >/dev/null 2>&1 || true
  "$PREFIX/bin/jcompose" engine start
  DOCKER_HOST=unix:///run/jcompose/engine.sock scripts/make-busybox-image.sh
fi

# AOT cache (JDK 25+): one training JVM runs the common commands on the hello example (after the engine is up,
# so plan/ps go the whole way); the launcher then starts in ~1/3 of the time. The --fake lines run up (cold and
# no-op) and down against an in-memory engine, so the executor's classes are in the cache too without creating
# anything on the machine (no-op `up`: -25 ms wall, interleaved medians).
# The probe reads the flag list: probing with -XX:AOTCacheOutput=/dev/null made the JVM delete /dev/null and write
# a regular file in its place (it removes an existing output file before dumping), which broke every later test.
if "$JAVA_HOME/bin/java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
  rm -f "$LIB/jcompose.aot"
  (cd compose-examples/hello && "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$LIB/jcompose.aot" $JVM_FLAGS \
      -Xlog:aot=off -Xlog:cds=off -cp "$LIB/jcompose.jar" dev.jcompose.cli.AotTraining \
      config --next config --hash '*' --next plan --next ps -a --next ls --next version \
      --next --fake --fake-image jcompose/busybox:latest up -d --next --fake up -d --next --fake ps --next --fake down \
      >/dev/null 2>&1) || true
fi
echo "ready: $("$PREFIX/bin/jcompose" --version)"
