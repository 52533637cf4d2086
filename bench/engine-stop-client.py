#!/usr/bin/env python3
"""Timed stop, kill and force-remove of running containers over the Engine API (used by engine-stop.sh).

Usage: engine-stop-client.py SOCKET RUNS BODY_JSON [skip-stop]
Per iteration: create + start a container, time POST /stop?t=10, start again, time POST /kill (SIGKILL), start
again, time DELETE ?force=1 (a running container). Prints one markdown row per operation: median and range.
Standard library only; nothing is spawned while a clock runs.
"""
import json
import sys
import time

from engine_api import call  # bench/ is on sys.path: the script's own directory


def timed(action):
    t0 = time.perf_counter()
    action()
    return (time.perf_counter() - t0) * 1000


def main():
    sock_path, runs, body = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    with_stop = len(sys.argv) < 5 or sys.argv[4] != "skip-stop"
    times = {"stop (t=10; PID 1 ignores SIGTERM)": [], "kill (SIGKILL)": [], "rm -f (running)": []}
    if not with_stop:
        del times["stop (t=10; PID 1 ignores SIGTERM)"]
    for i in range(runs):
        cid = call(sock_path, "POST", f"/containers/create?name=jct-bench-stop-{i}", body)["Id"]
        start = lambda: call(sock_path, "POST", f"/containers/{cid}/start")
        start()
        if with_stop:
            times["stop (t=10; PID 1 ignores SIGTERM)"].append(
                timed(lambda: call(sock_path, "POST", f"/containers/{cid}/stop?t=10")))
            start()
        times["kill (SIGKILL)"].append(timed(lambda: call(sock_path, "POST", f"/containers/{cid}/kill")))
        start()
        times["rm -f (running)"].append(timed(lambda: call(sock_path, "DELETE", f"/containers/{cid}?force=1")))
    for op, values in times.items():
        values.sort()
        print(f"| {op} | {values[(len(values) - 1) // 2]:.0f} | {values[0]:.0f}–{values[-1]:.0f} |")


if __name__ == "__main__":
    main()
