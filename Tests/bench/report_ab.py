"""A/B of the report path: two builds of this project (e.g. a commit before a change and HEAD,
each built with `swift build -c release` in its own worktree), in interleaved rounds, each
driven by the C load generator from ../shared/bench at 1, 8 and 32 in flight; prints the
medians, the req/s range over rounds, the CPU per request of all processes together and of the
composer and each service.

  python3 Tests/bench/report_ab.py BEFORE_BIN_DIR AFTER_BIN_DIR [ROUNDS]

Needs the reference tools (../shared/bench, or REFERENCE_BENCH=DIR) for the load generator.
"""
import os
import statistics
import subprocess
import sys

import report_bench as rb


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    if not rb.have_reference_tools():
        raise SystemExit(f"the C load generator is in the reference tools, not found at {rb.SHARED_BENCH}")
    before, after = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    subprocess.run(["gcc", "-O2", "-o", rb.FLOOR, os.path.join(rb.SHARED_BENCH, "floor.c"), "-lzmq", "-lpthread"],
                   check=True)
    rows = {"before": [], "after": []}
    for number in range(rounds):
        order = (("before", before), ("after", after))
        for label, binaries in order if number % 2 == 0 else reversed(order):
            procs = rb.start_stack(binaries)
            try:
                subprocess.run([os.path.join(binaries, "report-loadgen"), "--concurrency", "1", "--requests", "500"],
                               capture_output=True, check=True)
                parsed = rb.parse(rb.c_loadgen(procs, label, 3000, 5))
                for row in parsed:
                    row["per"] = rb.cpu_per_request(row) if row["rps"] else {}
                    row["cpu"] = sum(row["per"].values())
                rows[label].extend(parsed)
                print(number, label, [(r["c"], r["p50"], r["rps"], round(r["cpu"])) for r in parsed], flush=True)
            finally:
                rb.stop(procs)
    for c in (1, 8, 32):
        for label in ("before", "after"):
            group = [r for r in rows[label] if r["c"] == c]
            print(f"c={c} {label}: p50 {statistics.median(r['p50'] for r in group):.0f} us, "
                  f"p99 {statistics.median(r['p99'] for r in group):.0f} us, "
                  f"req/s {statistics.median(r['rps'] for r in group):.0f} "
                  f"({min(r['rps'] for r in group)}-{max(r['rps'] for r in group)}), "
                  f"CPU/request {statistics.median(r['cpu'] for r in group):.0f} us "
                  + "(" + ", ".join(f"{name} {statistics.median(r['per'].get(name, 0) for r in group):.0f}"
                                    for name in ("composer", "statistics", "initiatives")) + ")")


if __name__ == "__main__":
    main()
