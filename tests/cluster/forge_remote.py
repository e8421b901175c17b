"""Publish forged processes' frames (FB_NODE_MSG..FB_NODE_EXIT) on a node's
subject, as a live node would send them: right sender name, incarnation and
target incarnation, so that only REMOTE's own checks stand between them and
the processes (tests/remote-tests.sh).

usage: forge_remote.py PORT SUBJECT FROM FROM_INC TO TO_INC KIND...
A kind is one NATS message: one frame, or several back to back (a list).
KIND may also be several joined with "+": their frames back to back in
one NATS message, as a node batches them (handled in one pass of the loop).
The kinds "real_pause" and "real_resume" name real processes: the sender
$FORGE_SENDER (of TO) and the receiver $FORGE_RECEIVER (of FROM).
Prints how many frames it published."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from forge import frame, publish  # noqa: E402

MSG, SPAWN, REQUEST, ANSWER, UNTIE, EXIT = 80, 81, 82, 83, 84, 85
PAUSE, RESUME, ACK, AGAIN = 86, 87, 88, 89


def kinds(frm, inc, to):
    mine = "{remote:procs|remote:echo|0123456789abcdef@%s}" % frm
    ours = "{remote:procs|remote:echo|0123456789abcdef@%s}" % to
    other = "{remote:procs|remote:echo|0123456789abcdef@n3}"

    def env(**keys):
        d = {"@node": frm, "@inc": inc}
        d.update(keys)
        return json.dumps(d).encode()

    def fast(frm_pid, to_dest, topic, extra=b"", node_inc=inc):
        """A message in the exact compact shape a node writes, which the
        receiver matches without jansson (remote_send.c): raw bytes, so
        that it may hold what JSON would escape."""
        return (b'{"@node":"%s","@inc":"%s","from":"%s","to":"%s",'
                b'"topic":"%s"%s}' % (frm.encode(), node_inc.encode(),
                                      frm_pid.encode(), to_dest.encode(),
                                      topic, extra))

    return {
        # Everything here would reach "sink" with topic "forged", were
        # it not dropped.
        "msg_other_node": (MSG, env(**{"from": other, "to": "sink",
                                       "topic": "forged"}), b"1"),
        "msg_bad_from": (MSG, env(**{"from": "{bad", "to": "sink",
                                     "topic": "forged"}), b"1"),
        "msg_pid_no_node": (MSG, env(**{
            "from": "{remote:procs|remote:echo|0123456789abcdef}",
            "to": "sink", "topic": "forged"}), b"1"),
        "msg_not_ours": (MSG, env(**{"from": mine, "to": mine,
                                     "topic": "forged"}), b"1"),
        "msg_no_topic": (MSG, env(**{"from": mine, "to": "sink"}), b"1"),
        "msg_empty_topic": (MSG, env(**{"from": mine, "to": "sink",
                                        "topic": ""}), b"1"),
        "msg_nul_topic": (MSG, env(**{"from": mine, "to": "sink",
                                      "topic": "forged\u0000x"}), b"1"),
        "msg_bad_name": (MSG, env(**{"from": mine, "to": "",
                                     "topic": "forged"}), b"1"),
        "exit_bad_reason": (EXIT, env(**{"from": mine, "to": ours,
                                         "tie": "monitor",
                                         "reason": "bogus"}), b""),
        "exit_link_result": (EXIT, env(**{"from": mine, "to": ours,
                                          "tie": "link",
                                          "reason": "error"}), b"1"),
        "spawn_bad_anc": (SPAWN, env(req=1, by=mine, entry="remote:echo",
                                     host="remote:procs", anc="x"), b"[]"),
        "spawn_by_other": (SPAWN, env(req=1, by=other, entry="remote:echo",
                                      host="remote:procs"), b"[]"),
        "spawn_no_req": (SPAWN, env(by=mine, entry="remote:echo",
                                    host="remote:procs"), b"[]"),
        "answer_foreign_pid": (ANSWER, env(req=1, ok=True, pid=other), b""),
        "answer_no_error": (ANSWER, env(req=1, ok=False), b""),
        "request_bad_op": (REQUEST, env(req=1, op="explode", by=mine,
                                        dest="sink"), b""),
        "request_payload": (REQUEST, env(req=1, op="monitor", by=mine,
                                         dest="sink"), b"1"),
        "untie_bad_op": (UNTIE, env(op="forget", by=mine, dest="sink"), b""),
        # Backpressure: only a pid of ours may be paused, only for a
        # receiver of the node that says so.
        "pause_other_node": (PAUSE, env(sender=ours, receiver=other), b""),
        "pause_not_ours": (PAUSE, env(sender=mine, receiver=mine), b""),
        "pause_no_sender": (PAUSE, env(receiver=mine), b""),
        "pause_payload": (PAUSE, env(sender=ours, receiver=mine), b"1"),
        "resume_other_node": (RESUME, env(sender=ours, receiver=other),
                              b""),
        "ack_negative": (ACK, env(bytes=-1), b""),
        # What the receiver's node says of a real pair.
        "real_pause": (PAUSE, env(sender=os.environ.get("FORGE_SENDER"),
                                  receiver=os.environ.get(
                                      "FORGE_RECEIVER")), b""),
        "real_resume": (RESUME, env(sender=os.environ.get("FORGE_SENDER"),
                                    receiver=os.environ.get(
                                        "FORGE_RECEIVER")), b""),
        "ack_no_bytes": (ACK, env(), b""),
        # The same, in the shape the receiver matches by hand.
        "fast_other_node": (MSG, fast(other, "sink", b"forged"), b"1"),
        "fast_bad_from": (MSG, fast("{bad", "sink", b"forged"), b"1"),
        "fast_pid_no_node": (MSG, fast(
            "{remote:procs|remote:echo|0123456789abcdef}", "sink",
            b"forged"), b"1"),
        "fast_not_ours": (MSG, fast(mine, mine, b"forged"), b"1"),
        "fast_to_other": (MSG, fast(mine, other, b"forged"), b"1"),
        "fast_empty_topic": (MSG, fast(mine, "sink", b""), b"1"),
        "fast_bad_name": (MSG, fast(mine, "", b"forged"), b"1"),
        "fast_bad_utf8": (MSG, fast(mine, "sink", b"forged\xff"), b"1"),
        "fast_ctrl_topic": (MSG, fast(mine, "sink", b"forged\x01"), b"1"),
        "fast_dup_topic": (MSG, fast(mine, "sink", b"forged",
                                     b',"topic":"forged"'), b"1"),
        "fast_trailing": (MSG, fast(mine, "sink", b"forged") + b"x", b"1"),
        "fast_zero_inc": (MSG, fast(mine, "sink", b"forged",
                                    node_inc="0" * 16), b"1"),
        "fast_upper_inc": (MSG, fast(mine, "sink", b"forged",
                                     node_inc="A" + inc[1:]), b"1"),
        "fast_no_from": (MSG, b'{"@node":"%s","@inc":"%s","to":"sink",'
                         b'"topic":"forged"}' % (frm.encode(), inc.encode()),
                         b"1"),
        # FB_NODE_MSG_AGAIN: the envelope of the FB_NODE_MSG just before
        # it in the same NATS message, never anything else's.
        "again_first": [(AGAIN, b"", b"1")],
        "again_after_bad": [(MSG, fast(mine, mine, b"forged"), b"1"),
                            (AGAIN, b"", b"1")],
        "again_after_json": [(MSG, env(**{"from": mine, "to": "sink",
                                          "topic": "againjson"}), b"1"),
                             (AGAIN, b"", b"1")],
        "again_after_other": [(ACK, env(bytes=-1), b""),
                              (AGAIN, b"", b"1")],
        "again_with_env": [(MSG, fast(mine, "sink", b"againenv"), b"1"),
                           (AGAIN, b"{}", b"1")],
        "again_other_inc": [(MSG, fast(mine, "sink", b"againinc"), b"1"),
                            (AGAIN, b"", b"1", 1)],
        "again_across_1": [(MSG, fast(mine, "sink", b"againacross"), b"1")],
        "again_across_2": [(AGAIN, b"", b"1")],
        # What a live node may send: delivered (the test can fail).
        "valid_again": [(MSG, fast(mine, "sink", b"validagain"), b"1"),
                        (AGAIN, b"", b"2"), (AGAIN, b"", b"3")],
        "valid": (MSG, env(**{"from": mine, "to": "sink",
                              "topic": "valid"}), b"1"),
        "valid_fast": (MSG, fast(mine, "sink", b"validfast"), b"2"),
        "valid_escaped": (MSG, fast(mine, "sink", b'valid\\"q\\u00e9'),
                          b"3"),
    }


def main():
    port, subject, frm, inc, to, to_inc = sys.argv[1:7]
    table = kinds(frm, inc, to)
    datas = []
    n = 0
    for kinds_ in sys.argv[7:]:
        data = b""
        for kind in kinds_.split("+"):
            frames = table[kind]
            if not isinstance(frames, list):
                frames = [frames]
            for f in frames:
                ftype, env, payload = f[:3]
                ref = f[3] if len(f) > 3 else int(to_inc, 16)
                data += frame(ftype, env, payload, ref=ref)
            n += len(frames)
        datas.append(data)
    publish(int(port), subject, datas)
    print(n)


if __name__ == "__main__":
    main()
