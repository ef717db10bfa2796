import Fluent
import Foundation
import WorkflowEngine

extension SeedDocuments {
    /// One seeded process instance: run by the engine command by command, as ``WorkflowService`` would, keeping
    /// each command's events with who acted and when; `store` turns the end state into rows.
    struct Run {
        let instanceID = UUID()
        let definitionID: UUID
        let runner: ProcessRunner
        let hooks: WorkflowHooks
        let unitID: UUID
        let initiator: UUID
        let title: String
        let business: (type: String, id: UUID)
        let startedAt: Date
        var instance: ProcessInstance
        var commands: [(events: [WorkflowEvent], actor: UUID?, at: Date)] = []
        var updatedAt: Date

        init(definition: (id: UUID, process: ProcessDefinition), unit: SeededCity.SeededUnit, initiator: UUID, title: String,
             business: (String, UUID), variables: [String: ExpressionValue], at now: Date, hooks: WorkflowHooks, calendar: WorkingCalendar) throws {
            let environment = OrganizationEnvironment(initiator: initiator.uuidString, members: unit.members, usernames: [:], delegations: [],
                                                      processes: [:], calendar: calendar, hooks: hooks)
            runner = ProcessRunner(definition: definition.process, environment: environment)
            definitionID = definition.id
            self.hooks = hooks
            unitID = unit.id
            self.initiator = initiator
            self.title = title
            self.business = business
            startedAt = now
            updatedAt = now
            let started = try hooks.followUp(try runner.start(instanceID: instanceID.uuidString, initiator: initiator.uuidString,
                                                              variables: variables, at: now), runner: runner, at: now)
            instance = started.instance
            commands.append((started.events, initiator, now))
        }

        mutating func complete(_ task: WorkTask, by person: UUID, outcome: String, opinion: String?, variables: [String: ExpressionValue],
                               at now: Date) throws {
            let done = try runner.completeTask(task.id, in: instance, by: person.uuidString, outcome: outcome, opinion: opinion,
                                               variables: variables, at: now)
            apply(try hooks.followUp(done, runner: runner, at: now), by: person, at: now)
        }

        mutating func circulate(by person: UUID, to readers: [UUID], fromTask: Int, at now: Date) throws {
            let sent = try runner.circulate(in: instance, by: person.uuidString, to: readers.map(\.uuidString), ordered: false, fromTask: fromTask, at: now)
            apply(sent, by: person, at: now)
        }

        mutating func markRead(_ item: Int, by reader: UUID, at now: Date) throws {
            apply(try runner.markRead(item, in: instance, by: reader.uuidString, at: now), by: reader, at: now)
        }

        private mutating func apply(_ outcome: ProcessRunner.Outcome, by person: UUID?, at now: Date) {
            instance = outcome.instance
            commands.append((outcome.events, person, now))
            updatedAt = max(updatedAt, now)
        }

        /// The instance's rows as ``WorkflowService`` and ``WorkflowPersistence`` write them; timers already due
        /// fire first (as the job worker would have), and overdue open tasks carry the notice the deadline watch sent.
        mutating func store(in batch: inout SeedBatch, now: Date, random: inout SeededRandom) throws {
            if instance.status == .running, instance.timers.contains(where: { $0.due <= now }) {
                let due = instance.timers.map(\.due).min() ?? now
                apply(try hooks.followUp(try runner.fireDueTimers(in: instance, at: due), runner: runner, at: due), by: nil, at: due)
            }
            let row = WorkflowInstanceRecord()
            row.id = instanceID
            row.$definition.id = definitionID
            row.processKey = instance.processID
            row.title = title
            row.businessType = business.type
            row.businessID = business.id.uuidString
            row.$initiator.id = initiator
            row.unitID = unitID
            row.status = instance.status.rawValue
            row.version = instance.version
            row.state = try WorkflowState.encode(instance.compacted())
            row.startedAt = startedAt
            row.endedAt = instance.endedAt
            row.updatedAt = updatedAt
            batch.instances.append(row)

            for task in instance.tasks {
                let taskRow = WorkflowTaskRecord()
                let taskID = UUID()
                taskRow.id = taskID
                taskRow.$instance.id = instanceID
                taskRow.engineID = task.id
                try WorkflowPersistence.fill(taskRow, with: task)
                taskRow.dueNotifiedAt = nil
                taskRow.overdueNotifiedAt = nil
                if task.state == .open, let due = task.dueAt, due < now {
                    let noticed = due.addingTimeInterval(600)
                    taskRow.dueNotifiedAt = noticed
                    taskRow.overdueNotifiedAt = noticed
                    for holder in (task.assignee.map { [$0] } ?? task.candidateUsers).compactMap(UUID.init(uuidString:)) {
                        let read = random.chance(0.7) ? noticed.addingTimeInterval(3600) : nil
                        batch.notifications.append(NotificationRecord.seeded(
                            to: holder, kind: .overdue, title: Strings.Workflow.overdueTitle(task: taskRow.name, document: title),
                            body: Strings.Workflow.dueBody(DisplayFormat.minute(due)), link: SiteURL.task.link(taskID), key: "overdue:\(taskID)",
                            at: noticed, readAt: read))
                    }
                }
                batch.tasks.append(taskRow)
                if task.assignee == nil {
                    batch.candidates += task.candidateUsers.compactMap(UUID.init(uuidString:)).map { WorkflowTaskCandidate(taskID: taskID, userID: $0) }
                }
            }
            for item in instance.circulations {
                guard let reader = UUID(uuidString: item.reader) else { continue }
                let circulation = WorkflowCirculationRecord()
                circulation.id = UUID()
                WorkflowPersistence.fill(circulation, with: item, reader: reader, instanceID: instanceID)
                batch.circulations.append(circulation)
            }
            for token in instance.tokens {
                let tokenRow = WorkflowTokenRecord()
                tokenRow.id = UUID()
                tokenRow.$instance.id = instanceID
                tokenRow.engineID = token.id
                tokenRow.node = token.node
                tokenRow.scope = token.scope
                batch.tokens.append(tokenRow)
            }
            var seq = 0
            for command in commands where !command.events.isEmpty {
                let rows = WorkflowPersistence.historyRows(command.events, instanceID: instanceID, after: seq, actor: command.actor, at: command.at)
                seq += rows.count
                for history in rows { history.id = UUID() }
                batch.history += rows
            }
            if instance.status == .running, let first = instance.timers.map(\.due).min() {
                let job = JobRecord()
                job.id = UUID()
                job.kind = WorkflowTimers.kind
                job.key = WorkflowTimers.key(instanceID)
                job.payload = instanceID.uuidString
                job.state = JobRecord.State.pending.rawValue
                job.runAt = first
                job.attempts = 0
                job.maxAttempts = 5
                job.leaseUntil = nil
                job.lockedBy = nil
                job.lastError = nil
                job.updatedAt = updatedAt
                batch.jobs.append(job)
            }
        }
    }
}
