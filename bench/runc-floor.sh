#!/usr/bin/env bash
# The floor under the embedded engine's start: runc itself, timed from the shell with the config.json the engine
# generates for bench/engine-start.sh's container (seccomp, masked paths, cgroups, a joined netns), on a private
# busybox rootfs: conmon + runc create + runc start (what the engine runs), runc create + start, runc run -d,
# and create + start without parts of the config (seccomp, masked/read-only paths, resources, all three).
#   bench/runc-floor.sh [RUNS]     (default 10; needs root, conmon, runc, jq, target/jcompose.jar, dockerd's
#                                   jcompose/busybox image; run under /tmp/jc-host-tests.lock)
set -euo pipefail
N=${1:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
jar=${JCOMPOSE_JAR:-$here/target/jcompose.jar}
w=$(mktemp -d /tmp/jct-floor.XXXXXX)
java="${JAVA_HOME:-$("$here/bin/find-jdk")}/bin/java"
export JCOMPOSE_ENGINE_ROOT="$w/root" JCOMPOSE_ENGINE_RUN="$w/run" JCOMPOSE_NETWORK_NAMING=test
sock="$w/run/engine.sock"
ns=jcta-ns-floor
cleanup() {
  for id in $(runc --root "$w/runc" list -q 2>/dev/null); do runc --root "$w/runc" delete -f "$id" >/dev/null 2>&1 || true; done
  "$java" -jar "$jar" engine stop >/dev/null 2>&1 || true
  ip netns del $ns 2>/dev/null || true
  for d in /sys/fs/cgroup/*/jct-floor; do [ -d "$d" ] && find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true; done
  rm -rf "$w"
}
trap cleanup EXIT
"$java" -jar "$jar" engine start >/dev/null 2>&1
docker save jcompose/busybox:latest | docker -H "unix://$sock" load >/dev/null
api() { if [ $# -ge 3 ]; then curl -sf --unix-socket "$sock" -X "$1" -H 'Content-Type: application/json' -d "$3" "http://d/v1.41$2"; else curl -sf --unix-socket "$sock" -X "$1" "http://d/v1.41$2"; fi; }
id=$(api POST "/containers/create?name=jct-floor" '{"Image":"jcompose/busybox:latest","Cmd":["httpd","-f","-p","8080","-h","/etc"]}' | jq -r .Id)
api POST "/containers/$id/start"
cfg=$(find "$w" -path "*$id*" -name config.json | grep -v rootfs | head -1)
cp "$cfg" "$w/config.orig.json"
api DELETE "/containers/$id?force=1"
"$java" -jar "$jar" engine stop >/dev/null 2>&1
# a private rootfs: busybox-static and the three /etc files
mkdir -p "$w/rootfs/bin" "$w/rootfs/etc" "$w/rootfs/proc" "$w/rootfs/sys" "$w/rootfs/dev" "$w/etc"
cp /bin/busybox "$w/rootfs/bin/busybox"; ln -s busybox "$w/rootfs/bin/httpd"; ln -s busybox "$w/rootfs/bin/sh"
echo floor > "$w/etc/hostname"; echo "127.0.0.1 localhost" > "$w/etc/hosts"; echo "nameserver 8.8.8.8" > "$w/etc/resolv.conf"
ip netns add $ns; ip -n $ns link set lo up
mkdir -p "$w/runc"
variant() { # name jq-filter
  local b="$w/b-$1"; mkdir -p "$b"
  jq --arg root "$w/rootfs" --arg etc "$w/etc" --arg ns "/run/netns/$ns" "
    .root.path = \$root | .root.readonly = false
    | .mounts |= map(if (.destination|test(\"^/etc/(hosts|hostname|resolv.conf)$\")) then .source = (\$etc + \"/\" + (.destination|ltrimstr(\"/etc/\"))) else . end)
    | .linux.namespaces |= map(if .type == \"network\" then .path = \$ns else . end)
    | .linux.cgroupsPath = \"/jct-floor/X\"
    | $2" "$w/config.orig.json" > "$b/config.json"
}
variant full '.'
variant noseccomp 'del(.linux.seccomp)'
variant nomasked 'del(.linux.maskedPaths) | del(.linux.readonlyPaths)'
variant nores 'del(.linux.resources)'
variant bare 'del(.linux.seccomp) | del(.linux.maskedPaths) | del(.linux.readonlyPaths) | del(.linux.resources)'
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one() { # mode variant i
  local b="$w/b-$2" cid="jct-floor-$2-$1-$3" t0 t1 t2
  sed -i "s#/jct-floor/[^\"]*\"#/jct-floor/$cid\"#" "$b/config.json"
  R=(runc --root "$w/runc" --log "$w/runc.log" --log-format json)
  t0=$(date +%s%N)
  case $1 in
    create) "${R[@]}" create --bundle "$b" --pid-file "$b/pid" "$cid" </dev/null >>"$w/out.log" 2>&1
            t1=$(date +%s%N); "${R[@]}" start "$cid" ;;
    run)    "${R[@]}" run -d --bundle "$b" --pid-file "$b/pid" "$cid" </dev/null >>"$w/out.log" 2>&1; t1=$(date +%s%N) ;;
    conmon) rm -f "$b/pid"; mkdir -p "$b/p-$cid"; conmon --api-version 1 -c "$cid" -u "$cid" -n "$cid" -r /usr/sbin/runc -b "$b" -p "$b/pid" -P "$b/conmon.pid" \
              -l "k8s-file:$b/ctr.log" --persist-dir "$b/p-$cid" --exit-dir "$w/exits" --socket-dir-path "$w/sock" --log-level error --no-sync-log \
              --runtime-arg --root --runtime-arg "$w/runc" </dev/null >>"$w/out.log" 2>&1
            until [ -s "$b/pid" ]; do sleep 0.001; done; t1=$(date +%s%N); "${R[@]}" start "$cid" ;;
  esac
  t2=$(date +%s%N)
  echo "$(ms $t0 $t1) $(ms $t0 $t2)"
  "${R[@]}" delete -f "$cid" >/dev/null 2>&1 || true
}
mkdir -p "$w/exits" "$w/sock"
echo "| mode | config | create (ms) | create+start (ms) |"
echo "|---|---|---:|---:|"
for mode in conmon create run; do
  for v in full noseccomp nomasked nores bare; do
    [ $mode != create ] && [ $v != full ] && continue
    cs=(); ts=()
    for i in $(seq "$N"); do read -r a b < <(one $mode $v $i); cs+=($a); ts+=($b); done
    echo "| $mode | $v | $(printf '%s\n' "${cs[@]}" | median) | $(printf '%s\n' "${ts[@]}" | median) |"
  done
done
