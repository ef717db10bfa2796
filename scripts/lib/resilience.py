"""What the several-nodes, PostgreSQL-restart and crash-safety scripts share (issue 16): `zhengtong` processes,
nginx in front of them, the throwaway PostgreSQL's own controls, a writing load whose acknowledgements are kept on
the client's side, and the checks that read the database afterwards.

Not run by itself: two_nodes.py, pg_restart.py and crash_safety.py import it (scripts/resilience starts them).
Python 3 standard library only.

The load is what a busy office does through the JSON API, each command with an identity the database keeps, so that
afterwards "every acknowledged command present exactly once" can be checked row by row:
- a 请示 (plain `request` process) started with a unique title, then its first step completed — both workflow
  commands carry an `Idempotency-Key`, and a command that got no answer (a node killed, the database restarting) is
  sent again with the same key until it is answered, as a careful client does;
- a 发文 drafted, given a unique title and sent for approval (送审) — these carry no request id, so a client never
  repeats them: a create whose answer was lost may exist unacknowledged, but an acknowledged one must exist once;
- page views (工作台, 待办) with a session cookie, and the API's 待办 list.
"""

import collections
import http.client
import http.cookiejar
import json
import os
import re
import signal
import shutil
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

PASSWORD = "Zhengtong@2026"
# Answers meaning "not acknowledged, nothing known": the connection failed (0), the proxy found no node (502, 504),
# the database was out of reach (503).
UNANSWERED = {0, 502, 503, 504}
# A client waits this long for an answer. A request caught exactly as PostgreSQL closes its connection can wait
# forever (see docs/deployment.md, "PostgreSQL restarts"): the client gives up on it as a real one would.
HUNG_AFTER = 20


class CheckFailed(Exception):
    pass


def log(prefix, message):
    print(f"{prefix}: {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def norm(value):
    """A UUID as the API writes it (upper case), whatever the database gave (PostgreSQL text, SQLite text or blob)."""
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)) and len(value) == 16:
        return str(uuid.UUID(bytes=bytes(value))).upper()
    return str(uuid.UUID(str(value))).upper()


# --- processes -----------------------------------------------------------------------------------------------------

