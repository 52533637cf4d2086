#!/usr/bin/env python3
"""Runs a command on a new pseudo-terminal, as a user at a terminal would: waits for each expected text in its
output, then types the answer. Prints {"exit": code, "output": text, "timedOut": bool} as JSON.

usage: ptyrun.py STEPS_JSON ROWS COLS command [args...]
STEPS_JSON: [[expect, send], ...]; an empty expect types at once. Each wait gives up after 20 s."""
import fcntl, json, os, pty, select, signal, struct, sys, termios, time

steps = json.loads(sys.argv[1])
rows, cols = int(sys.argv[2]), int(sys.argv[3])
argv = sys.argv[4:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
out = b""
seen = 0
timed_out = False


def read_some(timeout):
    global out
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return True
    try:
        data = os.read(fd, 65536)
    except OSError:
        return False
    if not data:
        return False
    out += data
    return True


alive = True
for expect, send in steps:
    deadline = time.time() + 20
    while alive and expect.encode() not in out[seen:]:
        if time.time() > deadline:
            timed_out = True
            break
        alive = read_some(0.05)
    if timed_out or not alive:
        break
    seen = out.index(expect.encode(), seen) + len(expect) if expect else seen
    os.write(fd, send.encode())
deadline = time.time() + 20
while alive and time.time() < deadline:
    alive = read_some(0.1)
if alive:
    timed_out = True
    os.kill(pid, signal.SIGKILL)
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
print(json.dumps({"exit": code, "output": out.decode("utf-8", "replace"), "timedOut": timed_out}))
