#!/usr/bin/env python3
"""Two `zhengtong serve` nodes on one PostgreSQL behind nginx, one of them SIGKILLed under load (issue 16).

Proves, against the built binary:
1. two `serve` nodes started together on an EMPTY database both come up, and the first administrators are made
   once (the start-up lock);
2. with the demo city in another database, two nodes behind nginx take concurrent workflow commands (请示 started and
   completed with request ids, 发文 drafted, titled and sent for approval) and page views from several clients; one
   node is killed with SIGKILL mid-load and the clients carry on through nginx;
3. afterwards, read from the database: every command that got a 2xx is there exactly once (none lost, none doubled),
   nothing is half-applied, the audit chain verifies, no answer was a 500, and the surviving node still serves pages
   and commands through nginx.

Run through scripts/resilience (it starts a throwaway PostgreSQL and installs nginx):

    scripts/resilience two-nodes [--clients 4] [--seconds 10] [--kill-after 4]
    scripts/resilience two-nodes --database-url URL --writer U --readers U1,U2 --issuer-code C --unit-name N
        # the load on an existing database (a copy of the seeded city) as its own people, instead of the demo city

Prints a summary (requests, acknowledged, errors during the kill, checks); exits 1 when a check fails.
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
    CheckFailed, Ledger, Nginx, Node, PageSession, Postgres, Reader, Store, Writer, audit_verifies,
    call, clean_up, HUNG_AFTER, log, log_answers, report, seed_demo, summary_of, token_for, UNANSWERED,
    verify)

NAME = "two-nodes"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--clients", type=int, default=4, help="writing clients (default 4)")
    parser.add_argument("--seconds", type=float, default=10, help="length of the load (default 10)")
    parser.add_argument("--kill-after", type=float, default=None, help="seconds into the load to kill a node (default: 40%%)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--database-url", help="run the load on this existing PostgreSQL database (e.g. a copy of the seeded "
                        "city) instead of seeding the demo city; it is written to")
    parser.add_argument("--writer", default="huangl", help="who drafts and starts 请示 (default the demo's 黄磊)")
    parser.add_argument("--readers", default="zhangw,zhaom", help="who views pages, comma-separated (default the demo's)")
    parser.add_argument("--issuer-code", default="江政办发", help="the writer's 机关代字 (default the demo's)")
    parser.add_argument("--unit-name", default="江北市人民政府办公室", help="the writer's unit, as it signs (default the demo's)")
    args = parser.parse_args()
    kill_after = args.kill_after if args.kill_after is not None else args.seconds * 0.4
    work = tempfile.mkdtemp(prefix="zhengtong-two-nodes.")
    pg = Postgres()
    processes = []
    checks = []
    passed = False
    try:
        # 1. Two nodes together on an empty database.
        empty = pg.create_database("zt_empty")
        env = {"DATABASE_URL": empty, "ZHENGTONG_ADMIN_PASSWORD": "Zt#Nodes-2026"}
        pair = [Node(args.binary, work, f"empty-{i}", ["serve", "--port", "{port}"], dict(env, ZHENGTONG_DATA_DIR=os.path.join(work, f"empty-{i}")))
                for i in (1, 2)]
        processes += pair
        started = time.monotonic()
        for node in pair:
            node.start()
        for node in pair:
            node.wait_up()
        log(NAME, f"two nodes started together on an empty database: both up in {time.monotonic() - started:.1f} s")
        store = Store(postgres=pg, url=empty)
        checks.append(("two nodes started together on an empty database both serve", all(n.up() for n in pair), ""))
        checks.append(("the three administrators were made once",
                       store.count("SELECT COUNT(*) FROM users") == 3
                       and store.count("SELECT COUNT(*) FROM audit_entries WHERE action = 'system.bootstrap'") == 1, ""))
        for node in pair:
            node.stop()

        # 2. The demo city, two nodes, nginx, the load, and a SIGKILL.
        if args.database_url:
            url = args.database_url
        else:
            url = pg.create_database("zt_nodes")
            seed_demo(args.binary, work, url)
        # Several nodes share one key-encryption key for seal keys (docs/deployment.md), as they share the database.
        env = {"DATABASE_URL": url, "ZHENGTONG_TRUST_PROXY": "1", "ZHENGTONG_JOB_INTERVAL": "2",
               "ZHENGTONG_SEAL_KEY": "5a" * 32}
        a, b = (Node(args.binary, work, f"node-{name}", ["serve", "--port", "{port}"], dict(env, ZHENGTONG_DATA_DIR=os.path.join(work, name)))
                for name in ("a", "b"))
        processes += [a, b]
        a.start(), b.start()
        a.wait_up(), b.wait_up()
        nginx = Nginx(work, [a.port, b.port]).start()
        processes.append(nginx)
        log(NAME, f"nginx on {nginx.base} in front of nodes on ports {a.port} and {b.port}")

        run_id = f"n{int(time.time()) % 100000}"
        ledger = Ledger()
        stop = threading.Event()
        workers = [Writer(lambda: nginx.base, run_id, i, ledger, stop, username=args.writer, issuer_code=args.issuer_code,
                          unit_name=args.unit_name) for i in range(args.clients)]
        workers += [Reader(lambda: nginx.base, ledger, stop, username=u) for u in args.readers.split(",")]
        for w in workers:
            w.start()
        time.sleep(kill_after)
        killed_at = time.monotonic()
        a.kill()
        log(NAME, f"node a SIGKILLed {kill_after:.1f} s into the load")
        time.sleep(max(0.0, args.seconds - kill_after))
        stop.set()
        for w in workers:
            w.join(timeout=150)
        if any(w.is_alive() for w in workers):
            raise CheckFailed("a client did not finish within 150 s")

        # 3. What the clients saw, and what the database holds.
        requests, acknowledged, statuses = summary_of(ledger)
        unanswered = ledger.count(lambda x: x[0] >= killed_at and x[2] in UNANSWERED)
        window = ledger.window(lambda x: x[0] >= killed_at and x[2] in UNANSWERED)
        checks.append(("the load ran: commands acknowledged before and after the kill",
                       ledger.count(lambda x: x[0] < killed_at and x[2] in (200, 201)) > 0
                       and ledger.count(lambda x: x[0] > killed_at + window and x[1] in ("start", "complete") and x[2] in (200, 201)) > 0, ""))
        checks.append(("no answer was a 500", ledger.count(lambda x: x[2] == 500) == 0, str(statuses)))
        checks.append(("no client gave up on a command", ledger.gave_up == 0, f"{ledger.gave_up} given up"))
        verify(Store(postgres=pg, url=url), ledger, run_id, checks)
        ok, detail = audit_verifies(args.binary, {"DATABASE_URL": url}, work)
        checks.append(("the audit chain verifies (zhengtong audit verify)", ok, detail))
        session = PageSession(nginx.base, args.writer)
        status, _, page = session.get("/tasks")
        token = token_for(nginx.base, args.writer)
        status2, _, _ = call(nginx.base, "POST", "/api/v1/workflow/instances", {"process": "request", "title": f"负载后{run_id}"},
                             token=token, key=f"{run_id}-after")
        checks.append(("node a is down and node b serves pages and commands through nginx",
                       not a.up() and b.up() and status == 200 and status2 == 201, f"page {status}, command {status2}"))

        log(NAME, f"{requests} requests, {acknowledged} acknowledged commands, {ledger.replayed} retries answered from the "
                  f"stored result; after the kill {unanswered} unanswered ({window:.2f} s window), then served by node b; "
                  f"{ledger.unknown} unrepeatable commands left unanswered, "
                  f"{ledger.hung} requests without any answer within {HUNG_AFTER} s")
        log_answers(NAME, statuses)
        passed = report(NAME, checks)
    except CheckFailed as failure:
        log(NAME, f"FAILED: {failure}")
        passed = False
    finally:
        for p in reversed(processes):
            p.stop()
        clean_up(NAME, work, args.keep, passed)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
