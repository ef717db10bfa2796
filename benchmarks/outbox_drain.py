#!/usr/bin/env python3
"""Drains 2 × PEOPLE outbox rows (an SMS and a mail per person) through several `zhengtong serve` processes sharing one
database, into a real SMS gateway (scripts/lib/sms_gateway.py) and a real mail server (scripts/lib/smtp_sink.py:
aiosmtpd, STARTTLS, login), and checks that every message arrived exactly once.

    benchmarks/outbox_drain.py BINARY DATABASE_URL [--people 5000] [--processes 3]

DATABASE_URL must name an empty database (PostgreSQL, or sqlite:///path). Prints the time from the first server's start
to the last message received, the rates, and the duplicates found (none expected).
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(HERE, "..", "scripts", "lib")
SECRET = "benchmark-shared-secret-0123456789"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def helper(script, log, *args):
    proc = subprocess.Popen(["/usr/bin/python3", os.path.join(LIB, script), "--log", log, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    words = proc.stdout.readline().split()
    if not words or words[0] != "READY":
        sys.exit(f"{script} did not start")
    return proc, words[1:]


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("database_url")
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--processes", type=int, default=3)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="outbox-bench.")
    sms_log, mail_log = os.path.join(work, "sms.jsonl"), os.path.join(work, "mail.jsonl")
    open(sms_log, "w").close()
    open(mail_log, "w").close()
    gateway, (gateway_port,) = helper("sms_gateway.py", sms_log, "--secret", SECRET)
    sink, (sink_port, ca_file) = helper("smtp_sink.py", mail_log, "--dir", os.path.join(work, "ca"))
    env = {**os.environ, "DATABASE_URL": args.database_url, "ZHENGTONG_BCRYPT_COST": "4", "ZHENGTONG_JOB_INTERVAL": "3600",
           "ZHENGTONG_SMS_WEBHOOK_URL": f"http://127.0.0.1:{gateway_port}/sms", "ZHENGTONG_SMS_WEBHOOK_SECRET": SECRET,
           "ZHENGTONG_SMTP_HOST": "localhost", "ZHENGTONG_SMTP_PORT": sink_port, "ZHENGTONG_SMTP_SECURITY": "starttls",
           "ZHENGTONG_SMTP_USERNAME": "zhengtong", "ZHENGTONG_SMTP_PASSWORD": "sink-password",
           "ZHENGTONG_SMTP_FROM": "oa@bench.gov.example", "ZHENGTONG_SMTP_CA_FILE": ca_file}
    servers = []
    try:
        fill = subprocess.run([args.binary, "delivery-benchmark", "fill", "--people", str(args.people)],
                              env={**env, "ZHENGTONG_DATA_DIR": os.path.join(work, "fill")}, capture_output=True, text=True)
        if fill.returncode != 0:
            sys.exit(f"fill failed: {fill.stdout}{fill.stderr}")
        print(fill.stdout.strip().splitlines()[-1])
        expected = args.people
        started = time.monotonic()
        for index in range(args.processes):
            port = free_port()
            log = open(os.path.join(work, f"server{index}.log"), "wb")
            servers.append(subprocess.Popen([args.binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                                            env={**env, "ZHENGTONG_DATA_DIR": os.path.join(work, f"data{index}")},
                                            stdout=log, stderr=subprocess.STDOUT))
        first = None
        while True:
            with urllib.request.urlopen(f"http://127.0.0.1:{gateway_port}/stats", timeout=5) as r:
                stats = json.load(r)
            mails = len(lines(mail_log))
            if first is None and (stats["accepted"] or mails):
                first = time.monotonic()
            if stats["distinct"] >= expected and mails >= expected:
                break
            if time.monotonic() - started > 1800:
                sys.exit(f"timed out: {stats}, mails {mails}")
            time.sleep(0.2)
        done = time.monotonic()
        time.sleep(3)  # anything sent twice late would show now
        with urllib.request.urlopen(f"http://127.0.0.1:{gateway_port}/stats", timeout=5) as r:
            stats = json.load(r)
        received = lines(mail_log)
        ids = [m["messageId"] for m in received]
        total = done - started
        drain = done - (first or started)
        print(json.dumps({
            "processes": args.processes, "messages": 2 * expected,
            "sms": {"accepted": stats["accepted"], "distinct": stats["distinct"], "duplicates": stats["duplicates"]},
            "mail": {"received": len(received), "distinct": len(set(ids)), "duplicates": len(ids) - len(set(ids)),
                     "tls_and_login": all(m["tls"] and m["authenticated"] for m in received)},
            "seconds_from_start": round(total, 1), "seconds_draining": round(drain, 1),
            "per_second": round(2 * expected / drain, 1),
        }, ensure_ascii=False, indent=2))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        gateway.terminate()
        sink.terminate()


if __name__ == "__main__":
    main()
