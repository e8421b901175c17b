"""A TCP proxy to cut one node off the NATS server while the others stay
connected: killing it closes every connection through it, starting it
again on the same port lets the node reconnect.

With HOLD_MS, a NATS server slow to read its client, as nats-server is
when short of CPU: what the client sends is passed on HOLD_MS after it
came, in order; what the server sends is passed on at once. When the
client closes its socket, what is still held is dropped and the server's
side is reset. That is what nats-server does when it writes to a client
that closed before it read the client's last bytes: the write fails, the
server drops the connection ("Client connection closed: Write Error"
with -D), and what it had not read is gone. A client that closes only
after the PONG to a PING sent behind its last bytes loses nothing: the
PONG comes once the server read them. SIGUSR1 then wedges it: from then
on nothing more reaches the server, as from a server that stopped
reading.

usage: proxy.py LISTEN_PORT TARGET_PORT [HOLD_MS]  (prints "ready")
"""
import collections
import signal
import socket
import struct
import sys
import threading
import time

listen_port, target_port = int(sys.argv[1]), int(sys.argv[2])
hold = int(sys.argv[3]) / 1000.0 if len(sys.argv) > 3 else None
wedged = threading.Event()
signal.signal(signal.SIGUSR1, lambda signum, frame: wedged.set())


def pipe(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def reset(s):
    """Close with a reset: the server sees the connection fail."""
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     struct.pack("ii", 1, 0))
        s.close()
    except OSError:
        pass


def up(client, upstream):
    """Client to server, each piece HOLD late; dropped when the client
    goes first."""
    cond = threading.Condition()
    held = collections.deque()
    gone = []

    def sender():
        while True:
            with cond:
                cond.wait_for(lambda: held or gone)
                if gone:
                    break
                due, data = held[0]
                if cond.wait_for(lambda: gone,
                                 timeout=max(0, due - time.monotonic())):
                    break
                held.popleft()
            if wedged.is_set():
                continue
            try:
                upstream.sendall(data)
            except OSError:
                break
        reset(upstream)

    threading.Thread(target=sender, daemon=True).start()
    try:
        while True:
            data = client.recv(65536)
            if not data:
                break
            with cond:
                held.append((time.monotonic() + hold, data))
                cond.notify()
    except OSError:
        pass
    with cond:
        gone.append(True)
        cond.notify()


server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen_port))
server.listen(16)
print("ready", flush=True)
while True:
    client, _ = server.accept()
    try:
        upstream = socket.create_connection(("127.0.0.1", target_port))
    except OSError:
        client.close()
        continue
    threading.Thread(target=pipe, args=(upstream, client),
                     daemon=True).start()
    if hold is None:
        threading.Thread(target=pipe, args=(client, upstream),
                         daemon=True).start()
    else:
        threading.Thread(target=up, args=(client, upstream),
                         daemon=True).start()
