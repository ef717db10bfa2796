#!/usr/bin/env python3
"""Do the queries behind the list pages use indexes on a seeded city? (issue 7)

PostgreSQL's auto_explain logs the plan of every statement the server runs while this script opens each list
page and list API as the people who use them (a clerk, an office reviewer, a leader, a records officer, a
drafter of the seeded city). Then it reads the plans back and names every sequential scan of a table with more
than --min-rows rows, with the statement that did it. Exit status 1 when there is one.

  benchmarks/explain_lists.py --binary .build-release/release/zhengtong \
      --database-url postgres://postgres@127.0.0.1:5544/zhengtong --log /tmp/pgcity/log
(the cluster from benchmarks/postgres_cluster.sh; psql on PATH; run ANALYZE after seeding so the planner
knows the tables' sizes)
"""
import argparse
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_load  # noqa: E402

PAGES = [
    "/", "/tasks?tab=open", "/tasks?tab=done", "/tasks?tab=unread", "/tasks?tab=read", "/tasks?tab=done&page=3",
    "/notifications", "/notifications?unread=true", "/workflow/overdue", "/workflow/delegations",
    "/outgoing", "/outgoing/register", "/exchange", "/exchange?tab=accepted", "/exchange?tab=refused", "/exchange?tab=sent",
    "/exchange/lists", "/incoming", "/incoming?tab=handling", "/incoming?tab=closed", "/incoming?tab=all",
    "/archive", "/archive/pending", "/search?q=%E5%AE%89%E5%85%A8", "/directory",
    "/api/v1/tasks?status=open", "/api/v1/tasks?status=done", "/api/v1/circulations?status=unread", "/api/v1/notifications",
    "/api/v1/exchange/inbox", "/api/v1/incoming", "/api/v1/users", "/api/v1/units",
    "/notices", "/notices/mine", "/api/v1/notices", "/api/v1/desk",
]

ROLES = {
    "clerk": "收发员", "officeReviewer": "公文审核员", "recordsOfficer": "档案员",
}


def people(database_url):
    """A person holding each role in a county office, a leader of it, and a drafter with documents."""
    chosen = {}
    for code in ROLES:
        rows = http_load.sql_rows(database_url, f"""
            SELECT u.username FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            JOIN units n ON n.id = u.unit_id WHERE r.code = '{code}' AND n.kind = 'office' ORDER BY n.sort_order DESC LIMIT 1""")
        chosen[code] = rows[0][0]
    chosen["leader"] = http_load.sql_rows(database_url, """
        SELECT u.username FROM users u JOIN user_positions p ON p.user_id = u.id JOIN positions s ON s.id = p.position_id
        JOIN units n ON n.id = u.unit_id WHERE s.code = 'principal' AND n.kind = 'office' ORDER BY n.sort_order DESC LIMIT 1""")[0][0]
    chosen["drafter"] = http_load.sql_rows(database_url, """
        SELECT u.username FROM users u JOIN outgoing_documents d ON d.drafter_id = u.id
        GROUP BY u.username ORDER BY COUNT(*) DESC LIMIT 1""")[0][0]
    return chosen


def set_auto_explain(database_url, on):
    """auto_explain for new connections to this database (the server is started after, so all of its are)."""
    name = database_url.rsplit("/", 1)[1].split("?")[0]
    settings = ["session_preload_libraries = 'auto_explain'", "auto_explain.log_min_duration = 0",
                "auto_explain.log_nested_statements = on"]
    for setting in settings:
        statement = f"ALTER DATABASE {name} SET {setting}" if on else f"ALTER DATABASE {name} RESET {setting.split(' =')[0]}"
        subprocess.run(["psql", database_url, "-qAtc", statement], check=True, capture_output=True)


def table_rows(database_url):
    return {name: int(float(count)) for name, count in
            http_load.sql_rows(database_url, "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--log", required=True, help="the PostgreSQL server's log file")
    parser.add_argument("--port", type=int, default=8096)
    parser.add_argument("--min-rows", type=int, default=10000)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    who = people(args.database_url)
    sizes = table_rows(args.database_url)

    set_auto_explain(args.database_url, True)
    start = os.path.getsize(args.log)
    server = http_load.Server(args.binary, args.database_url, args.port, open(os.devnull, "w"))
    server.start()
    opened = 0
    try:
        for role, username in who.items():
            cookie = http_load.sign_in_page(base, username)
            token = http_load.sign_in_api(base, username)
            for path in PAGES:
                headers = {} if path.startswith("/api/") else {"Cookie": cookie}
                try:
                    http_load.request(base, "GET", path, token=token if path.startswith("/api/") else None, headers=headers)
                    opened += 1
                except Exception as error:  # a page a role may not open (403) still ran its queries up to the check
                    print(f"  {role} {path}: {error}", file=sys.stderr)
        time.sleep(1)
    finally:
        server.stop()
        set_auto_explain(args.database_url, False)

    text = open(args.log, errors="replace").read()[start:]
    plans = re.split(r"\n(?=\S.*LOG:\s+duration:)", text)
    findings = {}
    for plan in plans:
        query = re.search(r"Query Text: (.*?)(?:\n\s+(?:Seq Scan|Index|Limit|Sort|Hash|Nested|Aggregate|Bitmap|Result|Unique|Append|Merge|WindowAgg|Gather|Subquery|CTE|Materialize|Group|Insert|Update|Delete|LockRows|ModifyTable)|\Z)", plan, re.S)
        for table in re.findall(r"Seq Scan on (\w+)", plan):
            if sizes.get(table, 0) >= args.min_rows:
                findings.setdefault(table, set()).add(" ".join((query.group(1) if query else "?").split())[:300])
    print(f"opened {opened} pages and API lists as {', '.join(f'{r} {u}' for r, u in who.items())}; "
          f"{len(plans)} statements explained")
    if not findings:
        print(f"no sequential scan of a table with {args.min_rows} rows or more")
        return 0
    for table, queries in sorted(findings.items()):
        print(f"Seq Scan on {table} ({sizes[table]} rows):")
        for query in sorted(queries):
            print(f"  {query}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
