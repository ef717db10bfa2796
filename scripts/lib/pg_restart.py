#!/usr/bin/env python3
"""PostgreSQL stopped and started again under a serving node, with clients writing (issue 16).

Proves, against the built binary, with the demo city in a throwaway PostgreSQL and one `zhengtong serve`:
1. while PostgreSQL is down, requests are answered 503 — pages with the Chinese message, the JSON API with the code
   `database_unavailable` — never 500, and the process keeps running;
2. once PostgreSQL is back the same process serves again by itself (the connection pool opens new connections), no
   restart of the node;
3. nothing is half-applied: every command that got a 2xx is in the database exactly once, commands answered 503 and
   sent again with their request id are carried out once, the invariants hold and the audit chain verifies.

Run through scripts/resilience (it starts the throwaway PostgreSQL):

    scripts/resilience pg-restart [--clients 4] [--outage 2] [--seconds 8] [--restarts 1]

Prints a summary (requests, acknowledged, the 503 window, time to serve again); exits 1 when a check fails.
"""

import argparse
import os
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # nothing left behind in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resilience import (  # noqa: E402
    CheckFailed, Ledger, Node, PageSession, Postgres, Reader, Store, Writer, audit_verifies, call,
    clean_up, error_code, HUNG_AFTER, log, log_answers, report, seed_demo, summary_of, token_for, verify)

