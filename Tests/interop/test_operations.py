"""Operating the processes: metrics scraped and parsed by a real Prometheus parser, readiness,
JSON logs and request ids across processes, graceful shutdown."""
import http.client
import json
import re
import signal
import time
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from conftest import Stack


def scrape(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def http_status(url, method="GET", data=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method, data=data), timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def samples(text):
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_metrics_count_what_the_test_did():
    stack = Stack("--metrics-bind", "127.0.0.1:0")
    try:
        composer_url = "http://" + stack.composer.wait_for(r"metrics on http://(\S+)/metrics").group(1)
        statistics = stack.start("statistics", "--metrics-bind", "127.0.0.1:0")
        stack.start("initiatives")
        statistics_url = "http://" + statistics.wait_for(r"metrics on http://(\S+)/metrics").group(1)
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        for _ in range(5):
            assert stack.call("report.compose")["result"]["degraded"] is False
        for _ in range(2):
            assert "result" in stack.call("statistics.regions")
        assert stack.call("report.compose", {"format": "pdf"})["error"]["code"] == -32602

        status, text = scrape(composer_url + "/metrics")
        assert status == 200
        found = samples(text)
        assert found[("report_requests_total", (("method", "report.compose"),))] == 6
        assert found[("report_requests_total", (("method", "statistics.regions"),))] == 2
        assert found[("report_request_errors_total", (("code", "-32602"), ("method", "report.compose")))] == 1
        assert found[("report_service_replicas", (("service", "statistics"),))] == 1
        assert found[("report_requests_in_flight", ())] == 0
        assert found[("report_request_duration_seconds_count", (("method", "report.compose"),))] == 6
        status, text = scrape(statistics_url + "/metrics")
        found = samples(text)
        assert found[("service_requests_total", (("method", "statistics.industryStructure"),))] == 5
        assert found[("service_requests_total", (("method", "statistics.regions"),))] == 2
        for url in (composer_url, statistics_url):
            assert scrape(url + "/healthz")[0] == 200
            assert scrape(url + "/readyz")[0] == 200
            assert http_status(url + "/nothing-here") == 404
            assert http_status(url + "/metrics", method="POST", data=b"x") == 405
            head = urllib.request.Request(url + "/readyz", method="HEAD")
            with urllib.request.urlopen(head, timeout=5) as response:
                assert response.status == 200 and response.read() == b""
                assert response.headers["Content-Length"] == "6"
        # One keep-alive connection answers several requests in order.
        host, port = composer_url[len("http://"):].split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=5)
        for path in ("/healthz", "/readyz", "/metrics"):
            connection.request("GET", path)
            response = connection.getresponse()
            assert response.status == 200 and response.read()
        # SIGTERM with that keep-alive connection still open: both processes end cleanly.
        for process in (stack.composer, statistics):
            process.p.send_signal(signal.SIGTERM)
        assert statistics.p.wait(timeout=15) == 0, statistics.log
        assert stack.composer.p.wait(timeout=15) == 0, stack.composer.log
        connection.close()
    finally:
        stack.close()


def test_one_request_id_follows_a_report_through_json_logs_at_info():
    stack = Stack("--log-format", "json")
    try:
        statistics = stack.start("statistics", "--log-format", "json")
        initiatives = stack.start("initiatives", "--log-format", "json")
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        sock = stack.ctx.socket(__import__("zmq").REQ)
        sock.rcvtimeo = 10000
        sock.connect(stack.client_endpoint)
        sock.send(json.dumps({"jsonrpc": "2.0", "method": "report.compose", "id": 1, "requestId": "trace-4711"}).encode())
        reply = sock.recv()
        assert json.loads(reply)["result"]["degraded"] is False
        expected_method = {stack.composer: "report.compose", statistics: "statistics.industryStructure",
                           initiatives: "initiatives.catalogue"}
        for process in (stack.composer, statistics, initiatives):
            process.wait_for(r'"requestId":"trace-4711"')
            lines = [json.loads(line) for line in process.log.splitlines() if line.startswith("{")]
            assert lines and all({"ts", "level", "label", "message"} <= set(line) for line in lines)
            # RFC 3339 in UTC with milliseconds.
            assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["ts"]) for line in lines)
            # The access line, at info, with its figures as JSON numbers.
            [access] = [line for line in lines if line.get("requestId") == "trace-4711"]
            assert access["level"] == "info" and access["message"] == "request", access
            assert access["method"] == expected_method[process] and access["outcome"] == "ok", access
            assert isinstance(access["durationMs"], (int, float)) and 0 <= access["durationMs"] < 10_000, access
            assert isinstance(access["bytes"], int) and access["bytes"] > 1000, access
    finally:
        stack.close()


