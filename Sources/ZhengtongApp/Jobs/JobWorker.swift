import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Runs due jobs: every few seconds while the server runs, or on demand (`runDue`) in tests and tools.
/// Each job runs outside the leasing transaction, in its own, so a slow or failing job holds no lock.
struct JobWorker: Sendable {
    typealias Handler = @Sendable (JobRecord, Application, Date) async throws -> Void

    let app: Application
    /// Names this server process in `locked_by`.
    let name: String

    init(app: Application, name: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)") {
        self.app = app
        self.name = name
    }

    static func handler(for kind: String) -> Handler? {
        switch kind {
        case WorkflowTimers.kind: WorkflowTimers.run
        case DeadlineWatch.kind: DeadlineWatch.run
        case WorkflowTimerStarts.kind: WorkflowTimerStarts.run
        case Upkeep.kind: Upkeep.run
        case ScheduledBackup.kind: ScheduledBackup.run
        case StatisticsRefreshJob.kind: StatisticsRefreshJob.run
        case DailyDigest.kind: DailyDigest.run
        default: nil
        }
    }

    /// Leases and runs the jobs due at `now`; returns how many ran (successfully or not).
    @discardableResult
    func runDue(at now: Date = Date(), limit: Int = 20) async throws -> Int {
        let worker = name
        let jobs = try await app.write { db in try await JobQueue.lease(limit: limit, worker: worker, at: now, on: db) }
        for job in jobs {
            do {
                guard let handler = Self.handler(for: job.kind) else { throw JobError.unknownKind(job.kind) }
                try await handler(job, app, now)
                try await app.write { db in try await JobQueue.finish(job, worker: worker, on: db) }
            } catch {
                app.logger.warning("job \(job.kind) \(job.key) failed: \(String(describing: error))")
                try await app.write { db in try await JobQueue.fail(job, worker: worker, error: String(describing: error), at: now, on: db) }
            }
        }
        return jobs.count
    }

    enum JobError: Error, CustomStringConvertible {
        case unknownKind(String)
        var description: String {
            switch self {
            case .unknownKind(let kind): "unknown job kind \(kind)"
            }
        }
    }
}

/// Starts the worker with the server and stops it with the server.
final class JobWorkerLifecycle: LifecycleHandler, @unchecked Sendable {
    private let interval: TimeAmount
    private let task = NIOLockedValueBox<RepeatedTask?>(nil)

    init(interval: TimeAmount) { self.interval = interval }

    func didBoot(_ application: Application) throws {
        start(application)
    }

    /// Starts the worker once (called by `serveHTTP`: the application has booted before a command runs, so
    /// `didBoot` of a handler added then never comes).
    func start(_ application: Application) {
        guard task.withLockedValue({ $0 == nil }) else { return }
        let worker = JobWorker(app: application)
        application.eventLoopGroup.next().makeFutureWithTask {
            do { try await DeadlineWatch.ensureScheduled(app: application) } catch { application.logger.warning("deadline watch: \(String(describing: error))") }
            do { try await WorkflowTimerStarts.ensureScheduled(app: application) } catch {
                application.logger.warning("timer starts: \(String(describing: error))")
            }
            do { try await Upkeep.ensureScheduled(app: application) } catch { application.logger.warning("upkeep: \(String(describing: error))") }
            do { try await ScheduledBackup.ensureScheduled(app: application) } catch { application.logger.warning("backup: \(String(describing: error))") }
            do { try await StatisticsRefreshJob.ensureScheduled(app: application) } catch {
                application.logger.warning("statistics: \(String(describing: error))")
            }
            do { try await DailyDigest.ensureScheduled(app: application) } catch { application.logger.warning("digest: \(String(describing: error))") }
        }.whenComplete { _ in }
        let repeated = application.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: interval, delay: interval) { _ in
            application.eventLoopGroup.next().makeFutureWithTask {
                do { try await worker.runDue() } catch { application.logger.warning("job worker: \(String(describing: error))") }
            }
        }
        task.withLockedValue { $0 = repeated }
    }

    func shutdown(_ application: Application) {
        task.withLockedValue { $0?.cancel(); $0 = nil }
    }
}
