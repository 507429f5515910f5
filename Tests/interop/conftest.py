"""Starts the real executables as separate processes on free loopback ports for interop tests.

The composer binds tcp://127.0.0.1:* and announces the ports it got in its "listening" log
line; services connect to that worker port; readiness is the composer's system.info listing
the workers. No fixed sleeps: every wait polls a readiness signal under a deadline.
"""
import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid

import pytest
import zmq
from tinyrpc import RPCClient
from tinyrpc.protocols.jsonrpc import JSONRPCProtocol
from tinyrpc.transports.zmq import ZmqClientTransport

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("REPORT_BIN_DIR", os.path.join(ROOT, ".build", "debug"))


# The composer's "listening" line, in the text or the JSON log format.
LISTENING = r'clients=(\S+) workers=(\S+).*listening|"message":"listening","clients":"([^"]+)","workers":"([^"]+)"'


class Proc:
    def __init__(self, name, args, command=None):
        self.name = name
        self._lines = []
        self.p = subprocess.Popen(command or [os.path.join(BIN, name), *args], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        # A list, joined when read: `+=` on a string copies the whole log per line, which costs
        # the test process (and every client in it) seconds once a process logs thousands of lines.
        for line in self.p.stderr:
            self._lines.append(line)

    @property
    def log(self):
        return "".join(self._lines)

    def wait_for(self, pattern, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(pattern, self.log)
            if m:
                return m
            if self.p.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(f"{self.name} never logged {pattern!r}; log:\n{self.log}")

    def stop(self):
        if self.p.poll() is None:
            self.p.kill()
        self.p.wait()


class Stack:
    def __init__(self, *composer_args):
        self.procs = []
        self.composer_args = list(composer_args)
        self.composer = self._spawn("report-composer", "--client-endpoint", "tcp://127.0.0.1:*",
                                    "--worker-endpoint", "tcp://127.0.0.1:*", *composer_args)
        try:
            m = self.composer.wait_for(LISTENING)
        except BaseException:
            self.composer.stop()  # never leave a process behind, even when start-up fails
            raise
        self.client_endpoint, self.worker_endpoint = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        self.ctx = zmq.Context()

    def _spawn(self, name, *args, command=None):
        p = Proc(name, list(args), command)
        self.procs.append(p)
        return p

    def start(self, service, *args):
        return self._spawn(f"{service}-service", "--connect", self.worker_endpoint, *args)

    def start_python_worker(self, *args):
        helper = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mdp_worker.py")
        return self._spawn("mdp_worker.py", command=[sys.executable, helper, "--endpoint", self.worker_endpoint, *args])

    def restart_composer(self):
        """Kills the composer and starts a new one on the same two endpoints."""
        self.composer.p.kill()
        self.composer.p.wait()
        self.composer = self._spawn("report-composer", "--client-endpoint", self.client_endpoint,
                                    "--worker-endpoint", self.worker_endpoint, *self.composer_args)
        self.composer.wait_for(LISTENING)

    def replicas(self, service):
        for s in self.call("system.info")["result"]["services"]:
            if s["name"] == service:
                return s["replicas"]
        return []

    def call(self, method, params=None, timeout_ms=10000):
        sock = self.ctx.socket(zmq.REQ)
        sock.linger = 0
        sock.rcvtimeo = timeout_ms
        sock.connect(self.client_endpoint)
        req = {"jsonrpc": "2.0", "method": method, "id": str(uuid.uuid4())}
        if params is not None:
            req["params"] = params
        sock.send(json.dumps(req).encode())
        reply = json.loads(sock.recv())
        sock.close()
        return reply

    def wait_for_workers(self, expected, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            services = {s["name"]: s["workers"] for s in self.call("system.info")["result"]["services"]}
            if all(services.get(k, 0) == v for k, v in expected.items()):
                return
            time.sleep(0.05)
        raise AssertionError(f"workers never reached {expected}; composer log:\n{self.composer.log}")

    def close(self):
        for p in reversed(self.procs):
            p.stop()
        self.ctx.destroy(linger=0)


@pytest.fixture
def stack():
    s = Stack()
    s.start("statistics")
    s.start("initiatives")
    s.wait_for_workers({"statistics": 1, "initiatives": 1})
    yield s
    s.close()


@pytest.fixture
def seed_paragraphs():
    """The seed's ○/➢ paragraphs with their wrapped lines joined."""
    seed_dir = os.environ.get("SEED_DIR")
    if seed_dir:
        path = os.path.join(seed_dir, sorted(f for f in os.listdir(seed_dir) if f.endswith(".txt"))[0])
    else:
        path = os.path.join(ROOT, "Tests", "Fixtures", "seed-report.txt")
    blocks, prev_blank = [], True
    for raw in open(path, encoding="utf-8"):
        line = raw.strip()
        if not line:
            prev_blank = True
            continue
        if prev_blank or line[0] in "○➢☆(（" or not blocks:
            blocks.append(line)
        else:
            blocks[-1] += line
        prev_blank = False
    return [b for b in blocks if b[0] in "○➢"]


def tinyrpc_client(stack, timeout_ms=15000):
    """Yields a tinyrpc client (its own ZeroMQ REQ transport) on the stack's client endpoint."""
    ctx = zmq.Context()
    transport = ZmqClientTransport.create(ctx, stack.client_endpoint)
    transport.socket.linger = 0
    transport.socket.rcvtimeo = timeout_ms
    yield RPCClient(JSONRPCProtocol(), transport)
    ctx.destroy(linger=0)
