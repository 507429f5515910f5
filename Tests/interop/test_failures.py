"""Scaling and failure handling, with real processes and real sockets."""
import signal
import time

import pytest

from conftest import Stack
from load import drive


def test_two_replicas_share_the_load():
    stack = Stack()
    try:
        stack.start("statistics"), stack.start("statistics"), stack.start("initiatives")
        stack.wait_for_workers({"statistics": 2, "initiatives": 1})
        results, failures, _ = drive(stack.ctx, stack.client_endpoint, 500, 8)
        assert failures == [] and len(results) == 500
        served = [r["requestsServed"] for r in stack.replicas("statistics")]
        assert sum(served) == 500
        assert min(served) >= 500 * 0.3, served
    finally:
        stack.close()


def test_kill_9_one_replica_mid_stream_loses_nothing():
    stack = Stack()
    try:
        victim = stack.start("statistics")
        stack.start("statistics"), stack.start("initiatives")
        stack.wait_for_workers({"statistics": 2, "initiatives": 1})
        killed = []

        def progress(done):
            if done == 300 and not killed:
                victim.p.send_signal(signal.SIGKILL)
                killed.append(time.monotonic())

        results, failures, _ = drive(stack.ctx, stack.client_endpoint, 1000, 8, on_progress=progress)
        assert killed, "the replica was never killed"
        assert failures == [], failures[:3]
        assert len(results) == 1000
        assert len(stack.replicas("statistics")) == 1
    finally:
        stack.close()


def test_no_replica_means_degraded_within_deadline_then_recovers():
    stack = Stack("--timeout", "1500")
    try:
        victim = stack.start("statistics")
        stack.start("initiatives")
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        victim.p.send_signal(signal.SIGKILL)
        for _ in range(5):
            t0 = time.monotonic()
            reply = stack.call("report.compose")
            assert time.monotonic() - t0 < 1.5 + 0.3
            assert reply["result"]["degraded"] is True
            assert reply["result"]["missing"] == ["statistics"]
            # Marked in words a reader understands, not by the internal service's name.
            assert "産業構造の統計は一時的に取得できない" in reply["result"]["content"]
            assert "statistics" not in reply["result"]["content"]
            assert "○味の素(株)…" in reply["result"]["content"]
        direct = stack.call("statistics.regions")
        assert direct["error"]["code"] in (-32000, -32001)
        assert direct["error"]["data"]["service"] == "statistics"
        started = time.monotonic()
        stack.start("statistics")
        while True:
            reply = stack.call("report.compose")
            if not reply["result"]["degraded"]:
                break
            assert time.monotonic() - started < 2.0, "no full report within two heartbeat intervals"
        assert time.monotonic() - started < 2.0
    finally:
        stack.close()


def test_composer_restart_heals_without_touching_services():
    stack = Stack()
    try:
        stack.start("statistics"), stack.start("initiatives")
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        results, failures, _ = drive(stack.ctx, stack.client_endpoint, 50, 4)
        assert failures == []
        stack.restart_composer()
        stack.wait_for_workers({"statistics": 1, "initiatives": 1}, timeout=15)
        results, failures, _ = drive(stack.ctx, stack.client_endpoint, 200, 8)
        assert failures == [] and len(results) == 200
    finally:
        stack.close()


def test_sigterm_replica_while_it_holds_requests_loses_nothing():
    stack = Stack()
    try:
        victim = stack.start("statistics")
        stack.start("statistics"), stack.start("initiatives")
        stack.wait_for_workers({"statistics": 2, "initiatives": 1})
        stopped = []

        def progress(done):
            if done == 200 and not stopped:
                victim.p.send_signal(signal.SIGTERM)
                stopped.append(True)

        results, failures, _ = drive(stack.ctx, stack.client_endpoint, 800, 8, on_progress=progress)
        assert failures == [], failures[:3]
        assert victim.p.wait(timeout=10) == 0
        assert len(stack.replicas("statistics")) == 1
    finally:
        stack.close()


