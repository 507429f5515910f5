"""No single client can balloon the composer, stall it or starve the others: each scenario runs
against real processes over real sockets (see hostile.py) and asserts the bounds."""
import json
import os
import subprocess

import pytest

import hostile
from conftest import BIN

MIB = hostile.MIB
PEAK_LIMIT = 256 * MIB
SETTLED_LIMIT = 64 * MIB
P99_LIMIT = 0.5


def assert_bounded(result):
    print(hostile.summary("scenario", result))
    assert result["peak"] < PEAK_LIMIT, f"peak RSS {result['peak'] / MIB:.1f} MiB"
    assert result["settled"] < SETTLED_LIMIT, f"RSS {result['settled'] / MIB:.1f} MiB 10 s after"
    assert result["good_requests"] > 0
    assert result["good_failures"] == [], result["good_failures"][:5]
    assert result["good_p99"] < P99_LIMIT, f"well-behaved client p99 {result['good_p99'] * 1000:.0f} ms"
    assert result["workers"] == {"statistics": 1, "initiatives": 1}, result["workers"]


def test_fifty_clients_that_never_read():
    result = hostile.run(hostile.never_reading, clients=50, per_client=2000, fmt="html")
    assert_bounded(result)
    # What could not be queued for them was dropped and counted, not kept.
    assert result["dropped"].get("unread", 0) > 0, result["dropped"]
    # Logged at most once per client per interval, never a line per message.
    assert result["composer_log_lines"] < 500


def test_a_burst_of_large_frames():
    result = hostile.run(hostile.big_frames, count=3000, size=200 * 1024)
    assert_bounded(result)
    # It read nothing while it sent 600 MB: what did not fit its queue was dropped and counted.
    assert len(result["replies"]) + result["dropped"].get("unread", 0) == 3000, result["dropped"]
    for reply in result["replies"]:
        assert len(reply) < 1024, reply[:200]  # the 200 KB value is not echoed back
        error = json.loads(reply)["error"]
        # Refused for the oversized value, or — once a reply to it was dropped — refused unread
        # as a client that is not reading, which is all the composer spends on it then.
        assert error["code"] == -32602 or (error["code"] == -32002 and "not reading" in error["data"]["detail"]), error
    assert any(json.loads(reply)["error"]["code"] == -32602 for reply in result["replies"])


def test_made_up_method_names():
    result = hostile.run(hostile.made_up_methods, count=3000, long_name_bytes=100 * 1024)
    assert_bounded(result)
    assert len(result["replies"]) + result["dropped"].get("unread", 0) == 3000, result["dropped"]
    codes = [json.loads(reply)["error"]["code"] for reply in result["replies"]]
    # Names over 128 bytes refused at once; short ones forwarded and unknown to the service, or
    # over the client's cap of 64 in flight while the service answers.
    assert set(codes) <= {-32600, -32601, -32002}, set(codes)
    assert codes.count(-32600) > 0 and codes.count(-32601) > 0
    assert all(len(reply) < 1024 for reply in result["replies"])
    # Counted under one entry, whatever the names: the table is fixed by the code.
    methods = result["stats"]["methods"]
    assert set(methods) <= {"report.compose", "system.info", "system.stats", "system.ping", "unknown"}, set(methods)
    # Every made-up name the service was asked about (each -32601) is in that entry; those refused
    # unread once the client's replies were dropped (-32002) never reached the table.
    assert methods["unknown"]["requests"] >= max(1, codes.count(-32601)), (methods["unknown"], codes.count(-32601))


def test_one_batch_of_five_thousand_reports():
    result = hostile.run(hostile.one_big_batch, entries=5000, fmt="text")
    assert_bounded(result)
    [reply] = result["replies"]
    entries = json.loads(reply)
    assert len(entries) == 5000
    answered = [e for e in entries if "result" in e]
    refused = [e for e in entries if e.get("error", {}).get("code") == -32002]
    # Every entry counts against the client's cap of 64 in flight.
    assert len(answered) == 64 and len(refused) == 5000 - 64
    assert not any(e["result"]["degraded"] for e in answered)


def test_a_secret_key_others_can_read_stops_the_process(tmp_path):
    base = str(tmp_path / "composer")
    subprocess.run([os.path.join(BIN, "report-client"), "keys", "generate", base], check=True, capture_output=True)
    secret = base + ".key"
    os.chmod(secret, 0o644)
    composer = subprocess.run(
        [os.path.join(BIN, "report-composer"), "--client-endpoint", "tcp://127.0.0.1:0",
         "--worker-endpoint", "tcp://127.0.0.1:0", "--client-curve-secret", secret],
        capture_output=True, text=True, timeout=30)
    assert composer.returncode == 66
    assert secret in composer.stderr and "chmod 600" in composer.stderr, composer.stderr
    service = subprocess.run(
        [os.path.join(BIN, "statistics-service"), "--connect", "tcp://127.0.0.1:1",
         "--curve-server-key", base + ".pub", "--curve-secret", secret],
        capture_output=True, text=True, timeout=30)
    assert service.returncode == 66
    assert "chmod 600" in service.stderr, service.stderr
    os.chmod(secret, 0o600)
    check = subprocess.run([os.path.join(BIN, "report-client"), "keys", "public", secret], capture_output=True, text=True)
    assert check.returncode == 0 and len(check.stdout.strip()) == 40


@pytest.fixture(autouse=True)
def _print_summaries(capsys):
    yield


def test_a_service_flooded_by_its_composer_stays_bounded():
    """Anything a service connects to can flood it: a fake composer (a plain ROUTER) takes the
    READY, then sends 3,000 requests with 200 KB method names and params in a burst."""
    import zmq
    from conftest import Proc

    ctx = zmq.Context()
    router = ctx.socket(zmq.ROUTER)
    router.linger = 0
    router.sndhwm = 0  # queue the flood in this process: the service's pace is TCP's
    router.router_mandatory = 1
    port = router.bind_to_random_port("tcp://127.0.0.1")
    service = Proc("statistics-service", ["--connect", f"tcp://127.0.0.1:{port}"])
    try:
        assert router.poll(20000)
        frames = router.recv_multipart()
        worker = frames[0]
        assert frames[2:5] == [b"MDPW01", b"\x01", b"statistics"]
        filler = "z" * (200 * 1024)
        for number in range(3000):
            if number % 2:
                body = json.dumps({"jsonrpc": "2.0", "id": number, "method": "statistics." + filler})
            else:
                body = json.dumps({"jsonrpc": "2.0", "id": number, "method": "statistics.regions",
                                   "params": {"dataset": filler}})
            router.send_multipart([worker, b"", b"MDPW01", b"\x02", number.to_bytes(8, "big"), b"", body.encode()])
        replies = []
        while len(replies) < 3000 and router.poll(30000):
            frames = router.recv_multipart()
            if frames[3] == b"\x03":
                replies.append(frames[6])
        assert len(replies) == 3000
        assert all(len(reply) < 1024 for reply in replies), max(len(reply) for reply in replies)
        codes = {json.loads(reply)["error"]["code"] for reply in replies}
        assert codes <= {-32600, -32602, -32003, -32000}, codes
        peak = hostile.memory(service.p.pid)["VmHWM"]
        print(f"statistics-service peak RSS {peak / MIB:.1f} MiB over 3,000 requests of 200 KB")
        assert peak < PEAK_LIMIT
    finally:
        service.stop()
        router.close()
        ctx.term()
