#!/usr/bin/env python3
"""Workflow command throughput against a running server (the demo city), over the JSON API.

    benchmarks/workflow_commands.py http://127.0.0.1:8095 [--instances 400] [--concurrency 8]

Phase 1 starts N 请示 as huangl (each start: engine run, instance row, task, history, audit);
phase 2 completes every 拟稿 task (each: guarded update, task rows, history, timer job, audit);
phase 3 lists 张伟's 待办 (first page, and the total count). Prints requests per second and
latency percentiles per phase. Python standard library only.
"""
import argparse
import json
import statistics
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

PASSWORD = "Zhengtong@2026"


def call(base, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        payload = response.read()
        status = response.status
    return status, json.loads(payload or b"null"), time.perf_counter() - started


def token(base, username):
    return call(base, "POST", "/api/v1/auth/token", body={"username": username, "password": PASSWORD})[1]["token"]


def phase(name, jobs, concurrency):
    latencies = []
    errors = []
    lock = threading.Lock()

    def run(job):
        try:
            _, _, elapsed = job()
            with lock:
                latencies.append(elapsed)
        except Exception as error:  # noqa: BLE001 - counted and shown
            with lock:
                errors.append(str(error))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(run, jobs))
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else float("nan")

    print(f"{name}: {len(latencies)} ok, {len(errors)} errors, {len(latencies) / wall:.0f} req/s, "
          f"p50 {pct(0.50):.1f} ms, p90 {pct(0.90):.1f} ms, p99 {pct(0.99):.1f} ms, mean {statistics.mean(latencies) * 1000:.1f} ms")
    if errors:
        print("  first error:", errors[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--instances", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    base = args.base.rstrip("/")
    drafter = token(base, "huangl")
    director = token(base, "zhangw")

    phase("start", [lambda i=i: call(base, "POST", "/api/v1/workflow/instances", drafter,
                                     {"process": "request", "title": f"压测请示 {i}"}) for i in range(args.instances)], args.concurrency)

    ids = []
    page = 1
    while True:
        _, listing, _ = call(base, "GET", f"/api/v1/tasks?status=open&perPage=200&page={page}", drafter)
        ids += [item["id"] for item in listing["items"]]
        if len(listing["items"]) < 200:
            break
        page += 1
    phase("complete", [lambda task=task: call(base, "POST", f"/api/v1/tasks/{task}/complete", drafter,
                                              {"outcome": "approve", "opinion": "请审核。"}) for task in ids], args.concurrency)
    phase("list 待办 (20 a page)", [lambda: call(base, "GET", "/api/v1/tasks?status=open", director) for _ in range(200)], args.concurrency)
    _, listing, _ = call(base, "GET", "/api/v1/tasks?status=open", director)
    print(f"张伟's 待办: {listing['total']}")


if __name__ == "__main__":
    main()