class Node:
    """One `zhengtong` process (`serve` or `demo`) on a loopback port, its output in a log file."""

    def __init__(self, binary, workdir, name, args, env=None, port=None):
        self.binary, self.workdir, self.name = binary, workdir, name
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.args = [a.replace("{port}", str(self.port)) for a in args]
        self.env = dict(os.environ, **(env or {}))
        self.env.setdefault("LOG_LEVEL", "warning")
        self.log_path = os.path.join(workdir, f"{name}.log")
        self.proc = None

    def start(self):
        log_file = open(self.log_path, "ab")
        self.proc = subprocess.Popen([self.binary] + self.args, cwd=self.workdir, env=self.env, stdin=subprocess.DEVNULL,
                                     stdout=log_file, stderr=subprocess.STDOUT)
        log_file.close()
        return self

    def up(self):
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def wait_up(self, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise CheckFailed(f"{self.name} exited with {self.proc.returncode}:\n{self.tail()}")
            if self.up():
                return
            time.sleep(0.2)
        raise CheckFailed(f"{self.name} did not answer /healthz within {timeout} s:\n{self.tail()}")

    def kill(self):
        """SIGKILL: no shutdown handler runs, open transactions die with the process."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def tail(self, n=3000):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()[-n:]
        except OSError:
            return ""


class Nginx:
    """nginx as a non-daemon with a config of its own in `workdir`: one loopback port in front of `ports`.

    A node that refuses or drops a connection is marked failed for a while and the request goes to the other when
    that is safe: always if the request never reached the node, and for GET/HEAD also after it did. A POST the
    killed node had already received is *not* sent again (no `non_idempotent`): it might have been carried out, and
    only the client, with its request id, can safely repeat it."""

    def __init__(self, workdir, ports, binary="nginx"):
        self.workdir = os.path.join(workdir, "nginx")
        os.makedirs(os.path.join(self.workdir, "tmp"), exist_ok=True)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;" for p in ports)
        tmp = os.path.join(self.workdir, "tmp")
        self.config = os.path.join(self.workdir, "nginx.conf")
        with open(self.config, "w") as f:
            f.write(f"""daemon off;
worker_processes 1;
pid {self.workdir}/nginx.pid;
error_log {self.workdir}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {self.workdir}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream zhengtong {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{self.port};
        client_max_body_size 21m;
        location / {{
            proxy_pass http://zhengtong;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
        }}
    }}
}}
""")
        self.binary = binary
        self.proc = None

    def start(self):
        self.log = open(os.path.join(self.workdir, "stderr.log"), "wb")
        self.proc = subprocess.Popen([self.binary, "-c", self.config, "-p", self.workdir], stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise CheckFailed(f"nginx exited with {self.proc.returncode}: {open(self.log.name).read()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise CheckFailed("nginx did not listen")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.log.close()


class Postgres:
    """The throwaway cluster scripts/lib/postgres.sh started (scripts/resilience exports ZT_PG_URL, ZT_PG_DIR and
    ZT_PG_BIN): more databases in it, SQL through psql, and stopping and starting it under a running node."""

    def __init__(self):
        try:
            self.url = os.environ["ZT_PG_URL"]
            self.dir = os.environ["ZT_PG_DIR"]
            self.bin = os.environ["ZT_PG_BIN"]
        except KeyError as missing:
            raise CheckFailed(f"{missing} is not set: run through scripts/resilience, which starts PostgreSQL")

    def database_url(self, name):
        return self.url.rsplit("/", 1)[0] + "/" + name

    def create_database(self, name):
        self.sql(self.url, f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def sql(self, url, statement):
        """Rows of `statement` as lists of strings (None for NULL)."""
        out = subprocess.run([os.path.join(self.bin, "psql"), url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                              "-F", "\x1f", "-P", "null=\x1e", "-c", statement],
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise CheckFailed(f"psql: {out.stderr.strip()}")
        return [[None if v == "\x1e" else v for v in line.split("\x1f")] for line in out.stdout.splitlines() if line]

    def pg_ctl(self, *args):
        """pg_ctl as the postgres OS user (the cluster refuses root), waiting for it to finish."""
        subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(self.bin, "pg_ctl"), "-D",
                        os.path.join(self.dir, "data"), "-l", os.path.join(self.dir, "server.log"), "-w", "-t", "60"]
                       + list(args), check=True, cwd="/", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self):
        # fast: open transactions are rolled back and their connections closed, as in a real `systemctl restart`.
        self.pg_ctl("-m", "fast", "stop")

    def start(self):
        self.pg_ctl("start")


class Store:
    """Reads the database a run wrote: SQLite through the sqlite3 module, PostgreSQL through psql."""

    def __init__(self, sqlite_path=None, postgres=None, url=None):
        self.sqlite_path, self.postgres, self.url = sqlite_path, postgres, url

    def rows(self, statement):
        if self.sqlite_path:
            with sqlite3.connect(f"file:{self.sqlite_path}?mode=ro", uri=True, timeout=30) as c:
                return [list(r) for r in c.execute(statement).fetchall()]
        return self.postgres.sql(self.url, statement)

    def count(self, statement):
        return int(self.rows(statement)[0][0])


# --- clients ---------------------------------------------------------------------------------------------------------

def call(base, method, path, body=None, token=None, key=None, timeout=60, opener=None, form=None):
    """(status, headers, body bytes); status 0 when no HTTP answer came (refused, reset, timed out)."""
    data = None
    headers = {}
    if body is not None:
        data = json.dumps(body, ensure_ascii=False).encode()
        headers["Content-Type"] = "application/json"
    elif form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if key:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    open_ = opener.open if opener else urllib.request.urlopen
    try:
        with open_(request, timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except (OSError, http.client.HTTPException):
        return 0, {}, b""


def error_code(data):
    try:
        return json.loads(data)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


def token_for(base, username, deadline_seconds=60):
    deadline = time.monotonic() + deadline_seconds
    while True:
        status, _, data = call(base, "POST", "/api/v1/auth/token", {"username": username, "password": PASSWORD})
        if status == 201:
            return json.loads(data)["token"]
        if time.monotonic() > deadline:
            raise CheckFailed(f"no token for {username}: {status} {data[:200]!r}")
        time.sleep(0.3)


class PageSession:
    """A person signed in through the login form: a session cookie, as a browser has."""

    def __init__(self, base, username):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        deadline = time.monotonic() + 60
        while True:
            status, _, page = self.get("/login")
            match = re.search(rb'name="_csrf" value="([^"]*)"', page)
            if status == 200 and match:
                status, _, home = call(base, "POST", "/login", opener=self.opener,
                                       form={"_csrf": match.group(1).decode(), "username": username, "password": PASSWORD})
                if status == 200 and "您好".encode() in home:
                    return
            if time.monotonic() > deadline:
                raise CheckFailed(f"{username} could not sign in through the form ({status})")
            time.sleep(0.3)

    def get(self, path, timeout=60):
        return call(self.base, "GET", path, opener=self.opener, timeout=timeout)


class Ledger:
    """What the server acknowledged, kept by the clients (thread-safe), and every answer's time and status."""

    def __init__(self):
        self.lock = threading.Lock()
        self.started = {}      # request key -> (title, result)
        self.completed = {}    # request key -> (instance id, task id, result)
        self.drafted = {}      # 发文 id -> None or the title its acknowledged edit gave it
        self.submitted = set()
        self.answers = []      # (monotonic time, kind, status, error code)
        self.replayed = 0      # retried commands the server answered from its stored result (they had committed)
        self.hung = 0          # requests that got no answer at all within HUNG_AFTER seconds
        self.gave_up = 0       # commands with a request id still unanswered after `retry_for` seconds
        self.unknown = 0       # commands without one that got no answer (not repeated: they might have been done)

    def answer(self, kind, status, code=None):
        with self.lock:
            self.answers.append((time.monotonic(), kind, status, code))

    def count(self, predicate):
        with self.lock:
            return sum(1 for a in self.answers if predicate(a))

    def window(self, predicate):
        """Seconds from the first to the last answer matching `predicate` (0 when fewer than one)."""
        with self.lock:
            times = [a[0] for a in self.answers if predicate(a)]
        return (max(times) - min(times)) if times else 0.0


