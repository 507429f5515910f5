"""Hostile and careless clients against a real composer, and what they cost it.

Shared by test_hostile.py (sizes that fit a test run) and Tests/bench/hostile_bench.py (`make
bench-hostile`, the sizes the issue measured). Each scenario starts a fresh stack (VmHWM is the
peak since the composer started), runs a well-behaved client asking for reports throughout,
runs the attack, then waits for the composer's resident memory to settle.
"""
import json
import os
import re
import select
import statistics
import subprocess
import sys
import time
import urllib.request

import zmq

MIB = 1024 * 1024


def memory(pid):
    """VmRSS and VmHWM of a process, in bytes."""
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) * 1024
    return fields


class WellBehaved:
    """One client asking for the Markdown report, one request at a time, until stopped: every
    latency, and every reply that failed or came back degraded. It runs in a process of its own,
    so that the attack (Python, in this process) cannot slow it down through the GIL."""

    def __init__(self, stack, timeout_ms=10000):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--well-behaved",
                                      stack.client_endpoint, str(timeout_ms)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.latencies, self.failures = [], []
        # Its first line says it is connected and has had its first report.
        if self.proc.stdout.readline().strip() != "ready":
            raise AssertionError("the well-behaved client did not start")

    def stop(self):
        out, _ = self.proc.communicate(input="", timeout=60)
        result = json.loads(out)
        self.latencies, self.failures = result["latencies"], result["failures"]

    def percentile(self, p):
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def well_behaved_main(endpoint, timeout_ms):
    """The well-behaved client's process: asks until its standard input closes."""
    context = zmq.Context()
    latencies, failures = [], []

    def connect():
        sock = context.socket(zmq.DEALER)
        sock.linger = 0
        sock.connect(endpoint)
        return sock

    sock = connect()
    number = 0
    while True:
        number += 1
        started = time.monotonic()
        sock.send_multipart([b"", json.dumps({"jsonrpc": "2.0", "id": number, "method": "report.compose"}).encode()])
        if not sock.poll(timeout_ms):
            failures.append(f"request {number}: no reply in {timeout_ms} ms")
            sock.close()
            sock = connect()
        else:
            reply = json.loads(sock.recv_multipart()[-1])
            latencies.append(time.monotonic() - started)
            result = reply.get("result")
            if result is None or result.get("degraded") or reply.get("id") != number:
                failures.append(f"request {number}: {json.dumps(reply)[:200]}")
        if number == 1:
            print("ready", flush=True)
        if select.select([sys.stdin], [], [], 0)[0]:
            break
    sock.close()
    context.term()
    print(json.dumps({"latencies": latencies, "failures": failures}))


def request(number, method="report.compose", params=None):
    body = {"jsonrpc": "2.0", "id": number, "method": method}
    if params is not None:
        body["params"] = params
    return json.dumps(body).encode()


def dropped_replies(stack):
    """report_replies_dropped_total from the composer's /metrics, by reason."""
    port = int(stack.composer.wait_for(r"metrics on http://127\.0\.0\.1:(\d+)/metrics").group(1))
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r'report_replies_dropped_total\{reason="([^"]+)"\} (\S+)', text)}


# ---- the attacks: each returns a dict of what it saw ----

def attacker(stack, reads=True):
    """A DEALER to the client endpoint that queues without limit on this side (TCP paces what
    reaches the composer). One that never reads takes nothing off the connection either, so the
    replies back up into the composer (pyzmq would otherwise buffer a thousand of them here)."""
    sock = stack.ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.sndhwm = 0
    if not reads:
        sock.rcvhwm = 1
        sock.rcvbuf = 4096
    sock.connect(stack.client_endpoint)
    return sock


def never_reading(stack, clients, per_client, fmt="html", hold_seconds=60.0):
    """`clients` DEALERs each send `per_client` report.compose requests and never read a reply.
    They stay connected until the composer has worked through the flood — its count of dropped
    replies has stopped growing for two seconds — or `hold_seconds` have passed, then close."""
    sockets = [attacker(stack, reads=False) for _ in range(clients)]
    for number in range(per_client):
        body = request(number, params={"format": fmt})
        for sock in sockets:
            sock.send_multipart([b"", body])
    deadline = time.monotonic() + hold_seconds
    last, unchanged_since = -1.0, time.monotonic()
    while time.monotonic() < deadline:
        dropped = dropped_replies(stack).get("unread", 0)
        if dropped != last:
            last, unchanged_since = dropped, time.monotonic()
        elif dropped > 0 and time.monotonic() - unchanged_since > 2:
            break
        time.sleep(0.25)  # polling the composer's counter under a deadline
    for sock in sockets:
        sock.close()
    return {"sent": clients * per_client}


