"""Several hosts, as network namespaces this test creates: the composer on one, replicas on two
others, the client on a fourth, all joined by a bridge in a fifth. Every connection has both
ends inside these namespaces; the test process itself sends nothing to their addresses. Then one
host is cut off, then the other: the report keeps coming from what is left, and is degraded only
when no replica of a service remains. Every namespace is removed, even when the test fails."""
import json
import os
import shutil
import subprocess
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
    deadline = time.monotonic() + timeout
    while True:
        info = hosts.call(client, endpoint, "system.info")
        counts = {s["name"]: s["workers"] for s in info["services"]}
        if all(counts.get(k, 0) == v for k, v in expected.items()):
            return
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
