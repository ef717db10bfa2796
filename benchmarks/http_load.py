#!/usr/bin/env python3
"""HTTP under load on a seeded city (issue 7), with wrk on loopback. Python standard library only.

Starts the server itself (so start-up time and memory belong to the run), signs in real people of the
seeded city (those holding open tasks), then runs, each at 50 and 200 connections:

  hello      GET /healthz — a route returning a string (the ceiling: same server, same middleware, no database)
  tasks-api  GET /api/v1/tasks?status=open — 待办 over the API, each request as the next of the signed-in people
  tasks-page GET /tasks — the 待办 page with each person's session cookie
  desk-clerk  GET / — the 工作台 page of the city's clerks (收发员: 待办, 通知公告, 待阅, 待签收, 逾期事项, 最近公文),
             each request the next clerk's session cookie (issue 17)
  desk-leader GET / — the 工作台 of the units' principal leaders (no 待签收; 逾期事项 of their unit)
  desk-api    GET /api/v1/desk — the same blocks as JSON for the clerks' phones
  complete   POST /api/v1/tasks/{id}/complete — every request completes a task of a 20-step process the people
             started (benchmarks/processes/sequential20.bpmn, deployed first); the answer names the next task,
             which the same person completes next. Afterwards the database is asked how many tasks were completed:
             it must equal the 200 answers (zero lost), and no task may have two completions (zero doubled).

Usage:
  benchmarks/http_load.py --binary .build-release/release/zhengtong --database-url sqlite:///tmp/city/z.sqlite \
      [--port 8095] [--duration 15] [--people 200] [--out results.json]
For PostgreSQL pass --database-url postgres://…; psql must be on PATH (it is with Debian's postgresql package).
"""
import argparse
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

PASSWORD = "Zhengtong@2026"
HERE = os.path.dirname(os.path.abspath(__file__))


def sql_rows(database_url, query):
    """Rows of a query against the seeded database (sqlite3 module, or psql for PostgreSQL)."""
    if database_url.startswith("sqlite://"):
        import sqlite3
        path = database_url[len("sqlite://"):]
        with sqlite3.connect(path) as db:
            return db.execute(query).fetchall()
    out = subprocess.run(["psql", database_url, "-At", "-F", "\t", "-c", query], check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]


def people_with_open_tasks(database_url, count):
    rows = sql_rows(database_url, f"""
        SELECT u.username FROM users u
        WHERE u.id IN (SELECT assignee_id FROM workflow_tasks WHERE state = 'open' AND assignee_id IS NOT NULL)
        ORDER BY u.username LIMIT {int(count)}""")
    return [r[0] for r in rows]


def clerks(database_url, count):
    """收发员 of the seeded city, by username."""
    rows = sql_rows(database_url, f"""
        SELECT DISTINCT u.username FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
        WHERE r.code = 'clerk' ORDER BY u.username LIMIT {int(count)}""")
    return [r[0] for r in rows]


def leaders(database_url, count):
    """The principal leaders of the seeded city's units (a post held for the whole unit), by username."""
    rows = sql_rows(database_url, f"""
        SELECT DISTINCT u.username FROM users u JOIN user_positions up ON up.user_id = u.id JOIN positions p ON p.id = up.position_id
        WHERE p.code = 'principal' AND up.department_id IS NULL ORDER BY u.username LIMIT {int(count)}""")
    return [r[0] for r in rows]


class Server:
    def __init__(self, binary, database_url, port, log):
        self.binary, self.database_url, self.port, self.log = binary, database_url, port, log
        self.process = None

    def start(self):
        env = dict(os.environ, DATABASE_URL=self.database_url, LOG_LEVEL="error")
        started = time.monotonic()
        # As deployed (README): the production environment, where Leaf keeps parsed templates (in `development`
        # Vapor reads and parses every template again on every page).
        self.process = subprocess.Popen([self.binary, "serve", "--env", "production", "--port", str(self.port)], env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1) as r:
                    if r.status == 200:
                        return time.monotonic() - started
            except Exception:
                if self.process.poll() is not None:
                    raise SystemExit("server exited; see its log")
                time.sleep(0.005)

    def memory(self):
        """Resident and peak resident size in MB, from /proc."""
        status = open(f"/proc/{self.process.pid}/status").read()
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
        hwm = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
        return round(rss, 1), round(hwm, 1)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)


