#!/usr/bin/env python3
"""One timed iteration of bench/engine-start.sh without spawning a process in the timed part.

Usage: engine-start-client.py SOCKET NAME BODY_JSON
Prints "MS_TO_STARTED MS_TO_FIRST_HTTP": POST /containers/create, POST /containers/{id}/start, then
GET /containers/{id}/json for the IP and HTTP GET http://IP:8080/passwd until it answers 200. The container
is force-removed after the clock stops. Standard library only; the clock starts after the imports.
"""
import json
import socket
import sys
import time

from engine_api import call  # bench/ is on sys.path: the script's own directory


def http_ok(ip):
    try:
        with socket.create_connection((ip, 8080), timeout=1) as s:
            s.sendall(b"GET /passwd HTTP/1.0\r\nHost: bench\r\n\r\n")
            status = s.recv(64).split(b" ", 2)
            return len(status) > 1 and status[0].startswith(b"HTTP/") and status[1] == b"200"
    except OSError:
        return False


def main():
    sock_path, name, body = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    t0 = time.perf_counter()
    cid = call(sock_path, "POST", "/containers/create?name=" + name, body)["Id"]
    call(sock_path, "POST", f"/containers/{cid}/start")
    t1 = time.perf_counter()
    ip = call(sock_path, "GET", f"/containers/{cid}/json")["NetworkSettings"]["IPAddress"]
    deadline = t1 + 30
    while not http_ok(ip):
        if time.perf_counter() > deadline:
            sys.exit(f"no HTTP answer from {ip}:8080 within 30 s")
        time.sleep(0.001)
    t2 = time.perf_counter()
    call(sock_path, "DELETE", f"/containers/{cid}?force=1")
    print(f"{round((t1 - t0) * 1000)} {round((t2 - t0) * 1000)}")


if __name__ == "__main__":
    main()
