"""Workers find every composer by name: services given one name that resolves to several
composers register with each, join a composer added behind the name at run time, and leave one
taken out of it. The name resolves through a hosts file of the services' own (a mount namespace
of theirs, `unshare -m`, with the file bind-mounted on /etc/hosts); every composer is on a
loopback address (127.0.0.2-4), nothing leaves the machine."""
import json
import os
import random
import shutil
import socket
import subprocess
import time

import pytest

from conftest import BIN, LISTENING, Proc

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root and unshare for a hosts file of its own")

NAME = "composers.test"


def free_port_on(addresses):
    """A port free on every one of `addresses`."""
    for _ in range(50):
        port = random.randint(20000, 60000)
        try:
            for address in addresses:
                with socket.socket() as probe:
                    probe.bind((address, port))
            return port
        except OSError:
            continue
    raise AssertionError("no common free port")


class Composer:
    def __init__(self, address, port, extra=()):
        self.proc = Proc("report-composer", ["--client-endpoint", f"tcp://{address}:*",
                                             "--worker-endpoint", f"tcp://{address}:{port}",
                                             "--heartbeat-interval", "200", *extra])
        m = self.proc.wait_for(LISTENING)
        self.client_endpoint = m.group(1) or m.group(3)

    def call(self, method, timeout=5):
        out = subprocess.run([os.path.join(BIN, "report-client"), "call", method, "--endpoint", self.client_endpoint,
                              "--timeout", "2000", "--attempts", "1"], capture_output=True, text=True, timeout=timeout)
        return json.loads(out.stdout) if out.returncode == 0 else None

    def workers(self):
        info = self.call("system.info")
        return {s["name"]: s["workers"] for s in info["services"]} if info else {}


def wait_until(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return time.monotonic()
        time.sleep(0.1)  # polling under a deadline
    raise AssertionError(f"never: {what}")


def write_hosts(path, addresses):
    # In place: the services' /etc/hosts is a bind mount of this very file.
    with open(path, "r+") as f:
        f.seek(0)
        f.truncate()
        f.write("".join(f"{address} {NAME}\n" for address in addresses))


def test_services_follow_every_composer_behind_one_name(tmp_path):
    addresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4"]
    port = free_port_on(addresses)
    hosts = tmp_path / "hosts"
    hosts.write_text("")
    write_hosts(hosts, addresses[:2])
    composers = [Composer(addresses[0], port), Composer(addresses[1], port)]
    services = []
    try:
        for service in ("statistics", "initiatives"):
            binary = os.path.join(BIN, f"{service}-service")
            services.append(Proc(f"{service}-service", [], command=[
                "unshare", "-m", "sh", "-c", 'mount --bind "$0" /etc/hosts && exec "$1" --connect "$2" '
                '--resolve-interval 500 --heartbeat-interval 200', str(hosts), binary, f"tcp://{NAME}:{port}"]))
        both = {"statistics": 1, "initiatives": 1}
        for composer in composers:
            wait_until(lambda: composer.workers() == both, 20, f"{composer.client_endpoint} sees both services")
            assert composer.call("report.compose")["degraded"] is False

        # A third composer behind the name: every replica joins it within the re-resolve interval.
        composers.append(Composer(addresses[2], port))
        added = time.monotonic()
        write_hosts(hosts, addresses)
        joined = wait_until(lambda: composers[2].workers() == both, 20, "the third composer gets every replica")
        print(f"third composer had every replica {joined - added:.2f} s after the name changed")
        assert joined - added < 0.5 + 3.0  # the interval, and time to register

        # One taken out of the name: the replicas leave it (it drops them once they go silent).
        write_hosts(hosts, [addresses[0], addresses[2]])
        wait_until(lambda: composers[1].workers().get("statistics", 0) == 0, 20, "the second composer is left")
        assert composers[0].workers() == both and composers[2].workers() == both

        # A composer killed: the others go on serving whole reports.
        composers[0].proc.p.kill()
        composers[0].proc.p.wait()
        for _ in range(20):
            assert composers[2].call("report.compose")["degraded"] is False
        for proc in services:
            assert proc.p.poll() is None, proc.log
            assert "composer found" in proc.log
    finally:
        for proc in services:
            proc.stop()
        for composer in composers:
            composer.proc.stop()


def test_the_client_spreads_over_the_composers_behind_a_name_and_fails_over(tmp_path):
    """report-client given the name tries a random composer behind it first and goes on to the
    next when one does not answer: with one of two composers killed, every call succeeds."""
    addresses = ["127.0.0.2", "127.0.0.3"]
    port = free_port_on(addresses)
    hosts = tmp_path / "hosts"
    hosts.write_text("")
    write_hosts(hosts, addresses)
    composers = []
    services = []
    try:
        for address in addresses:
            proc = Proc("report-composer", ["--client-endpoint", f"tcp://{address}:{port}",
                                            "--worker-endpoint", f"tcp://{address}:*"])
            m = proc.wait_for(LISTENING)
            worker_endpoint = m.group(2) or m.group(4)
            composers.append(proc)
            for service in ("statistics", "initiatives"):
                services.append(Proc(f"{service}-service", ["--connect", worker_endpoint]))
        client = [os.path.join(BIN, "report-client"), "--endpoint", f"tcp://{NAME}:{port}", "--timeout", "1500",
                  "--attempts", "4"]

        def ask(method="system.ping"):
            return subprocess.run(["unshare", "-m", "sh", "-c", 'mount --bind "$0" /etc/hosts && exec "$@"',
                                   str(hosts), *client[:1], "call", method, *client[1:]],
                                  capture_output=True, text=True, timeout=30)

        for address in addresses:
            def registered():
                out = subprocess.run([os.path.join(BIN, "report-client"), "call", "system.info", "--endpoint",
                                      f"tcp://{address}:{port}"], capture_output=True, text=True, timeout=30)
                return out.returncode == 0 and out.stdout.count('"workers" : 1') == 2
            wait_until(registered, 20, f"both services registered with the composer on {address}")
        served_by = set()
        for _ in range(12):
            out = ask("system.info")
            assert out.returncode == 0, out.stderr
            served_by.add(json.loads(out.stdout)["endpoints"]["client"])
        assert served_by == {f"tcp://{address}:{port}" for address in addresses}  # spread over both
        composers[0].p.kill()
        composers[0].p.wait()
        # Reports through the name with one composer dead: none lost, none degraded, and a dead
        # composer costs an attempt milliseconds (the refused connection is noticed at once).
        started = time.monotonic()
        failed_over = 0
        for _ in range(100):
            out = ask("report.compose")
            assert out.returncode == 0, out.stderr
            assert json.loads(out.stdout)["degraded"] is False
            failed_over += "nothing is listening" in out.stderr
        elapsed = time.monotonic() - started
        print(f"100 reports through the name with one of two composers dead: {failed_over} failed over, {elapsed:.1f} s")
        assert failed_over > 0
        assert elapsed < 100 * 1.0  # no attempt waited out its 1.5 s timeout on the dead one
    finally:
        for proc in services + composers:
            proc.stop()
