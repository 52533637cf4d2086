"""The Engine API over a unix socket for the bench clients (engine-start-client.py, engine-stop-client.py).

Standard library only, so nothing is spawned while a benchmark clock runs.
"""
import http.client
import json
import socket
import sys


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=60)
        self.unix_path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(60)
        s.connect(self.unix_path)
        self.sock = s


def call(sock_path, method, path, body=None):
    """One API call (v1.41); exits the bench with the daemon's answer when it is not a success."""
    c = UnixConnection(sock_path)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    c.request(method, "/v1.41" + path, body=None if body is None else json.dumps(body), headers=headers)
    r = c.getresponse()
    data = r.read()
    c.close()
    if r.status >= 300:
        sys.exit(f"{method} {path}: HTTP {r.status} {data[:300]!r}")
    return json.loads(data) if data else None
