#!/usr/bin/env python3
"""Drive a full-screen terminal program through a pseudo-terminal and time it.

Prints one JSON object: first_frame_ms (spawn until the marker text has been drawn),
key_median_ms / key_p95_ms (keystroke written until the first screen bytes come back,
over --keys presses alternating down/up), and peak_rss_mb of the program.
Usage: bench-console.py --marker TEXT [--keys 50] [--rows 40 --cols 120] -- CMD ARGS...
"""
import argparse, fcntl, json, os, pty, re, select, signal, statistics, struct, sys, termios, time

def read_some(fd, timeout):
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""

def answer_queries(fd, chunk):
    # Cursor-position and device-attribute queries would otherwise block some programs.
    if b"\x1b[6n" in chunk:
        os.write(fd, b"\x1b[1;1R")
    if b"\x1b[c" in chunk or b"\x1b[0c" in chunk:
        os.write(fd, b"\x1b[?62;c")

def drain(fd, idle, cap):
    """Reads until the program is quiet for `idle` seconds (at most `cap` seconds)."""
    end = time.monotonic() + cap
    while time.monotonic() < end:
        chunk = read_some(fd, idle)
        if not chunk:
            return
        answer_queries(fd, chunk)

def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--marker", required=True, help="text that shows the first frame is on screen")
    ap.add_argument("--keys", type=int, default=50)
    ap.add_argument("--down", default="j")
    ap.add_argument("--up", default="k")
    ap.add_argument("--quit", default="q")
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    env = dict(os.environ, TERM="xterm-256color", LANG=os.environ.get("LANG", "C.UTF-8"), LC_ALL="C.UTF-8")
    env.pop("NO_COLOR", None)
    marker = re.compile(re.escape(a.marker.encode()))

    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
        os.execvpe(cmd[0], cmd, env)
    out = {"command": " ".join(cmd)}
    seen = b""
    first = None
    while time.monotonic() - start < a.timeout:
        chunk = read_some(fd, 0.5)
        if not chunk:
            if os.waitpid(pid, os.WNOHANG)[0]:
                break
            continue
        answer_queries(fd, chunk)
        seen = (seen + chunk)[-200000:]
        if marker.search(seen):
            first = time.monotonic()
            break
    if first is None:
        out["error"] = "marker %r never appeared; last output: %r" % (a.marker, seen[-300:])
        os.kill(pid, signal.SIGKILL)
        print(json.dumps(out))
        return 1
    out["first_frame_ms"] = round((first - start) * 1000, 1)
    drain(fd, 0.3, 15)

    latencies = []
    for i in range(a.keys):
        key = a.down if (i // 5) % 2 == 0 else a.up
        t0 = time.monotonic()
        os.write(fd, key.encode())
        chunk = read_some(fd, 2.0)
        if chunk:
            latencies.append((time.monotonic() - t0) * 1000)
            answer_queries(fd, chunk)
        drain(fd, 0.03, 2)
    if latencies:
        latencies.sort()
        out["key_median_ms"] = round(statistics.median(latencies), 2)
        out["key_p95_ms"] = round(latencies[min(len(latencies) - 1, len(latencies) * 95 // 100)], 2)
        out["keys_answered"] = len(latencies)
    out["peak_rss_mb"] = peak_rss_mb(pid)

    os.write(fd, a.quit.encode())
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        drain(fd, 0.05, 0.2)
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
    else:
        os.kill(pid, signal.SIGTERM)
        time.sleep(0.3)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    print(json.dumps(out))
    return 0

if __name__ == "__main__":
    sys.exit(main())
