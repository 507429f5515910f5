"""Dispatch scaling of the composer's broker, measured with real processes on loopback.

1. Throughput against replicas: 1, 2, 4 and 8 Python MDP workers (Tests/interop/mdp_worker.py)
   whose every request takes a fixed 5 ms, registered as "statistics"; a DEALER keeps
   2 × replicas `statistics.ping` requests in flight for --seconds. Ideal: N × 200 req/s.
2. Latency while a replica dies: 4 statistics-service replicas, report.compose at 8 in
   flight; one replica is killed (SIGKILL) after a third of the run and a new one started
   after two thirds. Prints p50/p99/max per phase and the failure count.

  python3 Tests/bench/dispatch_scaling.py [--bin .build/release] [--seconds 5]
"""
import argparse
import json
import os
import platform
import signal
import sys
import time

# No access line per request while measuring (the processes inherit this).
os.environ.setdefault("REPORT_ACCESS_LOG", "off")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "interop"))

import zmq  # noqa: E402


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


def timed_load(ctx, endpoint, method, in_flight, seconds, events=()):
    """Keeps `in_flight` requests outstanding for `seconds`; `events` are (at_second, fn) pairs.
    Returns [(sent_at, latency, ok)]."""
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(endpoint)
    start = time.monotonic()
    pending, samples, next_id = {}, [], 0
    events = sorted(events, key=lambda e: e[0])

    def send():
        nonlocal next_id
        pending[next_id] = time.monotonic()
        sock.send_multipart([b"", json.dumps({"jsonrpc": "2.0", "method": method, "id": next_id}).encode()])
        next_id += 1

    for _ in range(in_flight):
        send()
    while True:
        now = time.monotonic()
        while events and now - start >= events[0][0]:
            events.pop(0)[1]()
        if now - start >= seconds and not pending:
            break
        if not sock.poll(100):
            if now - start > seconds + 10:
                break
            continue
        reply = json.loads(sock.recv_multipart()[-1])
        sent = pending.pop(reply["id"])
        result = reply.get("result")
        ok = result is not None and not (isinstance(result, dict) and result.get("degraded"))
        samples.append((sent - start, time.monotonic() - sent, ok))
        if time.monotonic() - start < seconds:
            send()
    sock.close()
    return samples


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "..", ".build", "release"))
    ap.add_argument("--seconds", type=float, default=5)
    args = ap.parse_args()
    os.environ["REPORT_BIN_DIR"] = os.path.abspath(args.bin)
    from conftest import Stack  # noqa: E402  (reads REPORT_BIN_DIR)

    print(f"# dispatch scaling — {time.strftime('%Y-%m-%d %H:%M %Z')}, {platform.node()}, "
          f"{os.cpu_count()} cores, binaries {os.path.abspath(args.bin)}")
    print("\n## Throughput against replicas (5 ms per request, 2 × N in flight)\n")
    print("| replicas | req/s | × one replica | p50 ms | p99 ms |")
    print("|---:|---:|---:|---:|---:|")
    base = None
    for n in (1, 2, 4, 8):
        stack = Stack()
        try:
            for _ in range(n):
                stack.start_python_worker("--service", "statistics", "--mode", "delay", "--delay-ms", "5")
            stack.wait_for_workers({"statistics": n})
            timed_load(stack.ctx, stack.client_endpoint, "statistics.ping", 2 * n, 1)  # warm-up
            samples = timed_load(stack.ctx, stack.client_endpoint, "statistics.ping", 2 * n, args.seconds)
            ok = [s for s in samples if s[2]]
            rate = len(ok) / args.seconds
            base = base or rate
            lat = [s[1] * 1000 for s in ok]
            print(f"| {n} | {rate:.0f} | {rate / base:.2f} | {percentile(lat, .5):.2f} | {percentile(lat, .99):.2f} |")
        finally:
            stack.close()

    print("\n## report.compose latency while a statistics replica is killed and restarted (4 replicas, 8 in flight)\n")
    stack = Stack()
    try:
        victims = [stack.start("statistics") for _ in range(4)]
        stack.start("initiatives")
        stack.wait_for_workers({"statistics": 4, "initiatives": 1})
        third = args.seconds
        samples = timed_load(stack.ctx, stack.client_endpoint, "report.compose", 8, 3 * third, events=[
            (third, lambda: victims[0].p.send_signal(signal.SIGKILL)),
            (2 * third, lambda: stack.start("statistics")),
        ])
        print("| phase | requests | failed | p50 ms | p99 ms | max ms |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, lo, hi in (("4 replicas", 0, third), ("3 replicas (one killed)", third, 2 * third),
                             ("4 replicas (one restarted)", 2 * third, 3 * third)):
            phase = [s for s in samples if lo <= s[0] < hi]
            lat = [s[1] * 1000 for s in phase]
            failed = sum(1 for s in phase if not s[2])
            print(f"| {name} | {len(phase)} | {failed} | {percentile(lat, .5):.2f} | {percentile(lat, .99):.2f} | {max(lat):.2f} |")
    finally:
        stack.close()


if __name__ == "__main__":
    main()
