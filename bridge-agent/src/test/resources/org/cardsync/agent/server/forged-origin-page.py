# A local program pretending to be a page of an allowed site: it writes the Origin a browser would, then
# tries to pull the simulated card (sim-remove). Usage: python3 forged-origin-page.py PORT ORIGIN [HOST]
# (HOST: 127.0.0.1, the default, or ::1).
# Prints "status <HTTP status>" and, when let in, "reply <the agent's reply>". Standard library only: it
# runs as another OS user who can read nothing of the test's files.
import json
import os
import socket
import sys

port, origin = int(sys.argv[1]), sys.argv[2]
host = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1"
s = socket.create_connection((host, port), timeout=20)
host_header = "[%s]" % host if ":" in host else host
s.sendall(("GET / HTTP/1.1\r\nHost: %s:%d\r\nOrigin: %s\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n" % (host_header, port, origin)).encode())
head = b""
while b"\r\n\r\n" not in head:
    c = s.recv(1)
    if not c:
        break
    head += c
print("status", head.split(b" ")[1].decode() if head else "closed", flush=True)
if not head.startswith(b"HTTP/1.1 101"):
    sys.exit(0)


def recv_exactly(n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise EOFError("closed")
        data += chunk
    return data


payload = json.dumps({"v": 1, "id": "x", "type": "sim-remove"}).encode()
mask = os.urandom(4)
s.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
while True:
    first, second = recv_exactly(2)
    length = second & 0x7F
    if length == 126:
        length = int.from_bytes(recv_exactly(2), "big")
    elif length == 127:
        length = int.from_bytes(recv_exactly(8), "big")
    message = json.loads(recv_exactly(length))
    if message.get("id") == "x":
        print("reply", json.dumps(message), flush=True)
        break
