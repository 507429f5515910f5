"""make bench-hostile: the hostile and careless clients of the bounded-memory issue at the sizes
it measured, against the release build — each scenario on a fresh stack with a well-behaved
client asking for reports throughout. Prints, per scenario, the composer's peak and settled
RSS, the well-behaved client's p50/p99 and failures, the replies dropped, the replicas still
registered; writes Tests/bench/hostile-bench.md. Needs nothing beside the repository.

  REPORT_BIN_DIR=.build/release python3 Tests/bench/hostile_bench.py [--scale 1.0]
"""
import argparse
import os
import sys
import time

# No access line per request while measuring (the processes inherit this).
os.environ.setdefault("REPORT_ACCESS_LOG", "off")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "interop"))

import hostile  # noqa: E402

MIB = hostile.MIB


def mixed(stack, count):
    """`count` requests in three equal parts: frames with a 200 KB string param, made-up method
    names (half of them 100 KB long), and one batch."""
    third = count // 3
    seen = {"sent": 0, "replies": 0}
    for part in (lambda: hostile.big_frames(stack, third, 200 * 1024),
                 lambda: hostile.made_up_methods(stack, third, 100 * 1024),
                 lambda: hostile.one_big_batch(stack, third, fmt="text")):
        result = part()
        seen["sent"] += result["sent"]
        seen["replies"] += len(result["replies"])
    return seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full sizes, for a quick look")
    args = parser.parse_args()
    n = lambda full: max(1, int(full * args.scale))  # noqa: E731
    scenarios = [
        ("50 DEALERs × 10,000 html reports, never read", hostile.never_reading,
         dict(clients=50, per_client=n(10_000), fmt="html")),
        ("one DEALER, 110,000 html reports paced at 5,000/s, never read", hostile.paced_never_reading,
         dict(total=n(110_000), rate=5000, fmt="html")),
        ("30,000 mixed: 200 KB params, made-up and 100 KB method names, one batch", mixed,
         dict(count=n(30_000))),
    ]
    lines = [f"# Hostile clients — {time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores, "
             f"binaries {os.environ.get('REPORT_BIN_DIR', '.build/debug')}", "",
             "| scenario | sent | composer RSS before | peak (VmHWM) | settled | well-behaved p50 / p99 | failed or degraded | replies dropped | replicas at the end |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for name, attack, sizes in scenarios:
        print(f"running: {name}", flush=True)
        r = hostile.run(attack, **sizes)
        print(hostile.summary(name, r), flush=True)
        dropped = ", ".join(f"{reason} {count:,.0f}" for reason, count in sorted(r["dropped"].items()))
        lines.append(
            f"| {name} | {r['sent']:,} | {r['rss_before'] / MIB:.1f} MiB | {r['peak'] / MIB:.1f} MiB | "
            f"{r['settled'] / MIB:.1f} MiB ({r['settle_seconds']:.1f} s after) | "
            f"{r['good_p50'] * 1000:.1f} / {r['good_p99'] * 1000:.1f} ms ({r['good_requests']:,} reports) | "
            f"{len(r['good_failures'])} | {dropped} | {r['workers']} |")
    text = "\n".join(lines) + "\n"
    print(text)
    open(os.path.join(HERE, "hostile-bench.md"), "w").write(text)


if __name__ == "__main__":
    main()
