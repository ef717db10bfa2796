#!/usr/bin/env python3
"""A local SMS gateway for tests, the walkthrough and the benchmark: the real HTTP receiver of 政通's SMS webhook.

It checks each request's signature (HMAC-SHA256 of "<timestamp>.<body>" with the shared secret), answers like a
province's gateway would, writes every accepted message as one JSON line to --log, and, with --callback, reports
delivery back to the platform's callback URL, signed the same way. --fail-first N answers 503 to the first N
requests (a gateway that is down and comes back). GET /stats answers the counts so far.

Prints "READY <port>" once it listens.
"""
import argparse
import hashlib
import hmac
import json
import signal
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def signature(secret, timestamp, body):
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def main():
    # A parent that spawned us from a thread with signals blocked (Swift's Process does) passes its mask on:
    # unblock them, so SIGTERM stops us.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--callback", action="store_true", help="report delivery to the callbackURL of each message")
    args = parser.parse_args()

    lock = threading.Lock()
    state = {"requests": 0, "accepted": 0, "refused": 0, "bad_signature": 0, "ids": set(), "duplicates": 0}
    log = open(args.log, "a", encoding="utf-8")

    def report(url, message_id):
        body = json.dumps({"id": message_id, "status": "delivered"}).encode()
        timestamp = str(int(time.time()))
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json",
            "X-Zhengtong-Timestamp": timestamp,
            "X-Zhengtong-Signature": signature(args.secret, timestamp, body),
        })
        try:
            urllib.request.urlopen(request, timeout=10).read()
        except Exception as error:  # the platform may be stopping; a report is best effort
            print(f"callback failed: {error}", file=sys.stderr, flush=True)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def answer(self, status, payload):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            with lock:
                counts = {k: v for k, v in state.items() if k != "ids"}
                counts["distinct"] = len(state["ids"])
            self.answer(200, counts)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                state["requests"] += 1
                failing = state["requests"] <= args.fail_first
            if failing:
                self.answer(503, {"error": "gateway busy"})
                return
            timestamp = self.headers.get("X-Zhengtong-Timestamp", "")
            given = self.headers.get("X-Zhengtong-Signature", "")
            if not hmac.compare_digest(signature(args.secret, timestamp, body), given):
                with lock:
                    state["bad_signature"] += 1
                self.answer(401, {"error": "bad signature"})
                return
            message = json.loads(body)
            if not message.get("phone", "").strip():
                with lock:
                    state["refused"] += 1
                self.answer(400, {"error": "no phone number"})
                return
            with lock:
                duplicate = message["id"] in state["ids"]
                state["ids"].add(message["id"])
                state["accepted"] += 1
                if duplicate:
                    state["duplicates"] += 1
                log.write(json.dumps({"id": message["id"], "phone": message["phone"], "text": message["text"],
                                      "kind": message.get("kind"), "urgent": message.get("urgent"),
                                      "idempotencyKey": self.headers.get("Idempotency-Key")}, ensure_ascii=False) + "\n")
                log.flush()
            self.answer(200, {"messageId": "gw-" + message["id"][:8]})
            if args.callback and message.get("callbackURL"):
                threading.Thread(target=report, args=(message["callbackURL"], message["id"]), daemon=True).start()

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"READY {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
