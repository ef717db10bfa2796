#!/usr/bin/env python3
"""SpiffWorkflow's side of benchmarks/engine_vs_spiff.sh: the measurement workflow-bench makes, on SpiffWorkflow.

    bench_spiff.py --process PATH.bpmn [--process-id ID] [--instances N] [--rounds R] [--warm-up N] [--countersigners K] [--json]

Parses the BPMN file once; starts N workflows (BpmnWorkflow(spec), then engine steps until it waits on user
tasks) and reports starts/s; then completes every ready user task of every workflow, in passes over all of
them, running the engine steps after each completion (as our engine runs an instance on to its next wait
states in each command), until every workflow has completed, and reports completions/s. R rounds of that
on fresh workflows, times added up. Each completion
submits what workflow-bench's StepForms submits: outcome "approve" and approved True everywhere, and at
OfficeReview hasCountersign, countersigners (K department heads) and nextAssignee. Service tasks succeed at
once, as the hooks of workflow-bench's environment do. Prints a readable line, or with --json one JSON
object with the keys workflow-bench prints.
"""

import argparse
import json
import sys
import time

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.bpmn.parser.TaskParser import TaskParser
from SpiffWorkflow.bpmn.parser.util import full_tag
from SpiffWorkflow.bpmn.specs.defaults import ServiceTask
from SpiffWorkflow.util.task import TaskState

OFFICE_REVIEW = "OfficeReview"
DEPARTMENT_HEADS = [f"head{n}" for n in range(1, 9)]
SIGNING_LEADER = "leader"
MAXIMUM_COMPLETIONS_PER_INSTANCE = 10_000


class HookServiceTask(ServiceTask):
    """A service task whose hook succeeds at once. SpiffWorkflow's plain service task does nothing and is left
    STARTED for the application to finish; our engine's environment answers a hook within the same command."""

    def _execute(self, task):
        return True


class Parser(BpmnParser):
    OVERRIDE_PARSER_CLASSES = {full_tag("serviceTask"): (TaskParser, HookServiceTask)}


def submission(task, countersigners):
    """The data a step's form submits (the same as workflow-bench's StepForms)."""
    data = {"approved": True, "outcome": "approve"}
    if task.task_spec.bpmn_id == OFFICE_REVIEW:
        data["hasCountersign"] = bool(countersigners)
        data["countersigners"] = list(countersigners)
        data["nextAssignee"] = SIGNING_LEADER
    return data


def start(spec, count):
    workflows = []
    for _ in range(count):
        workflow = BpmnWorkflow(spec)
        workflow.do_engine_steps()
        workflows.append(workflow)
    return workflows


def complete_all(workflows, countersigners):
    """Completes every ready user task of every workflow, in passes over all of them, until each has completed."""
    running = list(range(len(workflows)))
    completions = 0
    per_instance = [0] * len(workflows)
    while running:
        still_running = []
        for index in running:
            workflow = workflows[index]
            ready = workflow.get_tasks(state=TaskState.READY, manual=True)
            if not ready:
                raise SystemExit(f"bench_spiff: workflow {index} has not completed and has no ready user task")
            for task in ready:
                task.data.update(submission(task, countersigners))
                task.run()
                workflow.do_engine_steps()
            completions += len(ready)
            per_instance[index] += len(ready)
            if per_instance[index] > MAXIMUM_COMPLETIONS_PER_INSTANCE:
                raise SystemExit(f"bench_spiff: workflow {index} took more than {MAXIMUM_COMPLETIONS_PER_INSTANCE} completions")
            if not workflow.is_completed():
                still_running.append(index)
        running = still_running
    return completions


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--process", required=True, help="the BPMN file")
    parser.add_argument("--process-id", help="the process to run (default: the file's first)")
    parser.add_argument("--instances", type=int, default=500, help="workflows per round")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--warm-up", type=int, default=50)
    parser.add_argument("--countersigners", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    if options.instances < 1 or options.rounds < 1 or options.warm_up < 0 or not 0 <= options.countersigners <= len(DEPARTMENT_HEADS):
        parser.error(f"--instances and --rounds must be at least 1, --warm-up at least 0, --countersigners 0 to {len(DEPARTMENT_HEADS)}")

    bpmn = Parser()
    bpmn.add_bpmn_file(options.process)
    process_id = options.process_id or bpmn.get_process_ids()[0]
    spec = bpmn.get_spec(process_id)
    countersigners = DEPARTMENT_HEADS[: options.countersigners]

    if options.warm_up:
        complete_all(start(spec, options.warm_up), countersigners)

    start_seconds = 0.0
    completion_seconds = 0.0
    completions = 0
    for _ in range(options.rounds):
        began = time.perf_counter()
        workflows = start(spec, options.instances)
        started = time.perf_counter()
        completions += complete_all(workflows, countersigners)
        finished = time.perf_counter()
        start_seconds += started - began
        completion_seconds += finished - started
        del workflows  # freed here, outside the timed parts (as workflow-bench frees its instances)

    instances = options.instances * options.rounds
    result = {
        "engine": "spiffworkflow",
        "process": process_id,
        "instances": instances,
        "rounds": options.rounds,
        "countersigners": options.countersigners,
        "starts_per_s": round(instances / start_seconds, 1),
        "completions_per_s": round(completions / completion_seconds, 1),
        "tasks_completed": completions,
        "seconds": round(start_seconds + completion_seconds, 4),
        "start_seconds": round(start_seconds, 4),
        "completion_seconds": round(completion_seconds, 4),
    }
    if options.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"spiffworkflow {process_id}: {instances} starts in {start_seconds:.3f} s = {result['starts_per_s']:.0f} starts/s; "
              f"{completions} task completions ({completions / instances:.1f} per instance) in {completion_seconds:.3f} s "
              f"= {result['completions_per_s']:.0f} completions/s")


if __name__ == "__main__":
    sys.exit(main())