NAME = "pg-restart"
MESSAGE = "数据库暂时无法连接"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--clients", type=int, default=4, help="writing clients (default 4)")
    parser.add_argument("--outage", type=float, default=2, help="seconds PostgreSQL stays down (default 2)")
    parser.add_argument("--seconds", type=float, default=8, help="length of the load (default 8)")
    parser.add_argument("--restarts", type=int, default=1, help="how many times PostgreSQL is stopped and started (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="zhengtong-pg-restart.")
    pg = Postgres()
    node = None
    checks = []
    passed = False
    try:
        url = pg.create_database("zt_restart")
        seed_demo(args.binary, work, url)
        node = Node(args.binary, work, "node", ["serve", "--port", "{port}"],
                    {"DATABASE_URL": url, "ZHENGTONG_DATA_DIR": os.path.join(work, "data"), "ZHENGTONG_JOB_INTERVAL": "2"}).start()
        node.wait_up()
        pid = node.proc.pid
        probe = PageSession(node.base, "zhaom")
        token = token_for(node.base, "zhaom")

        run_id = f"p{int(time.time()) % 100000}"
        ledger = Ledger()
        stop = threading.Event()
        workers = [Writer(lambda: node.base, run_id, i, ledger, stop) for i in range(args.clients)]
        workers.append(Reader(lambda: node.base, ledger, stop))
        for w in workers:
            w.start()
        warmup = max(1.0, (args.seconds - args.outage) / 2)
        time.sleep(warmup)

        pg.stop()
        down_at = time.monotonic()
        log(NAME, f"PostgreSQL stopped {warmup:.1f} s into the load")
        page_status, page_headers, page = probe.get("/")
        api_status, _, api = call(node.base, "GET", "/api/v1/tasks?status=open", token=token)
        key = f"{run_id}-during-outage"
        command = {"process": "request", "title": f"负载停库{run_id}"}
        cmd_status, _, cmd = call(node.base, "POST", "/api/v1/workflow/instances", command, token=token, key=key)
        ready_status, _, _ = call(node.base, "GET", "/readyz")
        checks.append(("during the outage a page answers 503 with the Chinese message (and Retry-After)",
                       page_status == 503 and MESSAGE in page.decode(errors="replace") and page_headers.get("Retry-After") == "5",
                       f"{page_status}"))
        checks.append(("during the outage the API answers 503 database_unavailable, a command too, /readyz 503",
                       (api_status, error_code(api), cmd_status, error_code(cmd), ready_status)
                       == (503, "database_unavailable", 503, "database_unavailable", 503),
                       f"list {api_status} {error_code(api)}, command {cmd_status} {error_code(cmd)}, readyz {ready_status}"))
        time.sleep(max(0.0, args.outage - (time.monotonic() - down_at)))

        pg.start()
        up_at = time.monotonic()
        log(NAME, f"PostgreSQL started again after {up_at - down_at:.1f} s")
        while True:
            status, _, _ = probe.get("/")
            if status == 200:
                break
            if time.monotonic() - up_at > 60:
                raise CheckFailed(f"the node did not serve pages again within 60 s of PostgreSQL's start ({status})")
            time.sleep(0.05)
        recovered = time.monotonic() - up_at
        cmd_status, _, cmd = call(node.base, "POST", "/api/v1/workflow/instances", command, token=token, key=key)
        checks.append(("the command refused during the outage, sent again with its request id, is carried out once",
                       cmd_status == 201, f"{cmd_status} {cmd[:200]!r}"))
        outages = [(down_at, up_at, recovered)]
        # More restarts, if asked: the pool must recover every time, not only the first.
        for _ in range(args.restarts - 1):
            time.sleep(args.outage)
            pg.stop()
            down_at = time.monotonic()
            time.sleep(args.outage)
            pg.start()
            up_at = time.monotonic()
            while probe.get("/")[0] != 200:
                if time.monotonic() - up_at > 60:
                    raise CheckFailed(f"the node did not serve pages again within 60 s after restart {len(outages) + 1}")
                time.sleep(0.05)
            outages.append((down_at, up_at, time.monotonic() - up_at))
        checks.append((f"the same process serves again without a restart, after each of {len(outages)} restarts",
                       node.proc.poll() is None and node.proc.pid == pid, ""))
        time.sleep(max(1.0, args.seconds - warmup - args.outage))
        stop.set()
        for w in workers:
            w.join(timeout=150)
        if any(w.is_alive() for w in workers):
            raise CheckFailed("a client did not finish within 150 s")

        requests, acknowledged, statuses = summary_of(ledger)
        refused = ledger.count(lambda x: x[2] == 503)
        wrong_code = ledger.count(lambda x: x[2] == 503 and x[1] != "page" and x[3] != "database_unavailable")
        # The 503 window of each restart: from the first to the last 503 around it.
        windows = [ledger.window(lambda x, d=d, u=u, r=r: x[2] == 503 and d - 1 <= x[0] <= u + r + 1) for d, u, r in outages]
        window = max(windows)
        checks.append(("clients met the outage: some answers were 503, all with the code database_unavailable",
                       refused > 0 and wrong_code == 0, f"{refused} answered 503, {wrong_code} with another code"))
        checks.append(("no answer was a 500", ledger.count(lambda x: x[2] == 500) == 0, str(statuses)))
        checks.append(("no client gave up on a command", ledger.gave_up == 0, f"{ledger.gave_up} given up"))
        # A request PostgreSQL's restart caught mid-transaction once waited for ever (postgres-nio drops a statement
        # written to a closed connection; PostgresConnectionGuard.swift): every request must get an answer.
        checks.append((f"every request was answered (none waited {HUNG_AFTER} s in vain)", ledger.hung == 0,
                       f"{ledger.hung} without an answer"))
        checks.append(("commands were acknowledged after the outage",
                       ledger.count(lambda x: x[0] > outages[-1][1] + outages[-1][2] and x[1] in ("start", "complete") and x[2] in (200, 201)) > 0, ""))
        verify(Store(postgres=pg, url=url), ledger, run_id, checks)
        ok, detail = audit_verifies(args.binary, {"DATABASE_URL": url}, work)
        checks.append(("the audit chain verifies (zhengtong audit verify)", ok, detail))
        log(NAME, f"{len(outages)} restart(s): PostgreSQL down {max(u - d for d, u, _ in outages):.1f} s at most, 503 answered "
                  f"over {window:.2f} s at most, serving again {max(r for _, _, r in outages):.2f} s after PostgreSQL's start at most "
                  f"({' '.join(f'{r:.1f}' for _, _, r in outages)} s)")
        log(NAME, f"{requests} requests, {acknowledged} acknowledged commands, {refused} answered 503, "
                  f"{ledger.replayed} retries answered from the stored result, "
                  f"{ledger.unknown} unrepeatable commands left unanswered, "
                  f"{ledger.hung} requests without any answer within {HUNG_AFTER} s")
        log_answers(NAME, statuses)
        passed = report(NAME, checks)
    except CheckFailed as failure:
        log(NAME, f"FAILED: {failure}")
    finally:
        if node:
            node.stop()
        clean_up(NAME, work, args.keep, passed)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
