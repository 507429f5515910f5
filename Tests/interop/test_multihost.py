"""Several hosts, as network namespaces this test creates: composers, replicas and a client each
on hosts of their own, all joined by a bridge in one more. Every connection has both
ends inside these namespaces; the test process itself sends nothing to their addresses. Hosts
are cut off one by one (the report keeps coming from what is left, degraded only when no replica
of a service remains), and composers are found by name and killed (nothing is lost). Every
namespace, and every /etc/netns folder made for one, is removed, even when a test fails."""
import json
import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from conftest import BIN

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("ip") is None, reason="needs root and iproute2 to create network namespaces")

SUBNET = "10.77.{}.{}"


class Hosts:
    def __init__(self):
        self.tag = uuid.uuid4().hex[:6]
        self.names = []
        self.procs = []
        self.hub = self.namespace("hub")
        self.ip("-n", self.hub, "link", "add", "br0", "type", "bridge")
        self.ip("-n", self.hub, "link", "set", "br0", "up")
        self.octet = int(self.tag[:2], 16)

    def ip(self, *args):
        subprocess.run(["ip", *args], check=True, capture_output=True, timeout=20)

    def namespace(self, role):
        name = f"kr{self.tag}-{role}"
        self.ip("netns", "add", name)
        self.names.append(name)
        self.ip("-n", name, "link", "set", "lo", "up")
        return name

    def host(self, role, number):
        name = self.namespace(role)
        port = f"kr{self.tag}{number}"
        self.ip("link", "add", port, "netns", self.hub, "type", "veth", "peer", "name", "eth0", "netns", name)
        self.ip("-n", self.hub, "link", "set", port, "master", "br0", "up")
        address = SUBNET.format(self.octet, number)
        self.ip("-n", name, "addr", "add", f"{address}/24", "dev", "eth0")
        self.ip("-n", name, "link", "set", "eth0", "up")
        return name, address

    def run(self, namespace, *command):
        proc = subprocess.Popen(["ip", "netns", "exec", namespace, *command],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.procs.append(proc)
        return proc

    def call(self, namespace, endpoint, method, params=None, timeout_ms=3000):
        command = ["ip", "netns", "exec", namespace, os.path.join(BIN, "report-client"), "call", method,
                   "--endpoint", endpoint, "--timeout", str(timeout_ms), "--attempts", "1"]
        if params is not None:
            command.append(json.dumps(params))
        out = subprocess.run(command, capture_output=True, text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    def cut(self, namespace):
        self.ip("-n", namespace, "link", "set", "eth0", "down")

    def close(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        for name in self.names:
            subprocess.run(["ip", "netns", "del", name], capture_output=True)


def wait_for_workers(hosts, client, endpoint, expected, timeout=20):
    """Polls system.info until the counts are `expected`; a composer still starting (nothing
    listening yet) is waited for too."""
    deadline = time.monotonic() + timeout
    counts = None
    while True:
        try:
            info = hosts.call(client, endpoint, "system.info")
            counts = {s["name"]: s["workers"] for s in info["services"]}
            if all(counts.get(k, 0) == v for k, v in expected.items()):
                return
        except AssertionError as error:  # not listening yet
            counts = str(error)
        assert time.monotonic() < deadline, counts
        time.sleep(0.1)


def test_report_across_hosts_survives_losing_them_one_by_one():
    hosts = Hosts()
    try:
        composer, composer_ip = hosts.host("composer", 1)
        first, _ = hosts.host("b", 2)
        second, _ = hosts.host("c", 3)
        client, _ = hosts.host("client", 4)
        clients_at, workers_at = f"tcp://{composer_ip}:5555", f"tcp://{composer_ip}:5556"
        hosts.run(composer, os.path.join(BIN, "report-composer"), "--client-endpoint", clients_at,
                  "--worker-endpoint", workers_at, "--heartbeat-interval", "300", "--timeout", "2000",
                  "--retry-after", "400")
        for namespace in (first, second):
            for service in ("statistics", "initiatives"):
                hosts.run(namespace, os.path.join(BIN, f"{service}-service"), "--connect", workers_at,
                          "--heartbeat-interval", "300")
        wait_for_workers(hosts, client, clients_at, {"statistics": 2, "initiatives": 2})
        report = hosts.call(client, clients_at, "report.compose")
        assert report["degraded"] is False

        hosts.cut(first)
        for _ in range(10):
            report = hosts.call(client, clients_at, "report.compose")
            assert report["degraded"] is False, report["missing"]
        wait_for_workers(hosts, client, clients_at, {"statistics": 1, "initiatives": 1})

        hosts.cut(second)
        wait_for_workers(hosts, client, clients_at, {"statistics": 0, "initiatives": 0})
        report = hosts.call(client, clients_at, "report.compose", {"timeoutMs": 500})
        assert report["degraded"] is True and sorted(report["missing"]) == ["initiatives", "statistics"]
    finally:
        hosts.close()
        leftovers = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
        assert f"kr{hosts.tag}" not in leftovers


def hosts_file(namespace, entries):
    """/etc/netns/NAMESPACE/hosts, which `ip netns exec` mounts on /etc/hosts; rewritten in place
    so that processes already running there see the change."""
    folder = os.path.join("/etc/netns", namespace)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "hosts")
    with open(path, "a+") as f:
        f.seek(0)
        f.truncate()
        f.write("127.0.0.1 localhost\n" + "".join(f"{address} composers.test\n" for address in entries))


def readyz(hosts, namespace, address):
    out = subprocess.run(["ip", "netns", "exec", namespace, sys.executable, "-c",
                          "import urllib.request, urllib.error, sys\n"
                          "try:\n"
                          f"    r = urllib.request.urlopen('http://{address}:9100/readyz', timeout=3); print(r.status)\n"
                          "except urllib.error.HTTPError as e:\n"
                          "    print(e.code)\n"], capture_output=True, text=True, timeout=30)
    return int(out.stdout.strip() or 0)


def test_composers_found_by_name_across_hosts():
    """Two composer hosts behind one name, two worker hosts and a client host: the workers,
    given only the name, register with both; a third composer added to the name at run time gets
    every replica; one composer killed with -9 while the client asks for 1,000 reports through the
    name: none lost, none degraded."""
    hosts = Hosts()
    namespaces = []
    try:
        composer_hosts = [hosts.host(f"k{n}", n) for n in (1, 2, 5)]
        workers = [hosts.host(f"w{n}", n) for n in (3, 4)]
        client, _ = hosts.host("client", 6)
        namespaces = [ns for ns, _ in workers] + [client]
        initial = [address for _, address in composer_hosts[:2]]
        for namespace in namespaces:
            hosts_file(namespace, initial)
        composers = []
        for namespace, address in composer_hosts:
            composers.append((namespace, address, lambda ns=namespace, a=address: hosts.run(
                ns, os.path.join(BIN, "report-composer"), "--client-endpoint", f"tcp://{a}:5555",
                "--worker-endpoint", f"tcp://{a}:5556", "--heartbeat-interval", "300",
                "--metrics-bind", f"{a}:9100")))
        running = [start() for _, _, start in composers[:2]]
        for namespace, _ in workers:
            for service in ("statistics", "initiatives"):
                hosts.run(namespace, os.path.join(BIN, f"{service}-service"), "--connect", "tcp://composers.test:5556",
                          "--heartbeat-interval", "300", "--resolve-interval", "500")
        for _, address, _ in composers[:2]:
            wait_for_workers(hosts, client, f"tcp://{address}:5555", {"statistics": 2, "initiatives": 2})

        # A third composer, added to the name at run time.
        third_ns, third_address, start_third = composers[2]
        running.append(start_third())
        deadline = time.monotonic() + 20
        while readyz(hosts, client, third_address) != 503:
            assert time.monotonic() < deadline, "the third composer never answered /readyz"
            time.sleep(0.1)
        added = time.monotonic()
        for namespace in namespaces:
            hosts_file(namespace, initial + [third_address])
        wait_for_workers(hosts, client, f"tcp://{third_address}:5555", {"statistics": 2, "initiatives": 2})
        joined = time.monotonic() - added
        assert joined < 0.5 + 5, joined
        assert readyz(hosts, client, third_address) == 200

        # 1,000 reports through the name; the first composer killed with -9 after the first 100.
        asker = subprocess.Popen(["ip", "netns", "exec", client, sys.executable,
                                  os.path.join(os.path.dirname(os.path.abspath(__file__)), "name_client.py"),
                                  "composers.test", "5555", "1000", "1000"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert asker.stdout.readline().strip() == "started"
        running[0].kill()
        running[0].wait()
        out, err = asker.communicate(timeout=300)
        seen = json.loads(out.strip().splitlines()[-1])
        print(f"third composer had every replica {joined:.2f} s after the name changed; 1,000 reports: {seen}")
        assert seen["answered"] == 1000 and seen["lost"] == 0 and seen["degraded"] == 0, (seen, err)
        assert len(seen["by"]) >= 2
    finally:
        hosts.close()
        for namespace in namespaces:
            shutil.rmtree(os.path.join("/etc/netns", namespace), ignore_errors=True)
        leftovers = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
        assert f"kr{hosts.tag}" not in leftovers