class Writer(threading.Thread):
    """One client writing until told to stop: 请示 with request ids (repeated until answered) and 发文 without."""

    def __init__(self, base_of, run, index, ledger, stop, username="huangl", retry_for=90, issuer_code="江政办发",
                 unit_name="江北市人民政府办公室"):
        super().__init__(daemon=True)
        self.base_of, self.run_id, self.index, self.ledger, self.stop = base_of, run, index, ledger, stop
        self.username, self.retry_for = username, retry_for
        # The drafter's 机关代字 and the unit that signs and prints: the demo's, or another city's (--writer …).
        self.issuer_code, self.unit_name = issuer_code, unit_name
        self.token = None

    def send(self, kind, method, path, body=None, key=None, ok=(200, 201), repeat=False):
        """The JSON answer when acknowledged (status in `ok`), else None. With `repeat`, an unanswered command is
        sent again with its key until it is answered (or `retry_for` seconds pass)."""
        deadline = time.monotonic() + self.retry_for
        first = True
        while True:
            sent = time.monotonic()
            status, _, data = call(self.base_of(), method, path, body, self.token, key, timeout=HUNG_AFTER)
            if status == 0 and time.monotonic() - sent >= HUNG_AFTER - 0.5:
                with self.ledger.lock:
                    self.ledger.hung += 1
            self.ledger.answer(kind, status, error_code(data) if status >= 400 else None)
            if status in ok:
                result = json.loads(data) if data else {}
                if not first and result.get("replayed"):
                    with self.ledger.lock:
                        self.ledger.replayed += 1
                return result
            if status == 401:
                self.token = token_for(self.base_of(), self.username)
                continue
            if not repeat or status not in UNANSWERED or time.monotonic() > deadline:
                if status in UNANSWERED:
                    with self.ledger.lock:
                        # Outcome unknown: left alone when not safe to repeat, given up on when repeating failed.
                        if repeat:
                            self.ledger.gave_up += 1
                        else:
                            self.ledger.unknown += 1
                return None
            first = False
            time.sleep(0.2)

    def run(self):
        self.token = token_for(self.base_of(), self.username)
        n = 0
        while not self.stop.is_set():
            n += 1
            if n % 2:
                self.request(n)
            else:
                self.outgoing(n)

    def request(self, n):
        title = f"负载{self.run_id}-{self.index}-{n}"
        key = f"{self.run_id}-{self.index}-{n}-start"
        started = self.send("start", "POST", "/api/v1/workflow/instances", {"process": "request", "title": title}, key, repeat=True)
        if started is None:
            return
        with self.ledger.lock:
            self.ledger.started[key] = (title, started)
        tasks = started.get("createdTasks") or []
        if not tasks:
            return
        key = f"{self.run_id}-{self.index}-{n}-complete"
        done = self.send("complete", "POST", f"/api/v1/tasks/{tasks[0]}/complete", {"outcome": "approve", "opinion": "请审核。"},
                         key, ok=(200,), repeat=True)
        if done is not None:
            with self.ledger.lock:
                self.ledger.completed[key] = (started["instanceID"].upper(), tasks[0].upper(), done)

    def outgoing(self, n):
        draft = self.send("draft", "POST", "/api/v1/outgoing", {"kind": "notice", "issuerCode": self.issuer_code}, ok=(201,))
        if draft is None:
            return
        doc = draft["id"].upper()
        with self.ledger.lock:
            self.ledger.drafted[doc] = None
        # A title the 2012 regulation accepts for a 通知 (关于…的通知), else 送审 refuses it.
        title = f"关于负载发文{self.run_id}-{self.index}-{n}的通知"
        edited = self.send("edit", "PATCH", f"/api/v1/outgoing/{doc}", {"version": draft["version"], "document": {
            "kind": "notice", "title": title, "mainRecipients": ["各县（区）人民政府"], "body": "请按要求做好有关工作。",
            "signatureName": self.unit_name, "printedBy": self.unit_name}}, ok=(200,))
        if edited is None:
            return
        with self.ledger.lock:
            self.ledger.drafted[doc] = title
        if self.send("submit", "POST", f"/api/v1/outgoing/{doc}/submit", ok=(200,)) is not None:
            with self.ledger.lock:
                self.ledger.submitted.add(doc)


