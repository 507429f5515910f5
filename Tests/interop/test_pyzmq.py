"""A plain pyzmq client, written the way any user would, against the real executables."""
import json

import zmq

HEADINGS = ["１．はじめに", "２．特区申請の経緯", "３．川崎市等の取り組み", "４．横浜市等の取り組み", "５．まとめ"]


def req_socket(stack):
    sock = stack.ctx.socket(zmq.REQ)
    sock.linger = 0
    sock.rcvtimeo = 10000
    sock.connect(stack.client_endpoint)
    return sock


def test_req_socket_gets_whole_report(stack, seed_paragraphs):
    sock = req_socket(stack)
    sock.send(json.dumps({"jsonrpc": "2.0", "method": "report.compose", "id": 1}).encode())
    reply = json.loads(sock.recv())
    assert set(reply) == {"jsonrpc", "id", "result"}
    assert reply["id"] == 1 and isinstance(reply["id"], int)
    result = reply["result"]
    assert result["sections"] == HEADINGS
    assert result["degraded"] is False and result["missing"] == []
    for paragraph in seed_paragraphs:
        assert paragraph in result["content"], paragraph


def test_dealer_with_delimiter_and_string_id(stack):
    sock = stack.ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.rcvtimeo = 10000
    sock.connect(stack.client_endpoint)
    body = {"jsonrpc": "2.0", "method": "report.compose", "params": {"format": "json"}, "id": "r-1"}
    sock.send_multipart([b"", json.dumps(body).encode()])
    frames = sock.recv_multipart()
    assert frames[0] == b"" and len(frames) == 2
    reply = json.loads(frames[1])
    assert reply["id"] == "r-1"
    assert [s["heading"] for s in reply["result"]["content"]["sections"]] == HEADINGS


def test_many_requests_in_flight_on_one_dealer(stack):
    sock = stack.ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.rcvtimeo = 10000
    sock.connect(stack.client_endpoint)
    for i in range(32):
        sock.send_multipart([b"", json.dumps({"jsonrpc": "2.0", "method": "report.compose", "id": i}).encode()])
    ids = set()
    for _ in range(32):
        reply = json.loads(sock.recv_multipart()[-1])
        assert reply["result"]["degraded"] is False
        ids.add(reply["id"])
    assert ids == set(range(32))


def test_bad_frames_then_good_request(stack):
    cases = [(b"{oops", -32700), (b"\xff\xfe", -32700), (b"", -32700), (b"17", -32600),
             (b'{"jsonrpc":"2.0","method":"report.nothing","id":3}', -32601),
             (b'{"jsonrpc":"2.0","method":"report.compose","params":{"lang":["ja"]},"id":4}', -32602)]
    for frame, code in cases:
        sock = req_socket(stack)
        sock.send(frame)
        reply = json.loads(sock.recv())
        assert reply["error"]["code"] == code, frame
        sock.close()
    assert stack.call("system.ping")["result"] == {"pong": True}


def test_extra_frame_from_dealer_is_refused(stack):
    sock = stack.ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.rcvtimeo = 10000
    sock.connect(stack.client_endpoint)
    sock.send_multipart([b"", b'{"jsonrpc":"2.0","method":"system.ping","id":1}', b"extra"])
    reply = json.loads(sock.recv_multipart()[-1])
    assert reply["error"]["code"] == -32600
    assert stack.call("system.ping")["result"] == {"pong": True}
