#!/usr/bin/env python3
"""Search latency over the API: the median and 90th percentile of `GET /api/v1/search?q=…` for each query,
one request at a time (first page of 20, the searcher's permission check included).

    benchmarks/search_queries.py URL [--user bench] [--password Bench#2026pw] [--runs 50] [QUERY ...]

Queries default to common and rare two-character words of the generated documents (`zhengtong search
generate`), a one-character query and a number. Python standard library only."""
import argparse
import json
import statistics
import time
import urllib.parse
import urllib.request

DEFAULT_QUERIES = ["工作", "安全", "防汛", "档案", "保密", "落实", "生态", "营", "2025", "督查"]


def token(base, user, password):
    request = urllib.request.Request(base + "/api/v1/auth/token", data=json.dumps({"username": user, "password": password}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["token"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--user", default="bench")
    parser.add_argument("--password", default="Bench#2026pw")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("queries", nargs="*")
    args = parser.parse_intermixed_args()
    base = args.url.rstrip("/")
    bearer = token(base, args.user, args.password)
    print(f"{'query':<8} {'results':>7} {'median ms':>10} {'p90 ms':>8}")
    medians = []
    for query in args.queries or DEFAULT_QUERIES:
        url = base + "/api/v1/search?q=" + urllib.parse.quote(query)
        times = []
        count = 0
        for run in range(args.runs + 3):
            started = time.perf_counter()
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": "Bearer " + bearer})) as response:
                body = json.load(response)
            elapsed = (time.perf_counter() - started) * 1000
            if run >= 3:  # the first requests warm the caches
                times.append(elapsed)
            count = len(body["items"])
        times.sort()
        median = statistics.median(times)
        medians.append(median)
        print(f"{query:<8} {count:>7} {median:>10.1f} {times[int(len(times) * 0.9) - 1]:>8.1f}")
    print(f"median of the medians: {statistics.median(medians):.1f} ms")


if __name__ == "__main__":
    main()