class Reader(threading.Thread):
    """Page views (工作台, 待办) with a session, and the API's 待办 list, until told to stop."""

    def __init__(self, base_of, ledger, stop, username="zhangw"):
        super().__init__(daemon=True)
        self.base_of, self.ledger, self.stop, self.username = base_of, ledger, stop, username

    def run(self):
        session = PageSession(self.base_of(), self.username)
        token = token_for(self.base_of(), self.username)
        while not self.stop.is_set():
            for path in ("/", "/tasks"):
                status, _, _ = session.get(path, timeout=HUNG_AFTER)
                self.ledger.answer("page", status)
            status, _, data = call(self.base_of(), "GET", "/api/v1/tasks?status=open", token=token, timeout=HUNG_AFTER)
            self.ledger.answer("list", status, error_code(data) if status >= 400 else None)
            time.sleep(0.05)


# --- checks ----------------------------------------------------------------------------------------------------------

def verify(store, ledger, run_id, checks):
    """Every acknowledged command present exactly once, nothing doubled, nothing half-applied. Appends
    (description, passed, detail) to `checks`."""
    def check(description, passed, detail=""):
        checks.append((description, bool(passed), detail))

    instances = store.rows(f"SELECT id, title, version, status FROM workflow_instances WHERE title LIKE '负载{run_id}-%'")
    titles = collections.Counter(r[1] for r in instances)
    lost = [t for t, _ in ledger.started.values() if titles[t] == 0]
    doubled = [t for t, c in titles.items() if c > 1]
    check(f"every acknowledged 请示 start is in the database ({len(ledger.started)} acknowledged)", not lost, f"lost: {lost[:5]}")
    check(f"no 请示 exists twice ({len(instances)} in the database)", not doubled, f"doubled: {doubled[:5]}")

    requests = store.rows(f"SELECT request_id, instance_id FROM workflow_requests WHERE request_id LIKE '{run_id}-%'")
    keys = collections.Counter(r[0] for r in requests)
    acknowledged = list(ledger.started) + list(ledger.completed)
    missing = [k for k in acknowledged if keys[k] == 0]
    check(f"every acknowledged workflow command's request id is stored ({len(acknowledged)})", not missing, f"missing: {missing[:5]}")
    check("no request id is stored twice", all(c == 1 for c in keys.values()), str([k for k, c in keys.items() if c > 1][:5]))

    by_id = {norm(r[0]): r for r in instances}
    tasks = {norm(r[0]): r[1] for r in store.rows(
        f"SELECT t.id, t.state FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id WHERE i.title LIKE '负载{run_id}-%'")}
    wrong = []
    for key, (instance, task, result) in ledger.completed.items():
        row = by_id.get(instance)
        if row is None or int(row[2]) != result["version"] or tasks.get(task) != "completed":
            wrong.append((key, row and row[2], result["version"], tasks.get(task)))
    check(f"every acknowledged completion is applied once: its task completed, its instance at the version answered ({len(ledger.completed)})",
          not wrong, f"wrong: {wrong[:5]}")

    documents = {norm(r[0]): r for r in store.rows("SELECT id, title, status FROM outgoing_documents")}
    lost_docs = [d for d in ledger.drafted if d not in documents]
    wrong_titles = [d for d, t in ledger.drafted.items() if t and documents.get(d, [None, None])[1] != t]
    check(f"every acknowledged 发文 draft and edit is in the database ({len(ledger.drafted)} drafts)", not lost_docs and not wrong_titles,
          f"lost {lost_docs[:3]}, wrong title {wrong_titles[:3]}")
    doc_titles = collections.Counter(r[1] for r in documents.values() if r[1].startswith(f"关于负载发文{run_id}-"))
    check("no 发文 title exists twice", all(c == 1 for c in doc_titles.values()), str([t for t, c in doc_titles.items() if c > 1][:3]))

    # Invariants the code keeps by writing each command in one transaction.
    runs = collections.Counter(norm(r[0]) for r in store.rows(
        "SELECT business_id FROM workflow_instances WHERE business_type = 'outgoing' AND business_id IS NOT NULL"))
    load_docs = {d: r for d, r in documents.items() if r[1].startswith(f"关于负载发文{run_id}-") or d in ledger.drafted}
    half = [d for d, r in load_docs.items() if (r[2] == "drafting") != (runs[d] == 0) or runs[d] > 1]
    unsubmitted = [d for d in ledger.submitted if load_docs.get(d, [0, 0, "drafting"])[2] == "drafting"]
    check(f"每份发文: in approval with exactly one 发文办理 instance, or a draft with none ({len(load_docs)} 发文)",
          not half and not unsubmitted, f"half-applied: {half[:3]}, acknowledged 送审 still drafts: {unsubmitted[:3]}")
    orphans = store.count("SELECT COUNT(*) FROM workflow_requests r LEFT JOIN workflow_instances i ON i.id = r.instance_id WHERE i.id IS NULL")
    check("every stored request id belongs to an instance that exists", orphans == 0, f"{orphans} orphans")
    open_tasks = collections.Counter(norm(r[0]) for r in store.rows(
        f"SELECT t.instance_id FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id "
        f"WHERE i.title LIKE '负载{run_id}-%' AND t.state = 'open'"))
    stuck = [norm(r[0]) for r in instances if r[3] == "running" and open_tasks[norm(r[0])] == 0]
    check("every running 请示 has an open task", not stuck, f"without: {stuck[:3]}")
    audited = collections.Counter(r[0].upper() for r in store.rows(
        "SELECT target_id FROM audit_entries WHERE action = 'workflow.start' AND target_type = 'workflow_instance'"))
    unaudited = [i for i in by_id if audited[i] != 1]
    check("every 请示 has exactly one audit record of its start", not unaudited, f"{len(unaudited)} without one")


