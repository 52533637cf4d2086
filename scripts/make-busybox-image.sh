#!/usr/bin/env bash
# Makes a busybox image for dockerd from Debian's busybox-static, because this machine has no registry.
# Usage: scripts/make-busybox-image.sh [--force] [--save FILE] [TAG]     (TAG defaults to jcompose/busybox:latest)
#   --force      rebuild even when TAG already exists
#   --save FILE  also write a `docker save` archive of TAG to FILE (loaded later into the embedded engine)
# The rootfs is a reproducible tar (sorted names, fixed mtime, uid/gid 0), so rebuilding gives the same layer.
set -euo pipefail

tag="jcompose/busybox:latest"
force=0
save=""
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=1 ;;
    --save) [ $# -ge 2 ] || { echo "--save needs a file" >&2; exit 2; }; save="$2"; shift ;;
    --save=*) save="${1#--save=}" ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) tag="$1" ;;
  esac
  shift
done

# Debian's busybox-static installs /bin/busybox (the dynamic "busybox" package conflicts with it and would
# not run in a scratch rootfs), so the package check is the static check.
if ! dpkg -s busybox-static >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || { echo "busybox-static is not installed (apt-get install busybox-static)" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
fi
busybox=/bin/busybox
[ -x "$busybox" ] || { echo "$busybox is missing although busybox-static is installed" >&2; exit 1; }

# Talks to DOCKER_HOST (dockerd, or jcompose's embedded engine: unix:///run/jcompose/engine.sock). Without a
# docker CLI on the machine, the same API calls go through curl on the unix socket.
api_socket() { local h=${DOCKER_HOST:-unix:///var/run/docker.sock}; echo "${h#unix://}"; }
urlenc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
image_id() {
  if command -v docker >/dev/null; then docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; return; fi
  curl -sf --unix-socket "$(api_socket)" "http://engine/images/$1/json" |
    python3 -c 'import sys, json; print(json.load(sys.stdin)["Id"])' 2>/dev/null || true
}
import_tar() { # stdin: rootfs tar; $1: tag
  if command -v docker >/dev/null; then
    docker import --change 'CMD ["sh"]' \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'LABEL dev.jcompose.image=busybox' - "$1" >/dev/null
    return
  fi
  local repo=${1%:*} tag=${1##*:} q
  q="fromSrc=-&repo=$(urlenc "$repo")&tag=$(urlenc "$tag")"
  for c in 'CMD ["sh"]' 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      'LABEL dev.jcompose.image=busybox'; do q="$q&changes=$(urlenc "$c")"; done
  curl -sf --unix-socket "$(api_socket)" -X POST -H 'Content-Type: application/x-tar' --data-binary @- \
    "http://engine/images/create?$q" >/dev/null
}

if [ "$force" = 0 ] && [ -n "$(image_id "$tag")" ]; then
  echo "image $tag exists (use --force to rebuild)" >&2
else
  old_id=$(image_id "$tag")
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/proc" "$root/sys" "$root/dev" "$root/var/www"
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  # One symlink per applet, all in /bin: PATH inside the image is the Docker default, which includes /bin.
  for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
  tar --sort=name --mtime='2000-01-01 00:00:00Z' --owner=0 --group=0 --numeric-owner -C "$root" -cf - . |
    import_tar "$tag"
  new_id=$(image_id "$tag")
  # The replaced image is ours and now untagged; drop it unless a container still uses it.
  if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ] && command -v docker >/dev/null; then
    docker rmi "$old_id" >/dev/null 2>&1 || true
  fi
  echo "built $tag" >&2
fi

if [ -n "$save" ]; then
  docker save -o "$save" "$tag"
  echo "saved $tag to $save" >&2
fi
