"""What bounds the report path (make bench-bound): how fast this project's stack would be if the
composer did none of the report's work, beside the real stack, the C floor and the Python peer,
in one run. (`make bench` runs the same stack and trace in its rounds; this is the quick way.)

1. Builds a second composer from this tree with bound/no-report-work.patch applied (in a
   temporary copy; the tree is not touched): it asks both services as usual and waits for both
   replies, but reads neither and answers with a placeholder of the report's size, so what is
   left is the messaging — JSON-RPC, MDP, the broker, the socket thread, libzmq.
2. Interleaved rounds of: the real stack, the same stack with that composer, the C floor and the
   Python peer (orjson) — all four driven by the C load generator from ../shared/bench (run
   from there, never copied) at 1, 8 and 32 requests in flight, with the CPU each process used
   per request.
3. With --timeline (needs `perf` and root), one request at a time through the real stack, the
   no-report-work stack and the floor,
   its sends and receives traced with `perf record -e syscalls:...` across all processes, and
   the median time of each leg: into the composer, the composer's fan-out, each service, the
   composer's gather-and-reply, back to the client.

Writes Tests/bench/report-bound.md.

  python3 Tests/bench/report_bound.py --bin .build/release [--rounds 3] [--timeline]
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from report_bench import FLOOR, SHARED_BENCH, c_loadgen, cpu_per_request, parse, start_stack, stop  # noqa: E402

WORK = "/tmp/keihin-bound"
PATCH = os.path.join(HERE, "bound", "no-report-work.patch")


def build_without_work():
    """The composer with the patch applied, built in a copy of the tree (kept between runs so
    that a second run builds incrementally)."""
    source = os.path.join(WORK, "src")
    shutil.rmtree(source, ignore_errors=True)
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if os.path.isfile(os.path.join(REPO, name)):
            os.makedirs(os.path.dirname(os.path.join(source, name)), exist_ok=True)
            shutil.copy2(os.path.join(REPO, name), os.path.join(source, name))
    subprocess.run(["git", "apply", PATCH], cwd=source, check=True)
    scratch = os.path.join(WORK, "build")
    subprocess.run(["swift", "build", "-c", "release", "--product", "report-composer", "--scratch-path", scratch],
                   cwd=source, check=True)
    path = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--show-bin-path"], cwd=source,
                          capture_output=True, text=True, check=True).stdout.strip()
    return os.path.join(path, "report-composer")


# ---- the c=1 timeline ----

TRACE = re.compile(r"^\s*(.+?)\s+(\d+)/(\d+)\s+([\d.]+):\s+syscalls:(sys_enter_sendto|sys_exit_recvfrom):\s*(.*)$")
LEGS = ["client → composer", "composer fan-out", "composer → statistics", "statistics", "statistics → composer",
        "composer → initiatives", "initiatives", "initiatives → composer", "composer gather and reply",
        "composer → client", "whole request"]


def can_trace():
    """Whether `perf` is here and may trace every process (root, or a permissive paranoid level)."""
    if shutil.which("perf") is None:
        return False
    return subprocess.run(["perf", "record", "-q", "-e", "syscalls:sys_enter_sendto", "-a", "-o", "/dev/null", "--", "true"],
                          capture_output=True).returncode == 0


def trace(roles, seconds=1.5):
    """Sends (entering `sendto`) and receives (leaving `recvfrom` with data) of every process in
    `roles` (pid → role), in time order."""
    data = os.path.join(WORK, "trace.data")
    subprocess.run(["perf", "record", "-q", "-e", "syscalls:sys_enter_sendto,syscalls:sys_exit_recvfrom", "-a", "-o", data,
                    "--", "sleep", str(seconds)], capture_output=True, check=True)
    text = subprocess.run(["perf", "script", "-i", data, "-F", "comm,pid,tid,time,event,trace"], capture_output=True,
                          text=True, check=True).stdout
    events = []
    for line in text.splitlines():
        m = TRACE.match(line)
        if not m or int(m.group(2)) not in roles:
            continue
        if m.group(5) == "sys_exit_recvfrom":
            value = m.group(6).strip()
            received = int(value, 16) if value.startswith("0x") else int(value)
            if received <= 0 or received > 1 << 40:  # EAGAIN and other errors come back as large unsigned values
                continue
            kind = "in"
        else:
            kind = "out"
        events.append((float(m.group(4)) * 1e6, roles[int(m.group(2))], kind))
    events.sort()
    return events


def legs(events):
    """Median µs of each leg over the requests whose sends and receives all show up in order."""
    def first(window, role, kind, after):
        return next((t for t, r, k in window if t >= after and r == role and k == kind), None)

    starts = [i for i, (t, r, k) in enumerate(events) if r == "client" and k == "out"]
    found = {leg: [] for leg in LEGS}
    for a, b in zip(starts, starts[1:]):
        window = events[a:b]
        t0 = window[0][0]
        arrived = first(window, "composer", "in", t0)
        if arrived is None:
            continue
        sends = [t for t, r, k in window if r == "composer" and k == "out" and t > arrived]
        times = {}
        for service in ("statistics", "initiatives"):
            got = first(window, service, "in", t0)
            done = got and first(window, service, "out", got)
            back = done and first(window, "composer", "in", done)
            times[service] = (got, done, back)
        if len(sends) < 3 or None in [v for triple in times.values() for v in triple]:
            continue
        last_reply, reply = max(times["statistics"][2], times["initiatives"][2]), sends[-1]
        received = first(window, "client", "in", reply)
        if received is None or reply < last_reply:
            continue
        # A service's inbound leg runs from the composer's first send (both go out in one round).
        values = [arrived - t0, sends[1] - arrived]
        for service in ("statistics", "initiatives"):
            got, done, back = times[service]
            values += [got - sends[0], done - got, back - done]
        values += [reply - last_reply, received - reply, received - t0]
        for leg, value in zip(LEGS, values):
            found[leg].append(value)
    return {leg: statistics.median(v) for leg, v in found.items() if v}, len(found["whole request"])


def legs_table(traced):
    """A Markdown table of ``timeline``'s result: one column per system, one row per leg."""
    columns = list(traced)
    lines = ["| leg | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for leg in LEGS:
        lines.append(f"| {leg} | " + " | ".join(
            f"{traced[label][0][leg]:,.0f}" if leg in traced[label][0] else "—" for label in columns) + " |")
    lines.append("| requests traced | " + " | ".join(str(traced[label][1]) for label in columns) + " |")
    return lines


def timeline(composers, binaries):
    results = {}
    for label, composer in composers:
        procs = start_stack(binaries, composer=composer)
        load = subprocess.Popen([FLOOR, "client", "tcp://127.0.0.1:5555", "1000000", "0"],
                                env=dict(os.environ, METHOD="report.compose"), stdout=subprocess.DEVNULL)
        try:
            time.sleep(1.5)  # past the load generator's warm-up
            roles = {load.pid: "client", **{proc.pid: name for name, proc in procs.items()}}
            results[label] = legs(trace(roles))
        finally:
            load.kill()
            load.wait()
            stop(procs)
    floor = subprocess.Popen([FLOOR, "scatter", "1000000", "0"], stdout=subprocess.DEVNULL)
    children = []
    try:
        time.sleep(1.5)
        children = subprocess.run(["pgrep", "-P", str(floor.pid)], capture_output=True, text=True).stdout.split()
        # floor.c forks the statistics worker, the initiatives worker, then the composer.
        roles = {floor.pid: "client", int(children[0]): "statistics", int(children[1]): "initiatives",
                 int(children[2]): "composer"}
        results["C floor"] = legs(trace(roles))
    finally:
        for child in children:  # a killed floor.c does not stop the processes it forked
            subprocess.run(["kill", child])
        floor.terminate()
        floor.wait()
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(REPO, ".build", "release"), help="the release build's executables")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; each figure is the median over them")
    ap.add_argument("--requests", type=int, default=2000, help="requests at c=1")
    ap.add_argument("--seconds", type=int, default=4, help="seconds at c=8 and at c=32")
    ap.add_argument("--timeline", action="store_true", help="also trace single requests with perf (root)")
    args = ap.parse_args()
    binaries = os.path.abspath(args.bin)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    subprocess.run(["gcc", "-O2", "-o", FLOOR, os.path.join(SHARED_BENCH, "floor.c"), "-lzmq", "-lpthread"], check=True)
    os.makedirs(WORK, exist_ok=True)
    composers = [("this project", os.path.join(binaries, "report-composer")), ("no report work", build_without_work())]

    rows = []
    for round_number in range(args.rounds):
        print(f"round {round_number + 1} of {args.rounds}", flush=True)
        for label, composer in composers:
            procs = start_stack(binaries, composer=composer)
            try:
                out = c_loadgen(procs, "x", args.requests, args.seconds)
            finally:
                stop(procs)
            rows += [dict(r, label=label) for r in parse(out)]
        out = subprocess.run([FLOOR, "scatter", str(args.requests), str(args.seconds)], capture_output=True, text=True).stdout
        rows += [dict(r, label="C floor") for r in parse(out)]
        out = subprocess.run([os.path.join(SHARED_BENCH, "run_peer.sh"), "orjson", "c", str(args.requests), str(args.seconds)],
                             capture_output=True, text=True, env=dict(os.environ, FLOOR=FLOOR)).stdout
        rows += [dict(r, label="Python peer") for r in parse(out)]

    labels = ["this project", "no report work", "C floor", "Python peer"]

    def median(label, c, key):
        values = [r[key] for r in rows if r["label"] == label and r["c"] == c]
        return statistics.median(values) if values else None

    def cpu(label, c):
        per = [cpu_per_request(r) for r in rows if r["label"] == label and r["c"] == c]
        return {name: statistics.median(p[name] for p in per) for name in per[0]} if per else {}

    out = ["# What bounds the report path\n",
           f"`make bench-bound` ({started}, {platform.node()}, "
           f"{os.cpu_count()} CPUs): {args.rounds} interleaved rounds, medians; the C load generator drives all four. "
           "*No report work* is this project's stack with the composer built from "
           "[bound/no-report-work.patch](bound/no-report-work.patch): both services asked and both replies awaited, "
           "neither read, a placeholder of the report's size sent back.\n",
           "| setting | " + " | ".join(labels) + " |", "|---|" + "---:|" * len(labels)]
    for c in (1, 8, 32):
        out.append(f"| c={c} p50 µs | " + " | ".join(f"{median(l, c, 'p50'):,.0f}" for l in labels) + " |")
        out.append(f"| c={c} req/s | " + " | ".join(f"{median(l, c, 'rps'):,.0f}" for l in labels) + " |")
    out += ["", "µs of CPU per request at c=32, per process (the load generator is `client`):", "",
            "| process | " + " | ".join(labels) + " |", "|---|" + "---:|" * len(labels)]
    for name in ("client", "composer", "statistics", "initiatives"):
        values = [cpu(l, 32).get(name) for l in labels]
        if any(v is not None for v in values):
            out.append(f"| {name} | " + " | ".join("—" if v is None else f"{v:,.0f}" for v in values) + " |")
    totals = [sum(cpu(l, 32).values()) for l in labels]
    out.append("| all | " + " | ".join(f"{t:,.0f}" for t in totals) + " |")
    if args.timeline and not can_trace():
        print("--timeline needs perf (linux-perf) allowed to trace every process (root); skipped", flush=True)
    elif args.timeline:
        print("tracing single requests", flush=True)
        traced = timeline(composers, binaries)
        out += ["", "One request at a time, median µs of each leg (`perf record -e syscalls:sys_enter_sendto,"
                    "syscalls:sys_exit_recvfrom -a`: from a process's send to the next process's receive, or from "
                    "its receive to its send; tracing adds its own cost to every leg):", ""] + legs_table(traced)
    out += ["", "Raw rows:", "", "```"] + [
        f"{r['label']:15s} c={r['c']:<3d} p50={r['p50']:9.1f} p99={r['p99']:9.1f} req/s={r['rps']:6d} {r['rest']}"
        for r in rows] + ["```", ""]
    text = "\n".join(out)
    print(text)
    with open(os.path.join(HERE, "report-bound.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