def request(base, method, path, body=None, token=None, opener=None, headers=None):
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    req = urllib.request.Request(base + path, data=data, method=method)
    if isinstance(body, dict):
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for key, value in (headers or {}).items():
        req.add_header(key, value)
    with (opener or urllib.request.build_opener()).open(req, timeout=60) as r:
        return r.status, r.read()


def in_parallel(items, work, threads=8):
    results = [None] * len(items)
    def run(offset):
        for index in range(offset, len(items), threads):
            results[index] = work(items[index])
    pool = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
    [t.start() for t in pool]
    [t.join() for t in pool]
    return results


def sign_in_api(base, username):
    status, body = request(base, "POST", "/api/v1/auth/token", {"username": username, "password": PASSWORD})
    return json.loads(body)["token"]


def sign_in_page(base, username):
    """A browser's sign-in: the login form's CSRF token, then the form; returns the session cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _, page = request(base, "GET", "/login", opener=opener)
    csrf = re.search(rb'name="csrf" value="([^"]+)"', page) or re.search(rb'name="_csrf" value="([^"]+)"', page)
    field = "csrf" if b'name="csrf"' in page else "_csrf"
    form = urllib.parse.urlencode({"username": username, "password": PASSWORD, field: csrf.group(1).decode()}).encode()
    request(base, "POST", "/login", form, opener=opener, headers={"Content-Type": "application/x-www-form-urlencoded"})
    cookie = next(c for c in jar if c.name == "zhengtong_session")
    return f"{cookie.name}={cookie.value}"


def wrk(url, connections, duration, script=None, env=None, warm_up=3):
    """One measured wrk run, after `warm_up` seconds of the same load (connections opened, statements prepared,
    caches filled) whose numbers are dropped."""
    if warm_up:
        warm = ["wrk", "-t2", f"-c{connections}", f"-d{warm_up}s"] + (["-s", script] if script else []) + [url]
        subprocess.run(warm, check=True, capture_output=True, env=dict(os.environ, **(env or {})))
    threads = 2
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if script:
        args += ["-s", script]
    out = subprocess.run(args + [url], check=True, capture_output=True, text=True, env=dict(os.environ, **(env or {}))).stdout
    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    extra = dict(re.findall(r"^ZT (\w+) (\d+)$", out, re.M))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency(50), "p99_ms": latency(99), "requests": requests,
        "errors": (int(non2xx.group(1)) if non2xx else 0) + (sum(int(x) for x in socket.groups()) if socket else 0),
        **{k: int(v) for k, v in extra.items()},
    }


def write_lines(lines):
    handle = tempfile.NamedTemporaryFile("w", delete=False, suffix=".txt")
    handle.write("\n".join(lines) + "\n")
    handle.close()
    return handle.name


def start_instances(base, tokens, per_person):
    """Starts `per_person` sequential20 instances for each person; returns 'token taskID instanceID' lines."""
    def start(token):
        lines = []
        for n in range(per_person):
            _, body = request(base, "POST", "/api/v1/workflow/instances", {"process": "sequential20", "title": f"基准测试 {n}"}, token=token)
            started = json.loads(body)
            lines.append(f"{token} {started['createdTasks'][0]} {started['instanceID']}")
        return lines
    return [line for group in in_parallel(tokens, start) for line in group]


def completions_in_db(database_url):
    rows = sql_rows(database_url, """
        SELECT COUNT(*), COUNT(DISTINCT t.id) FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
        WHERE i.process_key = 'sequential20' AND t.state = 'completed'""")
    events = sql_rows(database_url, """
        SELECT COUNT(*) FROM workflow_history h JOIN workflow_instances i ON i.id = h.instance_id
        WHERE i.process_key = 'sequential20' AND h.event = 'taskCompleted'""")
    return int(rows[0][0]), int(rows[0][1]), int(events[0][0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--port", type=int, default=8095)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--instances-per-person", type=int, default=6)
    parser.add_argument("--only", default="hello,tasks-api,tasks-page,desk-clerk,desk-leader,desk-api,complete")
    parser.add_argument("--out")
    args = parser.parse_args()
    only = set(args.only.split(","))
    base = f"http://127.0.0.1:{args.port}"
    results = {"database": args.database_url.split(":")[0], "runs": {}}

    deploy = subprocess.run([args.binary, "workflow", "deploy", os.path.join(HERE, "processes", "sequential20.bpmn")],
                            env=dict(os.environ, DATABASE_URL=args.database_url, LOG_LEVEL="error"), capture_output=True, text=True)
    if deploy.returncode != 0:
        print(deploy.stdout, deploy.stderr, file=sys.stderr)

    log = open(os.path.join(tempfile.gettempdir(), "zhengtong-http-load.log"), "w")
    server = Server(args.binary, args.database_url, args.port, log)
    results["startup_s"] = round(server.start(), 3)
    time.sleep(1)
    results["rss_idle_mb"] = server.memory()[0]
    try:
        people = people_with_open_tasks(args.database_url, args.people)
        results["people"] = len(people)
        tokens = in_parallel(people, lambda u: sign_in_api(base, u))
        token_file = write_lines(tokens)
        for connections in (50, 200):
            if "hello" in only:
                results["runs"][f"hello c{connections}"] = wrk(base + "/healthz", connections, args.duration)
            if "tasks-api" in only:
                results["runs"][f"tasks-api c{connections}"] = wrk(base + "/api/v1/tasks?status=open", connections, args.duration,
                                                                   os.path.join(HERE, "wrk", "rotate_header.lua"),
                                                                   {"ZT_LINES": token_file, "ZT_HEADER": "Authorization", "ZT_PREFIX": "Bearer "})
            print(json.dumps(results["runs"]), file=sys.stderr)
        if "tasks-page" in only:
            cookies = in_parallel(people, lambda u: sign_in_page(base, u))
            cookie_file = write_lines(cookies)
            for connections in (50, 200):
                results["runs"][f"tasks-page c{connections}"] = wrk(base + "/tasks", connections, args.duration,
                                                                    os.path.join(HERE, "wrk", "rotate_header.lua"),
                                                                    {"ZT_LINES": cookie_file, "ZT_HEADER": "Cookie", "ZT_PREFIX": ""})
        for scenario, group in (("desk-clerk", clerks), ("desk-leader", leaders)):
            if scenario not in only:
                continue
            cookies = in_parallel(group(args.database_url, args.people), lambda u: sign_in_page(base, u))
            results[scenario + " people"] = len(cookies)
            for connections in (50, 200):
                results["runs"][f"{scenario} c{connections}"] = wrk(base + "/", connections, args.duration,
                                                                    os.path.join(HERE, "wrk", "rotate_header.lua"),
                                                                    {"ZT_LINES": write_lines(cookies), "ZT_HEADER": "Cookie", "ZT_PREFIX": ""})
            print(json.dumps(results["runs"]), file=sys.stderr)
        if "desk-api" in only:
            desk_tokens = in_parallel(clerks(args.database_url, args.people), lambda u: sign_in_api(base, u))
            for connections in (50, 200):
                results["runs"][f"desk-api c{connections}"] = wrk(base + "/api/v1/desk", connections, args.duration,
                                                                  os.path.join(HERE, "wrk", "rotate_header.lua"),
                                                                  {"ZT_LINES": write_lines(desk_tokens), "ZT_HEADER": "Authorization", "ZT_PREFIX": "Bearer "})
        if "complete" in only:
            for connections in (50, 200):
                before = completions_in_db(args.database_url)
                lines = start_instances(base, tokens, args.instances_per_person)
                run = wrk(base + "/api/v1/tasks", connections, args.duration, os.path.join(HERE, "wrk", "complete_chain.lua"),
                          {"ZT_LINES": write_lines(lines)}, warm_up=0)
                # Requests still in flight when wrk stops are finished by the server but never counted by wrk:
                # wait until the count stops moving, then compare.
                after = completions_in_db(args.database_url)
                while True:
                    time.sleep(1)
                    settled = completions_in_db(args.database_url)
                    if settled == after:
                        break
                    after = settled
                run["completed_in_db"] = after[0] - before[0]
                run["in_flight_at_end"] = run["completed_in_db"] - run.get("ok", 0)
                # Lost: answered 200 but not in the database. Doubled: a task completed twice, or history that says so.
                run["lost"] = max(0, run.get("ok", 0) - run["completed_in_db"])
                run["doubled"] = (after[0] - after[1]) + abs((after[2] - before[2]) - run["completed_in_db"])
                results["runs"][f"complete c{connections}"] = run
        results["rss_after_mb"], results["rss_peak_mb"] = server.memory()
    finally:
        server.stop()
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        open(args.out, "w").write(text)


if __name__ == "__main__":
    main()
