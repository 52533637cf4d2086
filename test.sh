#!/usr/bin/env bash
# The test command: every test, including those that need a Docker engine (tag "docker"; a running dockerd
# is started here when docker.io is installed and none runs). Extra args go to Maven, e.g. -Dtest=LoaderTest.
set -euo pipefail
cd "$(dirname "$0")"
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
if command -v dockerd >/dev/null && ! docker info >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "starting dockerd"
  (nohup dockerd >/tmp/jcompose-ci-dockerd.log 2>&1 &)
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
fi
if docker info >/dev/null 2>&1; then scripts/make-busybox-image.sh; fi
if [ ! -c /dev/null ]; then # see DevNullGuard: something before the tests (install.sh once) destroyed it
  echo "test.sh: /dev/null is not a character device before the tests start" >&2
  exit 1
fi
rm -f target/devnull-guard.txt
status=0
mvn -B test "$@" || status=$?
# src/test/java/dev/jcompose/DevNullGuard.java: a test class that destroyed /dev/null fails the run by name
if [ -s target/devnull-guard.txt ]; then
  echo "test.sh: /dev/null was damaged during the run:" >&2
  cat target/devnull-guard.txt >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
