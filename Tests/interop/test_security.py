"""CurveZMQ authentication and encryption, and hostile input, through the real executables."""
import json
import os
import random
import stat
import subprocess
import time

import pytest
import zmq
from tinyrpc import RPCClient
from tinyrpc.protocols.jsonrpc import JSONRPCProtocol
from tinyrpc.transports.zmq import ZmqClientTransport

from conftest import BIN, Stack


def keys(folder, *names):
    """Makes key pairs with the project's own keys command; returns {name: (public, secret path, public path)}."""
    made = {}
    for name in names:
        base = os.path.join(folder, name)
        out = subprocess.run([os.path.join(BIN, "report-client"), "keys", "generate", base],
                             capture_output=True, text=True, check=True)
        made[name] = (out.stdout.strip(), base + ".key", base + ".pub")
    return made


def secret_of(path):
    return [line for line in open(path).read().splitlines() if line and not line.startswith("#")][0]


@pytest.fixture
def secure(tmp_path):
    folder = str(tmp_path)
    k = keys(folder, "composer", "statistics", "initiatives", "alice", "mallory")
    for allowed, names in (("clients", ["alice"]), ("workers", ["statistics", "initiatives"])):
        os.makedirs(os.path.join(folder, allowed))
        for name in names:
            os.link(k[name][2], os.path.join(folder, allowed, name + ".pub"))
    stack = Stack("--client-curve-secret", k["composer"][1], "--client-allow", os.path.join(folder, "clients"),
                  "--worker-curve-secret", k["composer"][1], "--worker-allow", os.path.join(folder, "workers"))
    stack.keys, stack.folder = k, folder
    yield stack
    stack.close()


def curve_socket(ctx, stack, name, kind=zmq.REQ):
    public, secret_path, _ = stack.keys[name]
    sock = ctx.socket(kind)
    sock.linger = 0
    sock.curve_serverkey = stack.keys["composer"][0].encode()
    sock.curve_publickey = public.encode()
    sock.curve_secretkey = secret_of(secret_path).encode()
    sock.connect(stack.client_endpoint)
    return sock


def start_secure(stack, service, key_name):
    return stack._spawn(f"{service}-service", "--connect", stack.worker_endpoint,
                        "--curve-server-key", stack.keys["composer"][2], "--curve-secret", stack.keys[key_name][1])


def call(sock, method, params=None, timeout_ms=10000):
    sock.rcvtimeo = timeout_ms
    sock.send(json.dumps({"jsonrpc": "2.0", "method": method, "params": params or {}, "id": 1}).encode())
    return json.loads(sock.recv())