def test_no_access_log_leaves_no_line_per_request():
    stack = Stack("--log-format", "json", "--no-access-log")
    try:
        statistics = stack.start("statistics", "--log-format", "json", "--no-access-log")
        stack.wait_for_workers({"statistics": 1})
        for _ in range(3):
            assert "result" in stack.call("statistics.regions")
        # system.info, answered after the three, is logged neither.
        stack.call("system.info")
        for process in (stack.composer, statistics):
            assert '"message":"request"' not in process.log, process.log
    finally:
        stack.close()


def test_sigterm_drains_work_in_hand_and_exits_zero():
    stack = Stack()
    try:
        stack.start_python_worker("--service", "statistics", "--mode", "delay", "--delay-ms", "200")
        stack.start("initiatives")
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        import zmq
        sock = stack.ctx.socket(zmq.DEALER)
        sock.linger = 0
        sock.connect(stack.client_endpoint)
        for i in range(3):
            sock.send_multipart([b"", json.dumps({"jsonrpc": "2.0", "method": "statistics.ping", "id": i}).encode()])
        # Readiness: all three are in the composer's hands (one at the worker, two queued).
        deadline = time.monotonic() + 10
        while True:
            info = {s["name"]: s for s in stack.call("system.info")["result"]["services"]}["statistics"]
            if info["queued"] == 2 and info["replicas"][0]["requestsInHand"] == 1:
                break
            assert time.monotonic() < deadline, info
            time.sleep(0.01)
        assert sock.poll(0) == 0
        stack.composer.p.send_signal(signal.SIGTERM)
        answered = 0
        while sock.poll(5000):
            reply = json.loads(sock.recv_multipart()[-1])
            assert "result" in reply, reply
            answered += 1
            if answered == 3:
                break
        assert answered == 3
        assert stack.composer.p.wait(timeout=15) == 0
    finally:
        stack.close()


def test_composer_is_ready_only_with_a_live_replica_of_every_service():
    stack = Stack("--metrics-bind", "127.0.0.1:0", "--heartbeat-interval", "200")
    try:
        url = "http://" + stack.composer.wait_for(r"metrics on http://(\S+)/metrics").group(1)

        def readyz():
            try:
                with urllib.request.urlopen(url + "/readyz", timeout=5) as response:
                    return response.status, response.read().decode().strip()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode().strip()

        def wait_for(expected, timeout=20):
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if readyz() == expected:
                    return
                time.sleep(0.05)  # polling /readyz under a deadline
            raise AssertionError(f"/readyz never said {expected}; last {readyz()}")

        assert readyz() == (503, "not ready: no live replica of initiatives, statistics")
        assert scrape(url + "/healthz")[0] == 200  # alive all along
        statistics = stack.start("statistics")
        wait_for((503, "not ready: no live replica of initiatives"))
        stack.start("initiatives")
        wait_for((200, "ready"))
        statistics.p.kill()
        statistics.p.wait()
        wait_for((503, "not ready: no live replica of statistics"))
        stack.start("statistics")
        wait_for((200, "ready"))
    finally:
        stack.close()
