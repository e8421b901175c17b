"""Calls an entry over raw NATS protocol (HPUB) with header blocks no
NATS client library would write, and prints each answer on its own line.

usage: rawheaders.py PORT SUBJECT
"""
import socket
import sys
import time

port, subject = int(sys.argv[1]), sys.argv[2].encode()
HEADERS = [
    b"NATS/1.0\r\nForkbox-Host\r\n\r\n",          # a key without a colon
    b"GARBAGE\r\n\r\n",                            # no version line
    b"NATS/1.0\r\n: no key\r\n\r\n",
    b"NATS/1.0\r\nForkbox-Host:" + b"x" * 100000 + b"\r\n\r\n",
]
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.recv(4096)                                       # INFO
s.sendall(b'CONNECT {"verbose":false,"headers":true}\r\n'
          b"SUB _INBOX.raw.* 1\r\n")
for i, h in enumerate(HEADERS):
    body = b"[1,2]"
    s.sendall(b"HPUB %s _INBOX.raw.%d %d %d\r\n%s%s\r\n" %
              (subject, i, len(h), len(h) + len(body), h, body))
s.sendall(b"PING\r\n")
data = b""
deadline = time.time() + 10
while data.count(b"\r\n{") < len(HEADERS) and time.time() < deadline:
    try:
        chunk = s.recv(65536)
    except socket.timeout:
        break
    if not chunk:
        break
    data += chunk
for line in data.split(b"\r\n"):
    if line.startswith(b"{"):
        print(line.decode("utf-8", "replace"))