def test_keys_command_writes_private_secret_files_and_never_overwrites(tmp_path):
    folder = str(tmp_path)
    k = keys(folder, "svc")
    public, secret_path, public_path = k["svc"]
    assert len(public) == 40
    assert stat.S_IMODE(os.stat(secret_path).st_mode) == 0o600
    assert public in open(public_path).read()
    again = subprocess.run([os.path.join(BIN, "report-client"), "keys", "generate", os.path.join(folder, "svc")],
                           capture_output=True, text=True)
    assert again.returncode != 0 and "refusing to overwrite" in again.stderr
    shown = subprocess.run([os.path.join(BIN, "report-client"), "keys", "public", secret_path],
                           capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == public


def test_authorised_tinyrpc_client_gets_the_report_over_curve(secure):
    start_secure(secure, "statistics", "statistics"), start_secure(secure, "initiatives", "initiatives")
    ctx = zmq.Context()
    try:
        sock = curve_socket(ctx, secure, "alice")
        deadline = time.monotonic() + 20
        while True:  # readiness: both services registered
            services = {s["name"]: s["workers"] for s in call(sock, "system.info")["result"]["services"]}
            if services.get("statistics") == 1 and services.get("initiatives") == 1:
                break
            assert time.monotonic() < deadline, services
            time.sleep(0.05)
        client = RPCClient(JSONRPCProtocol(), ZmqClientTransport(sock))
        result = client.call("report.compose", [], {"format": "markdown"})
        assert result["degraded"] is False and "## ５．まとめ" in result["content"]
    finally:
        ctx.destroy(linger=0)


def test_unauthorised_client_gets_nothing_and_is_logged(secure):
    ctx = zmq.Context()
    try:
        intruder = curve_socket(ctx, secure, "mallory")
        intruder.send(b'{"jsonrpc":"2.0","method":"system.ping","id":1}')
        assert intruder.poll(1500) == 0, "an unauthorised client got a reply"
        secure.composer.wait_for(r"domain=clients key=" + r"\S+" + r" peer=127\.0\.0\.1 .*connection refused")
        plain = ctx.socket(zmq.REQ)
        plain.linger = 0
        plain.connect(secure.client_endpoint)
        plain.send(b'{"jsonrpc":"2.0","method":"system.ping","id":1}')
        assert plain.poll(1000) == 0, "a plain client got through a CURVE endpoint"
        out = subprocess.run([os.path.join(BIN, "report-client"), "--endpoint", secure.client_endpoint,
                              "--curve-server-key", secure.keys["composer"][2], "--curve-secret", secure.keys["mallory"][1],
                              "--timeout", "500", "--attempts", "2"], capture_output=True, text=True, timeout=30)
        assert out.returncode != 0 and "authentication failed or composer unreachable" in out.stderr
        assert call(curve_socket(ctx, secure, "alice"), "system.ping")["result"] == {"pong": True}
    finally:
        ctx.destroy(linger=0)


def test_unauthorised_worker_cannot_register_and_serves_nobody(secure):
    start_secure(secure, "statistics", "mallory")  # a key not on the workers' list
    start_secure(secure, "initiatives", "initiatives")
    secure.composer.wait_for(r"domain=workers key=\S+ peer=127\.0\.0\.1 .*connection refused")
    ctx = zmq.Context()
    try:
        sock = curve_socket(ctx, secure, "alice")
        deadline = time.monotonic() + 20
        while {s["name"]: s["workers"] for s in call(sock, "system.info")["result"]["services"]}.get("initiatives") != 1:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        services = {s["name"]: s["workers"] for s in call(sock, "system.info")["result"]["services"]}
        assert services.get("statistics", 0) == 0
        report = call(sock, "report.compose", {"timeoutMs": 500})["result"]
        assert report["degraded"] is True and report["missing"] == ["statistics"]
        assert call(sock, "statistics.regions", {"timeoutMs": 300})["error"]["data"]["service"] == "statistics"
    finally:
        ctx.destroy(linger=0)


def test_curve_client_against_a_plain_composer_fails_clearly(stack, tmp_path):
    folder = str(tmp_path)
    k = keys(folder, "server")
    # Z85 has "-" in its alphabet: one key in 85 begins with it, and must still be taken as the key.
    dashed = next(public.decode() for public, _ in iter(zmq.curve_keypair, None) if public.startswith(b"-"))
    for key in (k["server"][0], dashed):
        out = subprocess.run([os.path.join(BIN, "report-client"), "--endpoint", stack.client_endpoint,
                              "--curve-server-key", key, "--timeout", "500", "--attempts", "1"],
                             capture_output=True, text=True, timeout=30)
        assert out.returncode != 0 and "authentication failed or composer unreachable" in out.stderr, (key, out.stderr)


def test_an_oversized_message_is_dropped_and_others_are_served():
    stack = Stack("--max-message-size", "65536")
    try:
        stack.start("statistics"), stack.start("initiatives")
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        big = stack.ctx.socket(zmq.DEALER)
        big.linger = 0
        big.connect(stack.client_endpoint)
        big.send_multipart([b"", b'{"jsonrpc":"2.0","method":"system.ping","id":1,"params":{"pad":"' + b"x" * 200_000 + b'"}}'])
        assert big.poll(1000) == 0, "an oversized message was answered"
        assert stack.call("report.compose")["result"]["degraded"] is False
    finally:
        stack.close()


def test_per_client_cap_holds_while_others_are_served():
    # Room for every reply, refusals included: the greedy client reads them all.
    stack = Stack("--max-in-flight-per-client", "4", "--max-unsent-replies", "64", "--timeout", "3000")
    try:
        stack.start_python_worker("--service", "statistics", "--mode", "delay", "--delay-ms", "50")
        stack.start("initiatives")
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        greedy = stack.ctx.socket(zmq.DEALER)
        greedy.linger = 0
        greedy.connect(stack.client_endpoint)
        for i in range(40):
            greedy.send_multipart([b"", json.dumps({"jsonrpc": "2.0", "method": "statistics.ping", "id": i}).encode()])
        # Another client is served while the greedy one is capped.
        assert stack.call("system.ping")["result"] == {"pong": True}
        codes = []
        for _ in range(40):
            assert greedy.poll(10000)
            reply = json.loads(greedy.recv_multipart()[-1])
            codes.append(reply.get("error", {}).get("code", 0))
        assert codes.count(-32002) >= 30, codes
        assert codes.count(0) >= 4
    finally:
        stack.close()


def rss_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_hostile_input_is_survived(stack):
    rng = random.Random(7)
    before = rss_kib(stack.composer.p.pid)
    client = stack.ctx.socket(zmq.DEALER)
    client.linger = 0
    client.sndhwm = 0
    client.connect(stack.client_endpoint)
    worker = stack.ctx.socket(zmq.DEALER)
    worker.linger = 0
    worker.sndhwm = 0
    worker.connect(stack.worker_endpoint)
    deep = b"[" * 5000 + b"]" * 5000
    samples = [
        lambda: [rng.randbytes(rng.randint(0, 300))],
        lambda: [b"", "日本語".encode()[:-1]],  # truncated UTF-8
        lambda: [b"", b'{"jsonrpc":"2.0","method":"system.ping","id":' + b"9" * 400 + b"}"],
        lambda: [b"", deep],
        lambda: [b"", b'{"jsonrpc":"2.0","method":"report.compose","params":' + b'{"a":' * 100 + b"1" + b"}" * 100 + b',"id":1}'],
        lambda: [b""] * rng.randint(2, 20),
        lambda: [b"", b"MDPW01", b"\x01", b"statistics"],  # a worker's READY on the client endpoint
        lambda: [b"", b'{"jsonrpc":"2.0","method":"system.ping","id":1}', b"extra"],
        lambda: [b"", json.dumps([{"jsonrpc": "2.0", "method": "system.ping", "id": i} for i in range(50)]).encode()],
    ]
    worker_samples = [
        lambda: [b"", b"MDPW01", b"\x01", rng.randbytes(8)],  # READY for an unknown service
        lambda: [b"", b'{"jsonrpc":"2.0","method":"system.ping","id":1}'],  # client frames on the worker endpoint
        lambda: [b"", b"MDPW01", b"\x03", b"12345678", b"", b"{}"],  # REPLY from nobody
        lambda: [rng.randbytes(rng.randint(0, 50)) for _ in range(rng.randint(1, 9))],
    ]
    for i in range(10_000):
        if i % 4 == 3:
            worker.send_multipart(rng.choice(worker_samples)())
        else:
            client.send_multipart(rng.choice(samples)())
        if i % 500 == 0:
            while client.poll(0):
                client.recv_multipart()
    # Drain what the client endpoint answered, then a good request must still work.
    deadline = time.monotonic() + 10
    while client.poll(200) and time.monotonic() < deadline:
        client.recv_multipart()
    assert stack.call("report.compose")["result"]["degraded"] is False
    names = sorted(s["name"] for s in stack.call("system.info")["result"]["services"])
    assert names == ["initiatives", "statistics"], names
    after = rss_kib(stack.composer.p.pid)
    print(f"composer RSS before {before} KiB, after 10,000 hostile messages {after} KiB")
    assert after < 128 * 1024, f"composer RSS {after} KiB after 10,000 hostile messages"
    assert after - before < 64 * 1024, f"composer RSS grew {after - before} KiB"


def test_allow_list_reload_on_sighup_admits_a_new_client(secure):
    ctx = zmq.Context()
    try:
        newcomer = curve_socket(ctx, secure, "mallory")
        newcomer.send(b'{"jsonrpc":"2.0","method":"system.ping","id":1}')
        assert newcomer.poll(1000) == 0
        newcomer.close()
        os.link(secure.keys["mallory"][2], os.path.join(secure.folder, "clients", "mallory.pub"))
        secure.composer.p.send_signal(1)  # SIGHUP
        secure.composer.wait_for(r"clients: 2 keys.*data reloaded")
        assert call(curve_socket(ctx, secure, "mallory"), "system.ping")["result"] == {"pong": True}
    finally:
        ctx.destroy(linger=0)


def test_a_non_loopback_bind_without_curve_is_warned_about():
    # Binds on all interfaces of this machine; all traffic in the test stays on loopback.
    composer = Stack.__new__(Stack)
    composer.procs = []
    proc = composer._spawn("report-composer", "--client-endpoint", "tcp://0.0.0.0:*", "--worker-endpoint", "tcp://127.0.0.1:*")
    try:
        proc.wait_for(r"THE CLIENT ENDPOINT tcp://0\.0\.0\.0:\* IS OPEN BEYOND THIS MACHINE WITHOUT CURVE")
        assert "THE WORKER ENDPOINT" not in proc.log
    finally:
        proc.stop()


def test_json_limits_are_flags_and_refuse_before_decoding():
    stack = Stack("--max-json-depth", "4", "--max-json-entries", "5", "--max-json-string", "64", "--max-frames", "3")
    try:
        for body, reason in ((b'{"jsonrpc":"2.0","method":"system.ping","params":{"a":[[[[1]]]]},"id":1}', "nested deeper than 4"),
                             (b'[' + b",".join([b'{"jsonrpc":"2.0","method":"system.ping","id":1}'] * 6) + b"]", "more than 5 entries"),
                             (b'{"jsonrpc":"2.0","method":"system.ping","params":{"s":"' + b"x" * 100 + b'"},"id":1}', "longer than 64 bytes")):
            sock = stack.ctx.socket(__import__("zmq").REQ)
            sock.linger = 0
            sock.rcvtimeo = 5000
            sock.connect(stack.client_endpoint)
            sock.send(body)
            error = json.loads(sock.recv())["error"]
            assert error["code"] == -32600 and reason in error["data"]["detail"], error
        dealer = stack.ctx.socket(__import__("zmq").DEALER)
        dealer.linger = 0
        dealer.connect(stack.client_endpoint)
        dealer.send_multipart([b"", b'{"jsonrpc":"2.0","method":"system.ping","id":1}', b"x", b"y"])  # 5 frames with the id
        assert dealer.poll(1000) == 0, "a message over --max-frames was answered"
        assert stack.call("system.ping")["result"] == {"pong": True}
    finally:
        stack.close()


def test_keys_come_from_systemd_credentials_when_no_flag_names_them(monkeypatch, tmp_path):
    """As under systemd's LoadCredential=: each process finds its key files by name in
    $CREDENTIALS_DIRECTORY, and CURVE is on for every endpoint without a flag."""
    folder = str(tmp_path)
    k = keys(folder, "composer", "statistics", "initiatives", "alice", "mallory")

    def credentials(name, files):
        directory = os.path.join(folder, "credentials-" + name)
        os.makedirs(directory)
        for credential, content in files.items():
            path = os.path.join(directory, credential)
            open(path, "w").write(content)
            os.chmod(path, 0o400)  # as systemd leaves them: readable by the service's user alone
        return directory

    composer = credentials("composer", {
        "composer.key": open(k["composer"][1]).read(),
        "workers.allow": k["statistics"][0] + "\n" + k["initiatives"][0] + "\n",
        "clients.allow": k["alice"][0] + "\n",
    })
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", composer)
    stack = Stack()
    try:
        stack.keys = k
        for service in ("statistics", "initiatives"):
            monkeypatch.setenv("CREDENTIALS_DIRECTORY", credentials(service, {
                "service.key": open(k[service][1]).read(), "composer.pub": open(k["composer"][2]).read()}))
            stack.start(service)
        monkeypatch.delenv("CREDENTIALS_DIRECTORY")
        ctx = zmq.Context()
        try:
            deadline = time.monotonic() + 20
            while True:  # readiness: both services registered over CURVE
                sock = curve_socket(ctx, stack, "alice")
                services = {s["name"]: s["workers"] for s in call(sock, "system.info")["result"]["services"]}
                sock.close()
                if services == {"statistics": 1, "initiatives": 1}:
                    break
                assert time.monotonic() < deadline, services
                time.sleep(0.05)
            sock = curve_socket(ctx, stack, "alice")
            assert call(sock, "report.compose")["result"]["degraded"] is False
            # A key not in clients.allow, and plaintext, get nothing.
            stranger = curve_socket(ctx, stack, "mallory")
            stranger.send(b'{"jsonrpc":"2.0","method":"system.ping","id":1}')
            assert stranger.poll(1500) == 0
            plain = ctx.socket(zmq.REQ)
            plain.linger = 0
            plain.connect(stack.client_endpoint)
            plain.send(b'{"jsonrpc":"2.0","method":"system.ping","id":1}')
            assert plain.poll(1500) == 0
            for s in (sock, stranger, plain):
                s.close()
        finally:
            ctx.destroy(linger=0)
    finally:
        stack.close()
