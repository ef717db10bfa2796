import Foundation
import WorkflowEngine

/// Runs one process many times through `ProcessRunner`, the way the application drives it: each command
/// gets the instance as it was stored and the new state is stored back in its place.
struct BenchDriver {
    let runner: ProcessRunner
    let organization: BenchOrganization
    let forms: StepForms
    /// Commands run at one fixed moment: no timer comes due (the 签发 reminder is armed and dropped),
    /// and every run does the same work.
    let now = Date(timeIntervalSince1970: 1_795_392_000)  // 2026-11-23T08:00:00+08:00, a Monday morning

    /// A guard against a model that loops through user tasks for ever.
    static let maximumCompletionsPerInstance = 10_000

    /// The model could not be read, or a run did not end as it should.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads and parses the BPMN file once.
    init(options: BenchOptions) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: options.processPath))
        } catch {
            throw Failure(description: "cannot read \(options.processPath): \(error.localizedDescription)")
        }
        let imported = BPMNImport.parse(data)
        if imported.hasErrors {
            let errors = imported.problems.filter(\.isError).map(\.description).joined(separator: "\n  ")
            throw Failure(description: "\(options.processPath) has errors:\n  \(errors)")
        }
        let chosen = options.processID.map { id in imported.processes.first { $0.id == id } } ?? imported.processes.first
        guard let definition = chosen else {
            throw Failure(description: "\(options.processPath) has no process \(options.processID ?? "")")
        }
        organization = BenchOrganization()
        guard options.countersigners <= organization.departmentHeads.count else {
            throw Failure(description: "--countersigners can be at most \(organization.departmentHeads.count), the department heads there are")
        }
        runner = ProcessRunner(definition: definition, environment: organization)
        forms = StepForms(countersigners: Array(organization.departmentHeads.prefix(options.countersigners)),
                          signingLeader: organization.signingLeader)
    }

    /// Warms up, then measures `rounds` times starting `count` fresh instances and completing all their tasks.
    func run(instances count: Int, rounds: Int, warmUp: Int) throws -> BenchResult {
        if warmUp > 0 {
            var warm = try start(warmUp, prefix: "warm-up")
            _ = try completeAll(&warm)
        }
        let clock = ContinuousClock()
        var starting = Duration.zero
        var completing = Duration.zero
        var completions = 0
        for round in 0..<rounds {
            var instances: [ProcessInstance] = []
            starting += try clock.measure { instances = try start(count, prefix: "round\(round)") }
            completing += try clock.measure { completions += try completeAll(&instances) }
        }
        return BenchResult(process: runner.definition.id, instances: count * rounds, rounds: rounds, countersigners: forms.countersigners.count,
                           tasksCompleted: completions, startSeconds: starting.seconds, completionSeconds: completing.seconds)
    }

    /// Starts `count` instances, the drafters taking turns as initiators.
    func start(_ count: Int, prefix: String) throws -> [ProcessInstance] {
        var instances: [ProcessInstance] = []
        instances.reserveCapacity(count)
        let drafters = organization.drafters
        for number in 0..<count {
            let outcome = try runner.start(instanceID: "\(prefix)-\(number)", initiator: drafters[number % drafters.count], at: now)
            instances.append(outcome.instance)
        }
        return instances
    }

    /// Completes every open task of every instance, in passes over all of them (as many documents are in
    /// flight at once), until each has ended; returns the number of completions.
    func completeAll(_ instances: inout [ProcessInstance]) throws -> Int {
        var running = Array(instances.indices)
        var completions = 0
        var perInstance = [Int](repeating: 0, count: instances.count)
        while !running.isEmpty {
            var stillRunning: [Int] = []
            stillRunning.reserveCapacity(running.count)
            for index in running {
                var instance = instances[index]
                var completed = 0
                for task in instance.openTasks where task.onHoldFor == nil {
                    let form = forms.submission(for: task)
                    let user = task.assignee ?? task.candidateUsers.first ?? instance.initiator
                    instance = try runner.completeTask(task.id, in: instance, by: user, outcome: form.outcome, variables: form.variables, at: now)
                        .instance
                    completed += 1
                }
                instances[index] = instance
                guard completed > 0 else {
                    throw Failure(description: "instance \(instance.id) is \(instance.status) with no task to complete")
                }
                completions += completed
                perInstance[index] += completed
                guard perInstance[index] <= Self.maximumCompletionsPerInstance else {
                    throw Failure(description: "instance \(instance.id) took more than \(Self.maximumCompletionsPerInstance) completions: the model loops")
                }
                switch instance.status {
                case .running: stillRunning.append(index)
                case .completed: break
                case .suspended, .terminated: throw Failure(description: "instance \(instance.id) ended \(instance.status)")
                }
            }
            running = stillRunning
        }
        return completions
    }
}
