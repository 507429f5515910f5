"""Operators' conventions checked with the ecosystem's own tools: Prometheus' promtool on the live
/metrics of every process, before any request and after a mixed load; --version of every
executable against git; --metrics-bind with localhost and IPv6."""
import os
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from conftest import BIN, ROOT, Proc, Stack

EXECUTABLES = ["statistics-service", "initiatives-service", "report-composer", "report-client", "report-loadgen"]


def promtool():
    """Prometheus' promtool: on PATH, or where `make test-deps` extracts it."""
    found = shutil.which("promtool") or os.path.join(ROOT, ".build", "tools", "promtool")
    assert os.access(found, os.X_OK), "promtool missing: run `make test-deps`"
    return found


def scrape(url):
    with urllib.request.urlopen(url + "/metrics", timeout=5) as response:
        return response.read().decode()


def check_with_promtool(text, who):
    checked = subprocess.run([promtool(), "check", "metrics"], input=text, capture_output=True, text=True)
    assert checked.returncode == 0, f"promtool on {who}'s /metrics:\n{checked.stdout}{checked.stderr}"


def samples(text):
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def git_commit():
    done = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def metrics_url(process):
    return "http://" + process.wait_for(r"metrics on http://(\S+)/metrics").group(1)


def test_promtool_accepts_every_process_metrics_before_any_request_and_after_a_mixed_load():
    stack = Stack("--metrics-bind", "127.0.0.1:0")
    try:
        statistics = stack.start("statistics", "--metrics-bind", "127.0.0.1:0")
        initiatives = stack.start("initiatives", "--metrics-bind", "localhost:0")
        urls = {"report-composer": metrics_url(stack.composer), "statistics-service": metrics_url(statistics),
                "initiatives-service": metrics_url(initiatives)}
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        info = stack.call("system.info")["result"]
        assert (info["version"], info["commit"]) == ("0.1.0", git_commit()), info
        before = {who: scrape(url) for who, url in urls.items()}
        for who, text in before.items():
            check_with_promtool(text, who)
            found = samples(text)
            # Which build, the same in every process.
            info = [labels for (name, labels), value in found.items() if name == "report_build_info" and value == 1]
            assert info == [(("commit", git_commit()), ("swift", info[0][1][1]), ("version", "0.1.0"))], info
            # The standard process metrics, read from /proc.
            assert found[("process_resident_memory_bytes", ())] > 1 << 20
            assert found[("process_open_fds", ())] > 2
            assert abs(found[("process_start_time_seconds", ())] - time.time()) < 600
            assert found[("process_cpu_seconds_total", ())] >= 0
        # Counters exist at zero from the start for every label value the process knows.
        composer = samples(before["report-composer"])
        for service in ("statistics", "initiatives"):
            assert composer[("report_missed_heartbeats_total", (("service", service),))] == 0
        assert composer[("report_unroutable_total", ())] == 0
        assert composer[("report_replies_dropped_total", (("reason", "unread"),))] == 0
        assert composer[("report_request_errors_total", (("code", "-32602"), ("method", "report.compose")))] == 0
        assert composer[("report_request_duration_seconds_count", (("method", "report.compose"),))] == 0
        service = samples(before["statistics-service"])
        assert service[("service_reconnects_total", (("composer", stack.worker_endpoint),))] == 0
        assert service[("service_requests_total", (("method", "statistics.industryStructure"),))] == 0

        # A mixed load: every format and edition, errors of several kinds, a service method.
        for fmt in ("markdown", "text", "json", "html", "svg"):
            for lang in ("ja", "en"):
                assert "result" in stack.call("report.compose", {"format": fmt, "lang": lang})
        assert stack.call("report.compose", {"format": "pdf"})["error"]["code"] == -32602
        assert stack.call("no.such.method")["error"]["code"] == -32601
        assert "result" in stack.call("statistics.regions")
        assert stack.call("statistics.compare", {"regions": ["nowhere"]})["error"]["code"] < 0
        after = {who: scrape(url) for who, url in urls.items()}
        for who, text in after.items():
            check_with_promtool(text, who)
        composer = samples(after["report-composer"])
        assert composer[("report_requests_total", (("method", "report.compose"),))] == 11
        assert composer[("report_request_errors_total", (("code", "-32602"), ("method", "report.compose")))] == 1
        assert composer[("report_request_errors_total", (("code", "-32601"), ("method", "unknown")))] == 1
        service = samples(after["statistics-service"])
        assert service[("service_requests_total", (("method", "statistics.industryStructure"),))] == 10
        assert service[("service_request_duration_seconds_count", (("method", "statistics.regions"),))] == 1
    finally:
        stack.close()


def test_every_executable_says_its_version_and_the_commit_it_was_built_from():
    commit = git_commit()
    for name in EXECUTABLES:
        done = subprocess.run([os.path.join(BIN, name), "--version"], capture_output=True, text=True, timeout=10)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().startswith(f"0.1.0 (commit {commit}, Swift "), (name, done.stdout)


def ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not ipv6_loopback(), reason="this machine has no IPv6 loopback (::1)")
def test_metrics_bind_takes_a_bracketed_ipv6_address():
    composer = Proc("report-composer", ["--client-endpoint", "tcp://127.0.0.1:*", "--worker-endpoint",
                                        "tcp://127.0.0.1:*", "--metrics-bind", "[::1]:0"])
    try:
        url = metrics_url(composer)
        assert url.startswith("http://[::1]:")
        check_with_promtool(scrape(url), "report-composer on [::1]")
    finally:
        composer.stop()


def test_metrics_bind_refuses_what_is_not_an_address_and_says_what_it_takes():
    for bad in ("nonsense:9100", "127.0.0.1", "[::1:9100", "[not-ipv6]:9100", "1.2.3:9100"):
        done = subprocess.run([os.path.join(BIN, "statistics-service"), "--metrics-bind", bad],
                              capture_output=True, text=True, timeout=10)
        assert done.returncode == 64, (bad, done.returncode, done.stderr)
        assert "localhost:9100 or [::1]:9100" in done.stderr, done.stderr
