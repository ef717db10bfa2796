#!/usr/bin/env bash
# Issue 7: our workflow engine alone, in memory, against SpiffWorkflow (the Python BPMN engine from PyPI) on the
# same processes, in the same run on the same machine. Prints a markdown table for benchmarks/README.md.
#
#   benchmarks/engine_vs_spiff.sh
#
# Builds workflow-bench in release mode (scratch path .build-bench, so it never touches another build), makes
# a virtualenv in .build-bench/venv with benchmarks/spiff/requirements.txt, then runs, one after the other:
#   - the default 发文 process (with its 会签 branch, 3 countersigners): ours on
#     Sources/ZhengtongApp/Resources/Processes/outgoing.bpmn, SpiffWorkflow on benchmarks/processes/outgoing-spiff.bpmn
#     (the same nodes and flows in markup SpiffWorkflow reads; the file says what differs and why);
#   - a 20-step sequential process, benchmarks/processes/sequential20.bpmn, the same file for both.
# Each engine starts its instances (starts/s), then completes every open task of every instance until all have
# ended (completions/s), over several rounds of fresh instances whose times are added up. SpiffWorkflow is
# about twenty times slower, so it runs fewer instances; the rates are what is compared. Counts can be changed
# with OURS_INSTANCES, OURS_ROUNDS, SPIFF_INSTANCES and SPIFF_ROUNDS.
set -euo pipefail

cd "$(dirname "$0")/.."
SCRATCH=.build-bench
OURS_INSTANCES=${OURS_INSTANCES:-20000}
OURS_ROUNDS=${OURS_ROUNDS:-10}
SPIFF_INSTANCES=${SPIFF_INSTANCES:-2000}
SPIFF_ROUNDS=${SPIFF_ROUNDS:-3}
COUNTERSIGNERS=3

OUTGOING=Sources/ZhengtongApp/Resources/Processes/outgoing.bpmn
OUTGOING_SPIFF=benchmarks/processes/outgoing-spiff.bpmn
SEQUENTIAL=benchmarks/processes/sequential20.bpmn

say() { printf '%s\n' "$*" >&2; }

say "== building workflow-bench (release, $SCRATCH)"
swift build -c release --product workflow-bench --scratch-path "$SCRATCH" >&2
BENCH="$(swift build -c release --product workflow-bench --scratch-path "$SCRATCH" --show-bin-path)/workflow-bench"

say "== SpiffWorkflow in $SCRATCH/venv"
[ -x "$SCRATCH/venv/bin/python" ] || python3 -m venv "$SCRATCH/venv"
"$SCRATCH/venv/bin/pip" install --quiet --disable-pip-version-check -r benchmarks/spiff/requirements.txt
PYTHON="$SCRATCH/venv/bin/python"

RESULTS="$(mktemp)"
trap 'rm -f "$RESULTS"' EXIT

ours() {
    say "== zhengtong: $1 ($OURS_INSTANCES instances x $OURS_ROUNDS rounds)"
    printf '%s\t' "$1" >>"$RESULTS"
    "$BENCH" --process "$1" --instances "$OURS_INSTANCES" --rounds "$OURS_ROUNDS" --countersigners "$COUNTERSIGNERS" --json | tee -a "$RESULTS" >&2
}

spiff() {
    say "== SpiffWorkflow: $1 ($SPIFF_INSTANCES instances x $SPIFF_ROUNDS rounds)"
    printf '%s\t' "$1" >>"$RESULTS"
    "$PYTHON" benchmarks/spiff/bench_spiff.py --process "$1" --instances "$SPIFF_INSTANCES" --rounds "$SPIFF_ROUNDS" \
        --countersigners "$COUNTERSIGNERS" --json | tee -a "$RESULTS" >&2
}

ours "$OUTGOING"
spiff "$OUTGOING_SPIFF"
ours "$SEQUENTIAL"
spiff "$SEQUENTIAL"

SPIFF_VERSION="$("$PYTHON" -c 'from importlib.metadata import version; print(version("SpiffWorkflow"))')"
PYTHON_VERSION="$("$PYTHON" -c 'import platform; print(platform.python_version())')"
SWIFT_VERSION="$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([^ ]*\).*/\1/p' | head -n 1)"
CPU="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
LOAD="$(cut -d ' ' -f 1-3 /proc/loadavg)"

"$PYTHON" - "$RESULTS" "$SPIFF_VERSION" "$PYTHON_VERSION" "$SWIFT_VERSION" "$(nproc)" "$CPU" "$LOAD" <<'EOF'
import json, sys, datetime
path, spiff_version, python_version, swift_version, cores, cpu, load = sys.argv[1:]
rows = []
for line in open(path, encoding="utf-8"):
    file, data = line.rstrip("\n").split("\t", 1)
    rows.append((file, json.loads(data)))
print(f"Measured {datetime.date.today().isoformat()}: {cores} cores ({cpu}), load average at the end {load}; "
      f"Swift {swift_version} release build; SpiffWorkflow {spiff_version} on Python {python_version}.")
print()
print("| process | engine | BPMN file | instances | starts/s | task completions/s | ours / SpiffWorkflow |")
print("|---|---|---|---:|---:|---:|---|")
by_process = {}
for file, r in rows:
    by_process.setdefault(r["process"], {})[r["engine"]] = (file, r)
for process, engines in by_process.items():
    ours, spiff = engines.get("zhengtong"), engines.get("spiffworkflow")
    for engine, entry in (("zhengtong", ours), ("SpiffWorkflow", spiff)):
        if entry is None:
            continue
        file, r = entry
        ratio = ""
        if engine == "zhengtong" and spiff is not None:
            s = spiff[1]
            ratio = (f"starts {r['starts_per_s'] / s['starts_per_s']:.1f}×, "
                     f"completions **{r['completions_per_s'] / s['completions_per_s']:.1f}×**")
        print(f"| {process} | {engine} | `{file}` | {r['instances']:,} ({r['rounds']} × {r['instances'] // r['rounds']:,}) | "
              f"{r['starts_per_s']:,.0f} | {r['completions_per_s']:,.0f} ({r['tasks_completed']:,} in {r['completion_seconds']:.1f} s) | {ratio} |")
EOF