def paced_never_reading(stack, total, rate, fmt="html"):
    """One DEALER sends `total` requests at about `rate` a second and never reads."""
    sock = attacker(stack, reads=False)
    started = time.monotonic()
    body = request(1, params={"format": fmt})
    for number in range(total):
        sock.send_multipart([b"", body])
        ahead = number / rate - (time.monotonic() - started)
        if ahead > 0.01:
            time.sleep(ahead)  # pacing the load
    sock.close()
    return {"sent": total}


def read_replies(sock, count, timeout_ms=30000, quiet_ms=3000):
    """Up to `count` replies: the first within `timeout_ms`, each next within `quiet_ms` (a
    client that did not read while it sent may have had replies dropped)."""
    replies = []
    while len(replies) < count and sock.poll(quiet_ms if replies else timeout_ms):
        replies.append(sock.recv_multipart()[-1])
    return replies


def big_frames(stack, count, size):
    """One DEALER sends `count` frames with a `size`-byte string param in a burst, then reads
    every reply."""
    sock = attacker(stack)
    filler = "x" * size
    for number in range(count):
        sock.send_multipart([b"", request(number, params={"format": filler})])
    replies = read_replies(sock, count)
    sock.close()
    return {"sent": count, "replies": replies}


def made_up_methods(stack, count, long_name_bytes):
    """Half the requests name made-up forwarded methods (statistics.m<n>), half a method name
    of `long_name_bytes`; every reply is read."""
    sock = attacker(stack)
    long_tail = "y" * long_name_bytes
    for number in range(count):
        name = f"statistics.m{number}" if number % 2 == 0 else f"statistics.{number}{long_tail}"
        sock.send_multipart([b"", request(number, method=name)])
    replies = read_replies(sock, count)
    sock.close()
    return {"sent": count, "replies": replies}


def one_big_batch(stack, entries, fmt="text"):
    """One frame holding a batch of `entries` report.compose requests; the reply is read."""
    sock = attacker(stack)
    batch = "[" + ",".join(request(number, params={"format": fmt}).decode() for number in range(entries)) + "]"
    sock.send_multipart([b"", batch.encode()])
    replies = read_replies(sock, 1, timeout_ms=120000)
    sock.close()
    return {"sent": entries, "replies": replies}


# ---- one scenario, start to end ----

def run(attack, composer_args=(), settle_under=64 * MIB, settle_seconds=10.0, **attack_args):
    """A fresh stack, a well-behaved client throughout `attack`, then the settling: what the
    composer's memory did and what the well-behaved client saw."""
    from conftest import Stack
    # Without access lines: an access log writes a line per answered request by design, and these
    # scenarios check that nothing else does — a flood must not become a flood of log lines.
    stack = Stack("--metrics-bind", "127.0.0.1:0", "--no-access-log", *composer_args)
    try:
        stack.start("statistics", "--no-access-log")
        stack.start("initiatives", "--no-access-log")
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        pid = stack.composer.p.pid
        before = memory(pid)
        good = WellBehaved(stack)
        started = time.monotonic()
        seen = attack(stack, **attack_args)
        attack_seconds = time.monotonic() - started
        good.stop()
        settle_started = time.monotonic()
        settled = memory(pid)
        while settled["VmRSS"] >= settle_under and time.monotonic() - settle_started < settle_seconds:
            time.sleep(0.2)  # polling the composer's memory under a deadline
            settled = memory(pid)
        workers = {s["name"]: s["workers"] for s in stack.call("system.info")["result"]["services"]}
        return {
            **seen,
            "rss_before": before["VmRSS"], "peak": memory(pid)["VmHWM"], "settled": settled["VmRSS"],
            "settle_seconds": time.monotonic() - settle_started,
            "attack_seconds": attack_seconds,
            "good_requests": len(good.latencies), "good_failures": good.failures,
            "good_p50": good.percentile(50), "good_p99": good.percentile(99),
            "workers": workers, "dropped": dropped_replies(stack),
            "stats": stack.call("system.stats")["result"], "composer_log_lines": stack.composer.log.count("\n"),
        }
    finally:
        stack.close()


def summary(name, r):
    return (f"{name}: sent {r['sent']:,} in {r['attack_seconds']:.1f} s; composer RSS {r['rss_before'] / MIB:.1f} MiB before, "
            f"peak {r['peak'] / MIB:.1f} MiB, settled {r['settled'] / MIB:.1f} MiB after {r['settle_seconds']:.1f} s; "
            f"well-behaved client {r['good_requests']} reports, p50 {r['good_p50'] * 1000:.1f} ms, "
            f"p99 {r['good_p99'] * 1000:.1f} ms, {len(r['good_failures'])} failed or degraded; "
            f"replies dropped {r['dropped']}; workers {r['workers']}; composer log {r['composer_log_lines']} lines")


def median(values):
    return statistics.median(values) if values else float("nan")


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--well-behaved":
    well_behaved_main(sys.argv[2], int(sys.argv[3]))