def report(prefix, checks):
    failed = 0
    for description, passed, detail in checks:
        print(f"  {'ok  ' if passed else 'FAIL'}  {description}{'' if passed or not detail else ' — ' + detail}", flush=True)
        failed += 0 if passed else 1
    log(prefix, f"{len(checks) - failed} checks passed, {failed} failed")
    return failed == 0


def audit_verifies(binary, env, workdir):
    out = subprocess.run([binary, "audit", "verify"], env=dict(os.environ, **env), cwd=workdir, capture_output=True, text=True)
    return out.returncode == 0, (out.stdout + out.stderr).strip()[-300:]


def seed_demo(binary, workdir, database_url):
    """The demo city (its people, 机关代字 and processes) in an empty PostgreSQL database: `zhengtong demo` seeds it,
    starts serving, and is stopped again."""
    node = Node(binary, workdir, "seed", ["demo", "--database-url", database_url, "--port", "{port}",
                                          "--data-dir", os.path.join(workdir, "seed")]).start()
    try:
        node.wait_up()
    finally:
        node.stop()


def summary_of(ledger):
    """Counts for the summary line: requests, acknowledged commands, answers by kind and status."""
    with ledger.lock:
        answers = list(ledger.answers)
        acknowledged = len(ledger.started) + len(ledger.completed) + len(ledger.drafted) + len(ledger.submitted) \
            + sum(1 for t in ledger.drafted.values() if t)
    statuses = collections.Counter(f"{kind} {status}{' ' + code if code else ''}" for _, kind, status, code in answers
                                   if status not in (200, 201))
    return len(answers), acknowledged, statuses


def log_answers(prefix, statuses):
    """The line of answers other than 200/201, by kind of command and status."""
    log(prefix, "answers other than 200/201: " + (", ".join(f"{k} ×{v}" for k, v in sorted(statuses.items())) or "none"))


def clean_up(prefix, work, keep, passed):
    """Removes the work directory of a run that passed (unless asked to keep it); a failed run's stays, for its logs."""
    if keep or not passed:
        log(prefix, f"work directory kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
