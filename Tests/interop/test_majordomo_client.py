"""A Majordomo client written from RFC 7 (the client protocol) and RFC 8 (MMI), plain pyzmq: a REQ
socket sends [MDPC01, service, body] and gets [MDPC01, service, reply], on the same endpoint as
JSON-RPC."""
import json

import zmq


def mdp_request(stack, service, body, timeout_ms=10000):
    sock = stack.ctx.socket(zmq.REQ)
    sock.linger = 0
    sock.rcvtimeo = timeout_ms
    sock.connect(stack.client_endpoint)
    sock.send_multipart([b"MDPC01", service, body])
    reply = sock.recv_multipart()
    sock.close()
    assert reply[:2] == [b"MDPC01", service], reply[:2]
    assert len(reply) == 3, reply
    return reply[2]


def rpc(method, params=None, id=1):
    request = {"jsonrpc": "2.0", "method": method, "id": id}
    if params is not None:
        request["params"] = params
    return json.dumps(request).encode()


def test_report_and_statistics_round_trip_as_majordomo_services(stack):
    report = json.loads(mdp_request(stack, b"report", rpc("report.compose", {"format": "text", "lang": "en"})))
    assert report["id"] == 1 and report["result"]["degraded"] is False
    assert "1. Introduction" in report["result"]["content"]
    regions = json.loads(mdp_request(stack, b"statistics", rpc("statistics.regions", id=7)))
    assert regions["id"] == 7 and {r["code"] for r in regions["result"]} >= {"14130", "14100"}
    catalogue = json.loads(mdp_request(stack, b"initiatives", rpc("initiatives.get", ["kawasaki-king-skyfront"])))
    assert catalogue["result"]["id"] == "kawasaki-king-skyfront"
    # A method asked of a service that does not answer it, and a service that does not exist.
    misplaced = json.loads(mdp_request(stack, b"statistics", rpc("report.compose")))
    assert misplaced["error"]["code"] == -32601 and "report answers it" in misplaced["error"]["data"]["detail"]
    unknown = json.loads(mdp_request(stack, b"weather", rpc("weather.today")))
    assert unknown["error"]["code"] == -32600 and "no service" in unknown["error"]["data"]["detail"]
    # JSON-RPC on the same socket still works beside it.
    assert stack.call("system.ping")["result"] == {"pong": True}


def test_mmi_says_which_services_are_there(stack):
    assert mdp_request(stack, b"mmi.service", b"statistics") == b"200"
    assert mdp_request(stack, b"mmi.service", b"initiatives") == b"200"
    assert mdp_request(stack, b"mmi.service", b"report") == b"200"
    assert mdp_request(stack, b"mmi.service", b"weather") == b"404"
    assert mdp_request(stack, b"mmi.nonsense", b"") == b"501"


def test_a_majordomo_client_discovers_the_api_from_service_report(stack):
    """rpc.discover is the report service's; statistics.discover the statistics service's."""
    doc = json.loads(mdp_request(stack, b"report", rpc("rpc.discover")))["result"]
    names = {m["name"] for m in doc["methods"]}
    assert {"report.compose", "statistics.regions", "initiatives.get"} <= names
    own = json.loads(mdp_request(stack, b"statistics", rpc("statistics.discover")))["result"]
    assert own["service"] == "statistics"
    assert {m["name"] for m in own["methods"]} == {n for n in names if n.startswith("statistics.")}
    misplaced = json.loads(mdp_request(stack, b"statistics", rpc("rpc.discover")))
    assert misplaced["error"]["code"] == -32601 and "report answers it" in misplaced["error"]["data"]["detail"]