def test_a_worker_that_never_answers_does_not_hold_reports_back():
    stack = Stack("--timeout", "3000")
    try:
        stack.start_python_worker("--service", "statistics", "--mode", "silent")
        stack.wait_for_workers({"statistics": 1})
        stack.start("statistics"), stack.start("initiatives")
        stack.wait_for_workers({"statistics": 2, "initiatives": 1})
        for _ in range(20):
            t0 = time.monotonic()
            reply = stack.call("report.compose")
            assert time.monotonic() - t0 < 3.0
            assert reply["result"]["degraded"] is False
    finally:
        stack.close()


def test_client_fails_over_to_a_second_composer():
    first, second = Stack(), Stack()
    try:
        for s in (first, second):
            s.start("statistics"), s.start("initiatives")
            s.wait_for_workers({"statistics": 1, "initiatives": 1})
        first.composer.p.kill()
        import subprocess, os
        from conftest import BIN
        out = subprocess.run([os.path.join(BIN, "report-client"), "--endpoint", first.client_endpoint,
                              "--endpoint", second.client_endpoint, "--timeout", "500", "--attempts", "3"],
                             capture_output=True, text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        assert "## ５．まとめ" in out.stdout
        assert "retrying" in out.stderr
    finally:
        first.close(), second.close()


def test_one_service_process_registers_with_two_composers():
    first, second = Stack(), Stack()
    try:
        first._spawn("statistics-service", "--connect", first.worker_endpoint, "--connect", second.worker_endpoint)
        first.wait_for_workers({"statistics": 1})
        second.wait_for_workers({"statistics": 1})
        assert "result" in second.call("statistics.regions")
    finally:
        first.close(), second.close()


def test_each_replica_gets_the_capacity_its_ready_asked_for():
    """A service announces --concurrency in READY (64 by default); the composer grants at most
    64, and a plain RFC 7 worker one request at a time. system.info shows what was granted."""
    stack = Stack()
    try:
        stack.start("statistics")
        stack.start("statistics", "--concurrency", "3")
        stack.start("initiatives", "--concurrency", "500")
        stack.start_python_worker("--service", "initiatives")
        stack.wait_for_workers({"statistics": 2, "initiatives": 2})
        assert sorted(r["capacity"] for r in stack.replicas("statistics")) == [3, 64]
        assert sorted(r["capacity"] for r in stack.replicas("initiatives")) == [1, 64]
    finally:
        stack.close()


def test_client_says_at_once_that_nothing_is_listening():
    import os
    import socket
    import subprocess
    from conftest import BIN
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    out = subprocess.run([os.path.join(BIN, "report-client"), "--endpoint", f"tcp://127.0.0.1:{port}",
                          "--timeout", "15000"], capture_output=True, text=True, timeout=30)
    assert time.monotonic() - started < 1.0
    assert out.returncode == 69
    assert f"nothing is listening at tcp://127.0.0.1:{port}" in out.stderr
    assert "authentication" not in out.stderr  # CURVE is off


@pytest.mark.parametrize("endpoint", ["tcp//127.0.0.1:5555", "tcp://127.0.0.1", "udp://127.0.0.1:5555",
                                      "tcp://127.0.0.1:99999"])
def test_a_malformed_endpoint_is_a_usage_error_everywhere(endpoint):
    import os
    import subprocess
    from conftest import BIN
    for command in (["report-client", "--endpoint", endpoint],
                    ["report-composer", "--client-endpoint", endpoint],
                    ["report-composer", "--worker-endpoint", endpoint],
                    ["statistics-service", "--connect", endpoint]):
        out = subprocess.run([os.path.join(BIN, command[0]), *command[1:]], capture_output=True, text=True, timeout=30)
        assert out.returncode == 64, (command, out.stderr)
        assert f"malformed endpoint: {endpoint}" in out.stderr
        assert "OPEN BEYOND THIS MACHINE" not in out.stderr
