#!/usr/bin/env python3
"""SIGKILL of the server under a writing load, on SQLite or on PostgreSQL (issue 16).

Proves, against the built binary: clients write (请示 started and completed with request ids, 发文 drafted, titled
and sent for approval) and record every acknowledgement; the server is killed with SIGKILL mid-load and started
again on the same database (the clients wait and carry on); afterwards, read from the database, every acknowledged
write is present exactly once and nothing is half-applied — no 发文 in approval without its 发文办理 instance or with
two, no running 请示 without an open task, no stored request id without its instance, one audit record per start —
and the audit chain verifies.

SQLite: `zhengtong demo --data-dir` (the demo city, kept across the restart). PostgreSQL: the demo city seeded into
a throwaway database, then `zhengtong serve` on it. Run through scripts/resilience:

    scripts/resilience crash-safety --database sqlite|postgres [--clients 4] [--seconds 8] [--kill-after 3]

Prints a summary (requests, acknowledged, unanswered while down, downtime); exits 1 when a check fails.
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
    CheckFailed, Ledger, Node, Postgres, Reader, Store, Writer, audit_verifies, clean_up, HUNG_AFTER,
    log, log_answers, report, seed_demo, summary_of, UNANSWERED, verify)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--database", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--clients", type=int, default=4, help="writing clients (default 4)")
    parser.add_argument("--seconds", type=float, default=8, help="length of the load (default 8)")
    parser.add_argument("--kill-after", type=float, default=None, help="seconds into the load to kill (default: 40%%)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    name = f"crash-safety ({args.database})"
    kill_after = args.kill_after if args.kill_after is not None else args.seconds * 0.4
    work = tempfile.mkdtemp(prefix="zhengtong-crash.")
    nodes = []
    checks = []
    passed = False
    try:
        if args.database == "sqlite":
            data = os.path.join(work, "data")
            command, env = ["demo", "--data-dir", data, "--port", "{port}"], {}
            store = Store(sqlite_path=os.path.join(data, "zhengtong.sqlite"))
            audit_env = {"ZHENGTONG_DATA_DIR": data}
        else:
            pg = Postgres()
            url = pg.create_database("zt_crash")
            seed_demo(args.binary, work, url)
            command, env = ["serve", "--port", "{port}"], {"DATABASE_URL": url, "ZHENGTONG_DATA_DIR": os.path.join(work, "data")}
            store = Store(postgres=pg, url=url)
            audit_env = {"DATABASE_URL": url}
        first = Node(args.binary, work, "server-1", command, env).start()
        nodes.append(first)
        first.wait_up()

        run_id = f"c{int(time.time()) % 100000}"
        ledger = Ledger()
        stop = threading.Event()
        base = first.base
        workers = [Writer(lambda: base, run_id, i, ledger, stop) for i in range(args.clients)]
        workers.append(Reader(lambda: base, ledger, stop))
        for w in workers:
            w.start()
        time.sleep(kill_after)
        first.kill()
        killed_at = time.monotonic()
        log(name, f"server SIGKILLed {kill_after:.1f} s into the load; starting it again on the same database")
        second = Node(args.binary, work, "server-2", command, env, port=first.port).start()
        nodes.append(second)
        second.wait_up()
        downtime = time.monotonic() - killed_at
        time.sleep(max(1.0, args.seconds - kill_after))
        stop.set()
        for w in workers:
            w.join(timeout=150)
        if any(w.is_alive() for w in workers):
            raise CheckFailed("a client did not finish within 150 s")
        second.stop()

        requests, acknowledged, statuses = summary_of(ledger)
        unanswered = ledger.count(lambda x: x[0] >= killed_at - 1 and x[2] in UNANSWERED)
        checks.append(("the load ran: commands acknowledged before the kill and after the restart",
                       ledger.count(lambda x: x[0] < killed_at and x[1] in ("start", "complete") and x[2] in (200, 201)) > 0
                       and ledger.count(lambda x: x[0] > killed_at + downtime and x[1] in ("start", "complete") and x[2] in (200, 201)) > 0, ""))
        checks.append(("no answer was a 500", ledger.count(lambda x: x[2] == 500) == 0, str(statuses)))
        checks.append(("no client gave up on a command", ledger.gave_up == 0, f"{ledger.gave_up} given up"))
        verify(store, ledger, run_id, checks)
        ok, detail = audit_verifies(args.binary, audit_env, work)
        checks.append(("the audit chain verifies (zhengtong audit verify)", ok, detail))
        log(name, f"{requests} requests, {acknowledged} acknowledged commands, {unanswered} unanswered while the server was "
                  f"down ({downtime:.1f} s to serve again), {ledger.replayed} retries answered from the stored result, "
                  f"{ledger.unknown} unrepeatable commands left unanswered, "
                  f"{ledger.hung} requests without any answer within {HUNG_AFTER} s")
        log_answers(name, statuses)
        passed = report(name, checks)
    except CheckFailed as failure:
        log(name, f"FAILED: {failure}")
    finally:
        for node in reversed(nodes):
            node.stop()
        clean_up(name, work, args.keep, passed)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
