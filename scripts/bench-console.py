#!/usr/bin/env python3
"""Drive a full-screen terminal program through a pseudo-terminal and time it to SETTLED frames.

A frame is settled when the pty has been quiet for --quiet-ms (default 50 ms): its time is the
time of the LAST byte before the quiet, not the first byte after the key. Prints one JSON object:
  first_marker_ms   spawn until the marker text has been drawn
  first_frame_ms    spawn until the last byte of the first settled frame showing the marker
  keys_sent / keys_answered / keys_unanswered
  key_median_ms / key_p95_ms   key written until its redraw settled, over ALL keys sent: a key with
                    no answer within --key-timeout counts as that timeout (never dropped), and when
                    more than half are unanswered the median is null
  idle_seconds / idle_bytes / idle_frames / idle_cpu_s   with --idle S: bytes the program wrote,
                    in how many bursts (redraws), and CPU seconds it used (/proc/PID/stat
                    utime+stime) while left alone for S seconds after the keys
  peak_rss_mb
Usage: bench-console.py --marker TEXT [--keys 50] [--idle 60] [--quiet-ms 50] -- CMD ARGS...
"""
import argparse, fcntl, json, os, pty, re, select, signal, struct, sys, termios, time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def read_some(fd, timeout):
    r, _, _ = select.select([fd], [], [], max(0, timeout))
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


def settle(fd, quiet, cap, last=None):
    """Reads until the pty is quiet for `quiet` seconds (at most `cap` seconds). Returns
    (time of the last byte or `last`, bytes read, output)."""
    end = time.monotonic() + cap
    n, out = 0, b""
    while time.monotonic() < end:
        chunk = read_some(fd, quiet)
        if not chunk:
            break
        last = time.monotonic()
        n += len(chunk)
        out = (out + chunk)[-200000:]
        answer_queries(fd, chunk)
    return last, n, out


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK   # utime, stime
    except (OSError, IndexError, ValueError):
        return None


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
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
    ap.add_argument("--timeout", type=float, default=120, help="seconds allowed for the first frame")
    ap.add_argument("--quiet-ms", type=float, default=50, help="pty silence that marks a settled frame")
    ap.add_argument("--key-timeout", type=float, default=2.0, help="seconds a key may take to answer")
    ap.add_argument("--idle", type=float, default=0, help="seconds to leave the program alone at the end")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    env = dict(os.environ, TERM="xterm-256color", LANG=os.environ.get("LANG", "C.UTF-8"), LC_ALL="C.UTF-8")
    env.pop("NO_COLOR", None)
    marker = re.compile(re.escape(a.marker.encode()))
    quiet = a.quiet_ms / 1000

    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
        os.execvpe(cmd[0], cmd, env)
    out = {"command": " ".join(cmd), "quiet_ms": a.quiet_ms}
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
    out["first_marker_ms"] = round((first - start) * 1000, 1)
    # The first frame is settled when the program stops writing (VisiData: when loading is done).
    settled, _, _ = settle(fd, quiet, a.timeout, last=first)
    out["first_frame_ms"] = round((settled - start) * 1000, 1)
    settle(fd, 0.3, 15)   # anything the program draws after a pause (counts, status) is not a key's

    latencies, unanswered, key_bytes = [], 0, 0
    for i in range(a.keys):
        key = a.down if (i // 5) % 2 == 0 else a.up
        t0 = time.monotonic()
        os.write(fd, key.encode())
        chunk = read_some(fd, a.key_timeout)
        if not chunk:
            unanswered += 1
            latencies.append(None)
            continue
        answer_queries(fd, chunk)
        last, n, _ = settle(fd, quiet, a.key_timeout, last=time.monotonic())
        key_bytes += len(chunk) + n
        latencies.append((last - t0) * 1000)
    out["keys_sent"] = a.keys
    out["keys_answered"] = a.keys - unanswered
    out["keys_unanswered"] = unanswered
    if a.keys:
        # Unanswered keys rank as the slowest possible answer: they move the median, never vanish.
        ranked = sorted(x if x is not None else float("inf") for x in latencies)
        pick = lambda q: ranked[min(len(ranked) - 1, int(len(ranked) * q))]
        med = ranked[(len(ranked) - 1) // 2] if len(ranked) % 2 else (ranked[len(ranked) // 2 - 1] + ranked[len(ranked) // 2]) / 2
        out["key_median_ms"] = None if med == float("inf") else round(med, 2)
        p95 = pick(0.95)
        out["key_p95_ms"] = None if p95 == float("inf") else round(p95, 2)
        out["key_bytes_mean"] = round(key_bytes / max(1, a.keys - unanswered))

    if a.idle > 0:
        settle(fd, 1.0, 10)   # let the last key's frame and any follow-up finish
        cpu0, t0, idle_bytes, idle_frames, last = cpu_seconds(pid), time.monotonic(), 0, 0, 0.0
        while time.monotonic() - t0 < a.idle:
            chunk = read_some(fd, t0 + a.idle - time.monotonic())
            if chunk:
                now = time.monotonic()
                if now - last > quiet:
                    idle_frames += 1   # a burst after silence is one redraw
                last = now
                idle_bytes += len(chunk)
                answer_queries(fd, chunk)
        cpu1 = cpu_seconds(pid)
        out["idle_seconds"] = round(time.monotonic() - t0, 1)
        out["idle_bytes"] = idle_bytes
        out["idle_frames"] = idle_frames
        out["idle_cpu_s"] = None if cpu0 is None or cpu1 is None else round(cpu1 - cpu0, 3)
    out["peak_rss_mb"] = peak_rss_mb(pid)

    os.write(fd, a.quit.encode())
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        settle(fd, 0.05, 0.2)
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
