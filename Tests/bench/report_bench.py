"""The report-path benchmark (make bench): this project against the raw-libzmq floor and the
Python peer from ../shared/bench (run from there, never copied), in one run on this machine.

The reference tools are looked for in ../shared/bench beside the clone (REFERENCE_BENCH=DIR
points elsewhere). Without them the benchmark still runs and reports this project's own
figures — its load generator at every setting, CPU per request, the composer's memory, the work
per report and the soak — and says in one line that the floor and peer columns need them.

1. This project's stack (release build) driven by its own load generator (report-loadgen,
   HdrHistogram) with report.compose (Markdown) at 1, 8, 32 and 128 requests in flight.
2. The C floor (floor.c scatter), the Python peer (orjson) and the C++ peer (peer-cpp/,
   RapidJSON; built when Debian's rapidjson-dev is installed, skipped and said so otherwise),
   all driven by the C load generator, and the C load generator against this project too.
3. Each format (markdown, text, json, html, svg) at 8 in flight: the composer's CPU per report,
   against Markdown's.
4. A table with the ratios to the targets, written to Tests/bench/report-bench.md, and a plot of
   latency and throughput against requests in flight, Tests/bench/report-bench.svg.

5. With --soak-requests N (make bench: 1,000,000), a soak: report.compose at 32 in flight until
   N requests are answered, with the composer's resident memory (RSS, and its anonymous part)
   sampled every slice, to show whether it stays flat.

  python3 Tests/bench/report_bench.py --bin .build/release [--requests 5000] [--seconds 10] [--soak-requests N]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_BENCH = os.path.abspath(os.environ.get("REFERENCE_BENCH") or os.path.join(HERE, "..", "..", "..", "shared", "bench"))


def have_reference_tools():
    """Whether the floor and the peers are there to compare with."""
    return os.path.isfile(os.path.join(SHARED_BENCH, "floor.c")) and os.path.isfile(os.path.join(SHARED_BENCH, "run_peer.sh"))
FLOOR = "/tmp/keihin-floor"
PEER_CPP = "/tmp/keihin-peer-cpp"
FORMATS = ("markdown", "text", "json", "html", "svg")


def build_peer_cpp():
    """Builds the C++ peer from ../shared/bench/peer-cpp into PEER_CPP; why not, if it cannot."""
    if not os.path.isdir(os.path.join(SHARED_BENCH, "peer-cpp")):
        return f"no peer-cpp/ in {SHARED_BENCH}"
    if not os.path.isfile("/usr/include/rapidjson/document.h"):
        return "the C++ peer needs Debian's rapidjson-dev (make bench installs it)"
    built = subprocess.run(["make", "-s", "-C", os.path.join(SHARED_BENCH, "peer-cpp"), f"BUILD={PEER_CPP}"],
                           capture_output=True, text=True)
    return None if built.returncode == 0 else "the C++ peer did not build: " + built.stderr.strip()[-300:]


def format_costs(binaries, procs, seconds, rounds=3):
    """The composer's CPU per report for each format at 8 in flight (report-loadgen): the formats
    in turn, `rounds` times (a burst of noise then touches one format's round, not its figure),
    each format's median."""
    measured = {name: [] for name in FORMATS}
    for _ in range(rounds):
        for name in FORMATS:
            out = subprocess.run([os.path.join(binaries, "report-loadgen"), "--concurrency", "8", "--seconds",
                                  str(seconds), "--params", json.dumps({"format": name}), "--label", f"format-{name}",
                                  "--watch", f"composer={procs['composer'].pid}"], capture_output=True, text=True).stdout
            rows = parse(out)
            if rows and rows[0]["rps"]:
                measured[name].append({"rps": rows[0]["rps"], "composer": cpu_per_request(rows[0])["composer"],
                                       "line": out.strip()})
    costs = {}
    for name, runs in measured.items():
        if runs:
            runs.sort(key=lambda run: run["composer"])
            costs[name] = runs[len(runs) // 2]
    return costs


LINE = re.compile(r"^(\S+)\s+c=(\d+)\s+n=(\d+)\s+p50=\s*([\d.]+)\s+p99=\s*([\d.]+)\s+p999=\s*([\d.]+)\s+us\s+req/s=\s*(\d+)(.*)$")


def parse(text):
    rows = []
    for line in text.splitlines():
        m = LINE.match(line.strip())
        if m:
            rows.append({"label": m.group(1), "c": int(m.group(2)), "p50": float(m.group(4)), "p99": float(m.group(5)),
                         "p999": float(m.group(6)), "rps": int(m.group(7)), "rest": m.group(8).strip()})
    return rows


def start_stack(binaries, composer=None):
    """The composer (`composer`, or the one in `binaries`) and one replica of each service, once
    both services have registered."""
    procs = {}
    quiet = dict(os.environ, REPORT_ACCESS_LOG="off")  # no access line per request while measuring
    procs["composer"] = subprocess.Popen([composer or os.path.join(binaries, "report-composer"), "--max-in-flight-per-client",
                                          "1000"], stderr=subprocess.DEVNULL, env=quiet)
    time.sleep(0.3)
    procs["statistics"] = subprocess.Popen([os.path.join(binaries, "statistics-service")], stderr=subprocess.DEVNULL, env=quiet)
    procs["initiatives"] = subprocess.Popen([os.path.join(binaries, "initiatives-service")], stderr=subprocess.DEVNULL,
                                            env=quiet)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # readiness: both services registered
        out = subprocess.run([os.path.join(binaries, "report-client"), "call", "system.info", "--timeout", "500", "--attempts", "1"],
                             capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.count('"workers" : 1') == 2:
            return procs
        time.sleep(0.1)
    stop(procs)
    raise SystemExit("the stack did not come up")


def c_loadgen(procs, label, requests, seconds):
    """report.compose through the running stack `procs`, driven by the C load generator from
    ../shared/bench at 1, 8 and 32 in flight, with each process's CPU watched; its output."""
    watch = ",".join(f"{name}={proc.pid}" for name, proc in procs.items())
    return subprocess.run([FLOOR, "client", "tcp://127.0.0.1:5555", str(requests), str(seconds)], capture_output=True,
                          text=True, env=dict(os.environ, METHOD="report.compose", LABEL=label, WATCH=watch)).stdout


def cpu_per_request(row):
    """µs of CPU per request of each watched process, from the load generator's `cpu%:` column."""
    names = {"stats": "statistics", "inits": "initiatives"}  # floor.c's names for its workers
    # report-loadgen writes `peak_rss_mib: name=…` after the CPU figures: not CPU.
    cpu = row["rest"].split("cpu%:")[-1].split("peak_rss_mib:")[0]
    pairs = (item.split("=") for item in cpu.split() if "=" in item)
    return {names.get(name, name): float(pct) * 1e4 / row["rps"] for name, pct in pairs}


def memory(pid):
    """The composer's resident memory in KiB: total, anonymous (heap and stacks) and proportional
    (shared library pages divided among the processes that map them)."""
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
            fields[key] = int(value.split()[0])
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                fields["Pss"] = int(line.split()[1])
    except OSError:
        pass
    return fields


def soak(binaries, procs, total, slice_seconds=30):
    """report.compose at c=32 until `total` requests are answered; composer memory per slice."""
    pid = procs["composer"].pid
    done, samples = 0, [(0, memory(pid))]
    while done < total:
        out = subprocess.run([os.path.join(binaries, "report-loadgen"), "--concurrency", "32", "--seconds", str(slice_seconds),
                              "--label", "soak"], capture_output=True, text=True, check=True).stdout
        rows = parse(out)
        if not rows or rows[0]["rps"] == 0:
            raise SystemExit("the soak stopped getting answers:\n" + out)
        # n counts the measured requests; the loadgen's warm-up second adds about rps more.
        done += int(rows[0]["rps"] * (slice_seconds + 1))
        samples.append((done, memory(pid)))
        print(f"soak: {done:,} requests, composer RSS {samples[-1][1]['VmRSS'] / 1024:.1f} MiB "
              f"(anonymous {samples[-1][1]['RssAnon'] / 1024:.1f} MiB)", flush=True)
    return samples


def measure_work(binaries):
    """What one report costs the composer without messaging: the two replies the running
    services give (fetched through the composer, which passes them on as they are), read,
    assembled, rendered and encoded inside `report-composer --measure-work`."""
    import tempfile
    import zmq
    context = zmq.Context()
    socket = context.socket(zmq.REQ)
    socket.setsockopt(zmq.LINGER, 0)
    socket.rcvtimeo = 10000
    socket.connect("tcp://127.0.0.1:5555")
    files = []
    for method, params in (("statistics.industryStructure", {"span": "endpoints"}), ("initiatives.catalogue", {"lang": "ja"})):
        socket.send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode())
        reply = socket.recv()
        if b'"result"' not in reply:
            raise SystemExit(f"{method} did not answer with a result: {reply[:200]!r}")
        handle = tempfile.NamedTemporaryFile(prefix="reply-", suffix=".json", delete=False)
        handle.write(reply)
        handle.close()
        files.append(handle.name)
    socket.close()
    context.term()
    try:
        out = subprocess.run([os.path.join(binaries, "report-composer"), "--measure-work", ",".join(files)],
                             capture_output=True, text=True, check=True).stdout
    finally:
        for name in files:
            os.unlink(name)
    return out


def stop(procs):
    for proc in procs.values():
        proc.terminate()
    for proc in procs.values():
        proc.wait(timeout=20)


def svg_plot(rows, path):
    series = {}
    for row in rows:
        series.setdefault(row["label"], []).append(row)
    colours = ["#2f6db3", "#b3475d", "#6a9f58", "#e0a030", "#8c6d1f", "#7b4fa8"]
    width, height, pad = 760, 300, 60
    levels = sorted({r["c"] for r in rows})
    def x(c):
        return pad + levels.index(c) * (width / 2 - pad - 20) / max(1, len(levels) - 1)
    def panel(offset, key, title, log=False):
        values = [r[key] for r in rows]
        top = max(values) * 1.1
        import math
        def y(v):
            if log:
                lo = math.log10(max(1, min(values)) / 2)
                return height - 40 - (math.log10(max(v, 1)) - lo) / (math.log10(top) - lo) * (height - 80)
            return height - 40 - v / top * (height - 80)
        out = [f'<g transform="translate({offset},0)"><text x="{pad}" y="20" font-weight="bold">{title}</text>',
               f'<line x1="{pad}" y1="{height-40}" x2="{width/2-20}" y2="{height-40}" stroke="#999"/>',
               f'<line x1="{pad}" y1="40" x2="{pad}" y2="{height-40}" stroke="#999"/>']
        for c in levels:
            out.append(f'<text x="{x(c):.1f}" y="{height-22}" text-anchor="middle">{c}</text>')
        out.append(f'<text x="{(pad + width/2)/2:.0f}" y="{height-5}" text-anchor="middle">requests in flight</text>')
        if log:
            ticks = [10 ** k for k in range(0, 9) if min(values) / 2 <= 10 ** k <= top]
        else:
            ticks = [top / 4, top / 2, top * 3 / 4]
        for tick in ticks:
            out.append(f'<text x="{pad-6}" y="{y(tick):.1f}" text-anchor="end" font-size="10">{tick:,.0f}</text>')
        for index, (label, points) in enumerate(series.items()):
            pts = " ".join(f"{x(p['c']):.1f},{y(p[key]):.1f}" for p in sorted(points, key=lambda p: p["c"]))
            colour = colours[index % len(colours)]
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"><title>{label}</title></polyline>')
        out.append("</g>")
        return "".join(out)
    legend = "".join(f'<rect x="{40 + i * 140}" y="{height + 8}" width="12" height="12" fill="{colours[i % len(colours)]}"/>'
                     f'<text x="{56 + i * 140}" y="{height + 18}">{label}</text>' for i, label in enumerate(series))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 30}" font-family="sans-serif" font-size="12" '
           f'role="img"><title>report.compose: p50 latency and throughput against requests in flight</title>'
           + panel(0, "p50", "p50 latency (µs, log scale)", log=True) + panel(width / 2, "rps", "throughput (req/s)") + legend + "</svg>\n")
    open(path, "w").write(svg)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "..", ".build", "release"))
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--soak-requests", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; each figure is the median over them")
    ap.add_argument("--no-bound", action="store_true",
                    help="skip the stack whose composer does no report work (see report_bound.py)")
    args = ap.parse_args()
    binaries = os.path.abspath(args.bin)
    reference = have_reference_tools()
    missing_reference = ("" if reference else
                         f"Reference tools not found at {SHARED_BENCH}: the C floor, Python peer and no-report-work columns "
                         "need ../shared/bench beside the clone (or REFERENCE_BENCH=DIR); these are this project's own figures.")
    no_cpp = "the reference tools are missing"
    if reference:
        subprocess.run(["gcc", "-O2", "-o", FLOOR, os.path.join(SHARED_BENCH, "floor.c"), "-lzmq", "-lpthread"], check=True)
        no_cpp = build_peer_cpp()
        if no_cpp:
            print(f"C++ peer skipped: {no_cpp}", flush=True)
    else:
        print(missing_reference, flush=True)
    import report_bound
    without_work = None if args.no_bound or not reference else report_bound.build_without_work()
    legs = {}
    rows, log = [], []
    idle = steady = None
    work = ""
    soak_samples = []
    formats = {}

    def run(command, env=None):
        record(subprocess.run(command, capture_output=True, text=True, env=env).stdout)

    def record(out):
        log.append(out)
        rows.extend(parse(out))

    # The machine is shared and noisy: the four implementations take turns, round after round.
    for round_number in range(args.rounds):
        print(f"round {round_number + 1} of {args.rounds}", flush=True)
        procs = start_stack(binaries)
        try:
            if idle is None:
                idle = memory(procs["composer"].pid)
            # Warm-up, not counted: first requests fault pages in and fill caches.
            subprocess.run([os.path.join(binaries, "report-loadgen"), "--concurrency", "1", "--requests", "500"],
                           capture_output=True, check=True)
            watch = ",".join(f"{name}={proc.pid}" for name, proc in procs.items())
            run([os.path.join(binaries, "report-loadgen"), "--requests", str(args.requests), "--seconds", str(args.seconds),
                 "--watch", watch])
            if reference:
                record(c_loadgen(procs, "project-cgen", args.requests, args.seconds))
            steady = memory(procs["composer"].pid)
            if round_number == args.rounds - 1:
                work = measure_work(binaries)
                formats = format_costs(binaries, procs, max(2, args.seconds // 3))
            if args.soak_requests and round_number == args.rounds - 1:
                soak_samples = soak(binaries, procs, args.soak_requests)
        finally:
            stop(procs)
        if without_work:
            procs = start_stack(binaries, composer=without_work)
            try:
                record(c_loadgen(procs, "no-report-work-cgen", args.requests, args.seconds))
            finally:
                stop(procs)
        if reference:
            run([FLOOR, "scatter", str(args.requests), str(args.seconds)])
            run([os.path.join(SHARED_BENCH, "run_peer.sh"), "orjson", "c", str(args.requests), str(args.seconds)],
                env=dict(os.environ, FLOOR=FLOOR))
            if not no_cpp:
                run([os.path.join(SHARED_BENCH, "run_peer_cpp.sh"), str(args.requests), str(args.seconds)],
                    env=dict(os.environ, FLOOR=FLOOR, PEER_CPP=PEER_CPP))

    if without_work and report_bound.can_trace():
        print("tracing single requests", flush=True)
        legs = report_bound.timeline([("this project", os.path.join(binaries, "report-composer")),
                                      ("no report work", without_work)], binaries)

    # One row per implementation and setting: the median of the rounds.
    grouped = {}
    for r in rows:
        grouped.setdefault((r["label"], r["c"]), []).append(r)
    rows = []
    for (label, c), group in grouped.items():
        # CPU per request is worked out in each round, then the median taken: the median rate with
        # one round's CPU (as this once did) mixes a busy round with a quiet one.
        measured = [g for g in group if g["rps"] and "cpu%:" in g["rest"]]
        per_round = [cpu_per_request(g) for g in measured]
        names = set.intersection(*(set(p) for p in per_round)) if per_round else set()
        rows.append({"label": label, "c": c, "rounds": len(group),
                     **{key: statistics.median(g[key] for g in group) for key in ("p50", "p99", "p999", "rps")},
                     "rps_range": (min(g["rps"] for g in group), max(g["rps"] for g in group)),
                     "cpu": {name: statistics.median(p[name] for p in per_round) for name in names},
                     "cpu_rounds": [round(p.get("composer", 0)) for p in per_round],
                     "rest": group[-1]["rest"]})

    def get(label, c):
        return next((r for r in rows if r["label"] == label and r["c"] == c), None)
    # Targets compare like with like: every implementation driven by the same C load generator.
    floor1, proj1 = get("c-floor", 1), get("project-cgen", 1)
    floor32, proj32, peer32 = get("c-floor", 32), get("project-cgen", 32), get("py-orjson-cgen", 32)
    cpp1, cpp32 = get("cpp-rapidjson-cgen", 1), get("cpp-rapidjson-cgen", 32)
    bound1, bound32 = get("no-report-work-cgen", 1), get("no-report-work-cgen", 32)
    report = [f"# report.compose benchmark — {time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores", "",
              f"Median of {args.rounds} interleaved rounds (req/s range over the rounds in brackets). `project` is driven by "
              "this project's load generator (report-loadgen); the `-cgen` rows and the floor by the C load generator "
              "from ../shared/bench, so the targets compare those.", ""] + ([missing_reference, ""] if missing_reference else []) + ([f"C++ peer skipped: {no_cpp}.", ""] if reference and no_cpp else []) + [
              "| implementation | c | p50 µs | p99 µs | p999 µs | req/s |", "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        low, high = r["rps_range"]
        report.append(f"| {r['label']} | {r['c']} | {r['p50']:.0f} | {r['p99']:.0f} | {r['p999']:.0f} | {r['rps']:.0f} ({low}–{high}) |")
    report += ["", "| target | measured | met | with no report work (`no-report-work-cgen`) |", "|---|---|---|---|"]
    if floor1 and proj1:
        ratio = proj1["p50"] / floor1["p50"]
        bound = f"{bound1['p50'] / floor1['p50']:.2f} × ({bound1['p50']:.0f} µs)" if bound1 else "—"
        report.append(f"| c=1 p50 ≤ 1.3 × floor | {ratio:.2f} × ({proj1['p50']:.0f} / {floor1['p50']:.0f} µs) | "
                      f"{'yes' if ratio <= 1.3 else 'no'} | {bound} |")
    if floor32 and proj32:
        share = proj32["rps"] / floor32["rps"]
        bound = f"{bound32['rps'] / floor32['rps']:.0%} ({bound32['rps']:.0f})" if bound32 else "—"
        report.append(f"| c=32 req/s ≥ 50 % of floor | {share:.0%} ({proj32['rps']:.0f} / {floor32['rps']:.0f}) | "
                      f"{'yes' if share >= 0.5 else 'no'} | {bound} |")
    if cpp1 and proj1:
        report.append(f"| c=1 p50 ≤ the C++ peer's | {proj1['p50'] / cpp1['p50']:.2f} × ({proj1['p50']:.0f} / {cpp1['p50']:.0f} µs) | "
                      f"{'yes' if proj1['p50'] <= cpp1['p50'] else 'no'} | — |")
    if cpp32 and proj32:
        bound = f"{bound32['rps'] / cpp32['rps']:.2f} × ({bound32['rps']:.0f})" if bound32 else "—"
        report.append(f"| c=32 req/s ≥ the C++ peer's | {proj32['rps'] / cpp32['rps']:.2f} × ({proj32['rps']:.0f} / {cpp32['rps']:.0f}) | "
                      f"{'yes' if proj32['rps'] >= cpp32['rps'] else 'no'} | {bound} |")
    if proj32 and proj32["rps"]:
        cpu = proj32["cpu"]
        rounds = ", ".join(str(value) for value in proj32["cpu_rounds"])
        report.append(f"| composer CPU per report at c=32 ≤ 90 µs | {cpu['composer']:.0f} µs (rounds: {rounds}) | "
                      f"{'yes' if cpu['composer'] <= 90 else 'no'} | "
                      + (f"{bound32['cpu']['composer']:.0f} µs |" if bound32 and bound32["cpu"] else "— |"))
        worst = max(cpu["statistics"], cpu["initiatives"])
        report.append(f"| each service ≤ 25 µs per request at c=32 | statistics {cpu['statistics']:.0f} µs, initiatives "
                      f"{cpu['initiatives']:.0f} µs | {'yes' if worst <= 25 else 'no'} | — |")
    if "markdown" in formats and len(formats) == len(FORMATS):
        base = formats["markdown"]["composer"]
        worst = max(v["composer"] / base for v in formats.values())
        report.append("| every format ≤ 2 × Markdown's composer CPU per report (c=8) | "
                      + ", ".join(f"{name} {v['composer']:.0f} µs ({v['composer'] / base:.1f} ×)" for name, v in formats.items())
                      + f" | {'yes' if worst <= 2 else 'no'} | — |")
    if peer32 and proj32:
        times = proj32["rps"] / peer32["rps"]
        bound = f"{bound32['rps'] / peer32['rps']:.2f} × ({bound32['rps']:.0f})" if bound32 else "—"
        report.append(f"| c=32 req/s ≥ 4 × Python (orjson) | {times:.2f} × ({proj32['rps']:.0f} / {peer32['rps']:.0f}) | "
                      f"{'yes' if times >= 4 else 'no'} | {bound} |")
    if without_work:
        report += ["", "`no-report-work-cgen` is this project's stack with a composer built from "
                   "bound/no-report-work.patch: it asks both services and waits for both replies but reads neither and "
                   "sends a placeholder of the report's size — the messaging alone (see report_bound.py)."]
    def mib(kib):
        return f"{kib / 1024:.1f} MiB"
    report += ["", "| composer memory | RSS | anonymous | shared-library pages | PSS |", "|---|---:|---:|---:|---:|",
               f"| idle, services registered | {mib(idle['VmRSS'])} | {mib(idle['RssAnon'])} | {mib(idle['RssFile'])} | {mib(idle.get('Pss', 0))} |",
               f"| after the settings above (steady state) | {mib(steady['VmRSS'])} | {mib(steady['RssAnon'])} | {mib(steady['RssFile'])} | {mib(steady.get('Pss', 0))} |"]
    if soak_samples:
        first, last = soak_samples[1][1], soak_samples[-1][1]
        report.append(f"| soak: after {soak_samples[1][0]:,} requests | {mib(first['VmRSS'])} | {mib(first['RssAnon'])} | {mib(first['RssFile'])} | {mib(first.get('Pss', 0))} |")
        report.append(f"| soak: after {soak_samples[-1][0]:,} requests | {mib(last['VmRSS'])} | {mib(last['RssAnon'])} | {mib(last['RssFile'])} | {mib(last.get('Pss', 0))} |")
        growth = last["VmRSS"] - first["VmRSS"]
        report += ["", f"Soak at c=32: RSS changed by {growth / 1024:+.1f} MiB between {soak_samples[1][0]:,} and {soak_samples[-1][0]:,} requests "
                   f"(samples every 30 s: {', '.join(mib(m['VmRSS']) for _, m in soak_samples)})."]
        met = steady["VmRSS"] <= 30 * 1024 and abs(growth) <= 1024
        report.append(f"Target composer RSS ≤ 30 MB in steady state and flat: {mib(steady['VmRSS'])}, "
                      f"{growth / 1024:+.1f} MiB over the soak — {'met' if met else 'not met'}.")
    # CPU per request at c=32, all processes of each system together (100 % = one core).
    per_request = {label: sum(get(label, 32)["cpu"].values()) if get(label, 32) and get(label, 32)["cpu"] else None
                   for label in ("c-floor", "cpp-rapidjson-cgen", "py-orjson-cgen", "project-cgen", "no-report-work-cgen",
                                 "project")}
    report += ["", "CPU per request at c=32, every process of the system together (client included; 2 cores = 2,000,000 µs/s; "
               "each the median of the rounds' figures):", "",
               "| system | µs CPU per request | per process, µs |", "|---|---:|---|"]
    for label, value in per_request.items():
        if value:
            parts = " ".join(f"{name}={cost:.0f}" for name, cost in sorted(get(label, 32)["cpu"].items()))
            report.append(f"| {label} | {value:.0f} | {parts} |")
    work_cpu = re.search(r"^thread CPU per report: ([\d.]+)", work, re.M)
    if work:
        report += ["", "The composer's work per report without messaging (`report-composer --measure-work`, the replies the services "
                   "gave in the last round):", "", "```", work.strip(), "```"]
    if work_cpu and per_request["c-floor"] and floor32 and peer32:
        bound = 2e6 / (per_request["c-floor"] + float(work_cpu.group(1)))
        report += ["", f"Bound: with messaging as cheap as the floor's ({per_request['c-floor']:.0f} µs of CPU per request, all processes) "
                   f"plus only this work ({float(work_cpu.group(1)):.0f} µs), 2 cores would serve at most {bound:,.0f} req/s — "
                   f"{bound / floor32['rps']:.0%} of the floor, {bound / peer32['rps']:.1f} × the Python peer."]
    if legs:
        report += ["", "One request at a time, median µs of each leg (perf trace of every process's sends and receives; "
                   "tracing adds to every leg):", ""] + report_bound.legs_table(legs)
    report += ["", "Project CPU % and peak RSS per setting: " + "; ".join(f"c={r['c']}: {r['rest']}" for r in rows if r["label"] == "project")]
    text = "\n".join(report) + "\n"
    print(text)
    format_log = "".join(v["line"] + "\n" for v in formats.values())
    open(os.path.join(HERE, "report-bench.md"), "w").write(text + "\n```\n" + "".join(log) + format_log + work + "```\n")
    svg_plot([r for r in rows if r["label"] in ("project", "project-cgen", "no-report-work-cgen", "c-floor", "py-orjson-cgen",
                                                "cpp-rapidjson-cgen")],
             os.path.join(HERE, "report-bench.svg"))


if __name__ == "__main__":
    main()
