"""Scale of the statistics service: a synthetic dataset the size of every municipality in
Japan (generated here, never committed), loaded by the real service.

1. `statistics-service --measure`: load time, in-process query time, peak RSS.
2. The service running for real behind a composer: 200 `statistics.industryStructure` queries
   for five random regions over ZeroMQ, then its RSS and peak RSS from /proc.

  python3 Tests/bench/statistics_scale.py [--bin .build/release]
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "interop"))


def status(pid):
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "..", ".build", "release"))
    args = ap.parse_args()
    binaries = os.path.abspath(args.bin)
    os.environ["REPORT_BIN_DIR"] = binaries
    from conftest import Stack

    folder = tempfile.mkdtemp(prefix="keihin-scale-")
    subprocess.run([sys.executable, os.path.join(HERE, "generate_statistics.py"), folder], check=True)
    data = os.path.join(folder, "japan.csv")
    print(f"# statistics scale — {time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores, {binaries}")
    print("\n## In process (statistics-service --measure)\n")
    out = subprocess.run([os.path.join(binaries, "statistics-service"), "--measure", "--data", data],
                         capture_output=True, text=True, check=True).stdout
    print("\n".join("    " + line for line in out.strip().splitlines()))

    print("\n## Running service, queried over ZeroMQ through the composer\n")
    stack = Stack()
    try:
        started = time.monotonic()
        service = stack.start("statistics", "--data", data)
        stack.wait_for_workers({"statistics": 1}, timeout=60)
        ready = time.monotonic() - started
        codes = [f"{10000 + i:05d}" for i in range(1750)]
        latencies = []
        for _ in range(200):
            t0 = time.monotonic()
            reply = stack.call("statistics.industryStructure", {"regions": random.sample(codes, 5)})
            latencies.append((time.monotonic() - t0) * 1000)
            assert len(reply["result"]["rows"]) == 100
        latencies.sort()
        st = status(service.p.pid)
        print(f"    registered {ready:.2f} s after start (load included)")
        print(f"    round trip client → composer → service → client, 5 regions × 40 years × 20 sectors: "
              f"p50 {latencies[100]:.2f} ms, p99 {latencies[198]:.2f} ms")
        print(f"    service RSS {st['VmRSS']}, peak {st['VmHWM']}")
    finally:
        stack.close()


if __name__ == "__main__":
    main()
