"""A client that finds the composers by name, as a pyzmq user would (see README, "Running several
composers"): it resolves NAME, keeps a REQ socket per address and sends each request to one of
them in turn, moving on when a socket has no live connection within 100 ms (ZMQ_IMMEDIATE) or no
reply comes within the timeout (Lazy Pirate). Asks for COUNT reports and prints one JSON line of what it saw.

  python3 name_client.py NAME PORT COUNT [TIMEOUT_MS]
"""
import json
import socket
import sys

import zmq


def main():
    name, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    timeout_ms = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    context = zmq.Context()
    sockets = {}

    def connect(address):
        sock = context.socket(zmq.REQ)
        sock.linger = 0
        sock.immediate = 1
        sock.connect(f"tcp://{address}:{port}")
        return sock

    seen = {"answered": 0, "degraded": 0, "lost": 0, "retries": 0, "by": {}}
    turn = 0
    for number in range(count):
        addresses = sorted({info[4][0] for info in socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)})
        request = json.dumps({"jsonrpc": "2.0", "id": number, "method": "report.compose"}).encode()
        for attempt in range(2 * len(addresses) + 2):
            address = addresses[(turn + attempt) % len(addresses)]
            sock = sockets.get(address) or connect(address)
            sockets[address] = sock
            # Writable once it has a live connection (ZMQ_IMMEDIATE): a new socket gets a moment
            # to connect; a dead composer never becomes writable, so the next one is tried.
            if not sock.poll(100, zmq.POLLOUT):
                seen["retries"] += 1
                continue
            sock.send(request)
            if sock.poll(timeout_ms):
                reply = json.loads(sock.recv())
                seen["answered"] += 1
                seen["degraded"] += bool(reply["result"]["degraded"])
                seen["by"][address] = seen["by"].get(address, 0) + 1
                break
            sock.close()  # Lazy Pirate: a new socket, then the next composer
            sockets[address] = connect(address)
            seen["retries"] += 1
        else:
            seen["lost"] += 1
        turn += 1
        if number == 0:
            print("started", flush=True)
    print(json.dumps(seen), flush=True)
    for sock in sockets.values():
        sock.close()
    context.term()


if __name__ == "__main__":
    main()
