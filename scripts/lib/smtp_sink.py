#!/usr/bin/env python3
"""A local mail server for tests, the walkthrough and the benchmark: aiosmtpd (Debian's python3-aiosmtpd) with
STARTTLS and a required login, like a government mail server's submission port.

It makes its own certificate authority and a certificate for "localhost" in --dir (openssl), offers STARTTLS, requires
AUTH (PLAIN or LOGIN) with --user/--password after it, and writes every message it accepts as one JSON line to --log
(Message-ID, recipients, decoded subject and body). GET-free: read the log.

Prints "READY <port> <ca-file>" once it listens.
"""
import argparse
import asyncio
import email
import email.header
import email.policy
import json
import signal
import os
import ssl
import subprocess
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def make_certificates(directory):
    ca_key, ca_cert = os.path.join(directory, "ca.key"), os.path.join(directory, "ca.pem")
    key, csr, cert = (os.path.join(directory, name) for name in ("server.key", "server.csr", "server.pem"))
    ext = os.path.join(directory, "san.ext")
    if not os.path.exists(cert):
        run = lambda *cmd: subprocess.run(cmd, check=True, capture_output=True)
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca_cert, "-days", "2",
            "-subj", "/CN=Zhengtong Test CA")
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=localhost")
        with open(ext, "w") as handle:
            handle.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
        run("openssl", "x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial", "-out", cert,
            "-days", "2", "-extfile", ext)
    return ca_cert, cert, key


class Sink:
    def __init__(self, log_path):
        self.log = open(log_path, "a", encoding="utf-8")
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "messageId": message.get("Message-ID"),
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "subject": str(message.get("Subject", "")),
            "body": body.get_content() if body is not None else "",
            "authenticated": bool(session.authenticated),
            "tls": session.ssl is not None,
            "time": time.time(),
        }
        with self.lock:
            self.log.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.log.flush()
        return "250 OK"


def main():
    # A parent that spawned us from a thread with signals blocked (Swift's Process does) passes its mask on:
    # unblock them, so SIGTERM stops us.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--user", default="zhengtong")
    parser.add_argument("--password", default="sink-password")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    ca_cert, cert, key = make_certificates(args.dir)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user and auth_data.password.decode() == args.password:
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    port = args.port
    if port == 0:
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    controller = Controller(Sink(args.log), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            authenticator=authenticate, auth_required=True, auth_require_tls=True)
    controller.start()
    print(f"READY {port} {ca_cert}", flush=True)
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
