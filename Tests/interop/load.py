"""A small load driver for tests: one DEALER keeping a window of requests in flight."""
import json
import time

import zmq


def drive(ctx, endpoint, count, in_flight, method="report.compose", params=None, timeout_s=30, on_progress=None):
    """Sends `count` requests keeping `in_flight` outstanding; returns (results, failures, latencies)."""
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(endpoint)
    sent, results, failures, latencies, started = 0, [], [], [], {}
    deadline = time.monotonic() + timeout_s

    def send():
        nonlocal sent
        req = {"jsonrpc": "2.0", "method": method, "id": sent}
        if params is not None:
            req["params"] = params
        started[sent] = time.monotonic()
        sock.send_multipart([b"", json.dumps(req).encode()])
        sent += 1

    while sent < min(in_flight, count):
        send()
    while len(results) + len(failures) < count:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not sock.poll(remaining * 1000):
            failures.append("no reply before the test's own deadline")
            break
        reply = json.loads(sock.recv_multipart()[-1])
        latencies.append(time.monotonic() - started.pop(reply["id"]))
        ok = "result" in reply and not (isinstance(reply["result"], dict) and reply["result"].get("degraded"))
        (results if ok else failures).append(reply)
        if on_progress:
            on_progress(len(results) + len(failures))
        if sent < count:
            send()
    sock.close()
    return results, failures, latencies
