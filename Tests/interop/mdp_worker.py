"""A Majordomo (RFC 7/MDP, MDPW01) worker written from the spec in plain pyzmq: a test helper
and a benchmark peer, independent of the project's Swift code.

  python3 mdp_worker.py --endpoint tcp://127.0.0.1:5556 --service statistics --mode silent
  python3 mdp_worker.py --endpoint ... --service statistics --mode delay --delay-ms 5

silent: registers, heartbeats, takes requests and never answers them.
delay:  answers every JSON-RPC request after a fixed delay with {"worker": "python", "method": …}.
        With --describe METHOD it also answers SERVICE.discover, describing SERVICE.discover and
        METHOD (an OpenRPC method object each): a replica whose methods differ from the Swift one's.
Prints "ready" on stdout once READY is sent.
"""
import argparse
import json
import sys
import time

import zmq

HEADER = b"MDPW01"
READY, REQUEST, REPLY, HEARTBEAT, DISCONNECT = b"\x01", b"\x02", b"\x03", b"\x04", b"\x05"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--service", default="statistics")
    ap.add_argument("--mode", choices=["silent", "delay"], default="delay")
    ap.add_argument("--delay-ms", type=float, default=5.0)
    ap.add_argument("--heartbeat-ms", type=int, default=1000)
    ap.add_argument("--describe", metavar="METHOD")
    args = ap.parse_args()

    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(args.endpoint)
    sock.send_multipart([b"", HEADER, READY, args.service.encode()])
    print("ready", flush=True)
    next_beat = time.monotonic() + args.heartbeat_ms / 1000
    poller = zmq.Poller()
    poller.register(sock, zmq.POLLIN)
    while True:
        timeout = max(0, next_beat - time.monotonic()) * 1000
        if poller.poll(timeout):
            frames = sock.recv_multipart()
            if len(frames) < 3 or frames[1] != HEADER:
                continue
            command = frames[2]
            if command == DISCONNECT:
                return
            if command == REQUEST and args.mode == "delay":
                client, body = frames[3], frames[5]
                request = json.loads(body)
                time.sleep(args.delay_ms / 1000)
                result = {"worker": "python", "method": request.get("method")}
                if args.describe and request.get("method") == f"{args.service}.discover":
                    result = description(args.service, args.describe)
                reply = {"jsonrpc": "2.0", "id": request.get("id"), "result": result}
                sock.send_multipart([b"", HEADER, REPLY, client, b"", json.dumps(reply).encode()])
        if time.monotonic() >= next_beat:
            sock.send_multipart([b"", HEADER, HEARTBEAT])
            next_beat = time.monotonic() + args.heartbeat_ms / 1000


def description(service, extra):
    """What the service.discover of this worker answers: its two methods, as OpenRPC says."""
    answer = {"type": "object", "required": ["worker", "method"],
              "properties": {"worker": {"type": "string"}, "method": {"type": "string"}}}
    methods = [{"name": name, "summary": "Answered by the Python worker.", "paramStructure": "by-name",
                "params": [], "result": {"name": "result", "schema": schema},
                "errors": [{"code": -32603, "message": "Internal error"}]}
               for name, schema in [(extra, answer), (f"{service}.discover", {"type": "object"})]]
    return {"service": service, "version": "python", "methods": methods}


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
