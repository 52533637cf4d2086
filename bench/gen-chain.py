#!/usr/bin/env python3
"""Writes the converge benchmark's stack: N services s0..s(N-1), each depending on the previous one, plus `web`
depending on the last (the service bench/converge.sh scales). Each runs busybox `httpd -f` as PID 1 through `exec`:
PID 1 without a SIGTERM handler ignores SIGTERM, so a plain stop waits the whole grace period before SIGKILL.
No top-level name: docker-compose 1.29.2 rejects it. Usage: gen-chain.py [N] > compose.yaml   (N defaults to 10)"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
IMAGE = "jcompose/busybox:latest"


def service(name, depends_on):
    lines = [f"  {name}:", f"    image: {IMAGE}",
             f"    command: [\"sh\", \"-c\", \"mkdir -p /www && echo {name} > /www/index.html"
             f" && exec httpd -f -p 8080 -h /www\"]"]
    if depends_on:
        lines += ["    depends_on:", f"      - {depends_on}"]
    return lines


out = ["services:"]
for i in range(n):
    out += service(f"s{i}", f"s{i - 1}" if i else None)
out += service("web", f"s{n - 1}" if n else None)
print("\n".join(out))
