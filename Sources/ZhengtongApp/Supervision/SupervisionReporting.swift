import Fluent
import Foundation
import Vapor

/// 反馈 and 催办: a responsible unit reports its progress on the item's cycle; the 督查室 accepts a report or returns it
/// with a reason (the report is owed again); the 督查室 and the 责任领导 chase by hand. Files go with the item or a report.
extension SupervisionService {
    /// A file as it came in.
    struct Upload: Sendable {
        var name: String
        var data: Data
    }

    /// 反馈: a handler of one of the item's parts (`assignmentID` when the person handles several) reports.
    static func report(_ id: UUID, assignmentID: UUID?, text: String?, progress: Int?, files: [Upload] = [], access: Access, actor: Actor,
                       app: Application, now: Date = Date()) async throws -> SupervisionReport {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        let parts = try await SupervisionLookup.handled(of: item, access: access, on: app.db)
        guard let part = assignmentID.map({ wanted in parts.first { $0.id == wanted } }) ?? parts.first else {
            throw AppError.forbidden(Strings.Supervision.notResponsible)
        }
        let s = Strings.Supervision.self
        var errors: [String: String] = [:]
        let text = (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > 5000 { errors["text"] = s.reportTextRequired }
        if progress.map({ !(0...100).contains($0) }) ?? true { errors["progress"] = s.progressInvalid }
        let checkedFiles = try files.map(checkFile)
        guard errors.isEmpty, let progress else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let calendar = try await WorkingDays.calendar(on: app.db)
        let days = SupervisionDays(now: now, calendar: calendar)
        return try await app.write { db in
            guard let current = try await SupervisionItem.find(id, on: db), let part = try await SupervisionAssignment.find(part.requireID(), on: db)
            else { throw AppError.notFound() }
            guard current.stateValue == .open else { throw AppError.conflict(s.notOpen) }
            let report = SupervisionReport()
            report.id = UUID()
            report.itemID = id
            report.assignmentID = try part.requireID()
            report.authorID = access.userID
            report.text = text
            report.progress = progress
            report.dueFor = part.nextReportDue
            report.onTime = part.nextReportDue.map { days.today <= $0 } ?? true
            report.state = SupervisionReport.State.submitted.rawValue
            report.createdAt = now
            try await report.create(on: db)
            if let due = part.nextReportDue {
                part.nextReportDue = days.nextReport(after: max(due, days.today), cycle: current.cycleValue, customDays: current.cycleDays,
                                                     deadline: current.deadline)
                if current.cycleValue == .once { part.nextReportDue = nil }
                try await part.update(on: db)
            }
            for file in checkedFiles { try await store(file, item: id, report: report.id, access: access, now: now, on: db) }
            try await SupervisionProgress.refresh(current, on: db)
            current.updatedAt = now
            try await current.update(on: db)
            try await SupervisionPeople.notify(try await SupervisionPeople.office(of: current, on: db), item: current,
                                               title: s.reportedTitle(unit: access.tree.nameOf[part.unitID] ?? "", item: current.title),
                                               key: "supervision-report:\(try report.requireID())", at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "supervision.report", targetType: "supervision_item", targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["progress": String(progress), "onTime": report.onTime ? "true" : "false",
                                                         "files": String(checkedFiles.count)]), by: actor.audit, on: db)
            return report
        }
    }

    /// 审核反馈: the 督查室 accepts a submitted report (the unit's progress becomes its percentage) or returns it with a
    /// reason (the unit owes it again, from the day it answered).
    static func decideReport(_ id: UUID, report reportID: UUID, accept: Bool, reason: String?, access: Access, actor: Actor, app: Application,
                             now: Date = Date()) async throws -> SupervisionReport {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        guard access.isSupervisionOffice(of: item) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        let reason = FieldRules.trimmed(reason)
        if !accept, reason.isEmpty || reason.count > 500 {
            throw AppError.validation(Strings.Supervision.reasonRequired, fields: ["reason": Strings.Supervision.reasonRequired])
        }
        return try await app.write { db in
            guard let report = try await SupervisionReport.find(reportID, on: db), report.itemID == id,
                  let current = try await SupervisionItem.find(id, on: db), let part = try await SupervisionAssignment.find(report.assignmentID, on: db)
            else { throw AppError.notFound() }
            guard report.stateValue == .submitted else { throw AppError.conflict(Strings.Supervision.reportDecided) }
            report.state = (accept ? SupervisionReport.State.accepted : .returned).rawValue
            report.reason = accept ? nil : reason
            report.decidedBy = access.userID
            report.decidedAt = now
            try await report.update(on: db)
            if accept {
                part.progress = report.progress
                try await part.update(on: db)
                try await SupervisionProgress.rollUp(from: current, on: db)
            } else if current.stateValue == .open, let due = report.dueFor, part.nextReportDue.map({ due < $0 }) ?? true {
                part.nextReportDue = due
                try await part.update(on: db)
                try await SupervisionProgress.refresh(current, on: db)
                current.updatedAt = now
                try await current.update(on: db)
            }
            if !accept {
                try await SupervisionPeople.notify([report.authorID] + (try await SupervisionPeople.handlers(of: part, on: db)), item: current,
                                                   title: Strings.Supervision.reportReturnedTitle(current.title), body: reason,
                                                   key: "supervision-report-returned:\(reportID)", at: now, on: db)
            }
            try await AuditLog.record(AuditEvent(action: accept ? "supervision.report.accept" : "supervision.report.return", targetType: "supervision_item",
                                                 targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["report": reportID.uuidString, "reason": reason]), by: actor.audit, on: db)
            return report
        }
    }

    /// 催办 by hand: the 督查室 or the 责任领导 chases one responsible unit, or all of them, with a message.
    @discardableResult
    static func remind(_ id: UUID, assignmentID: UUID?, message: String?, access: Access, actor: Actor, app: Application,
                       now: Date = Date()) async throws -> Int {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        guard access.isSupervisionOffice(of: item) || item.leaderID == access.userID else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        guard item.stateValue == .open else { throw AppError.conflict(Strings.Supervision.notOpen) }
        let message = FieldRules.trimmed(message)
        guard message.count <= 500 else { throw AppError.validation(Strings.Supervision.messageTooLong, fields: ["message": Strings.Supervision.messageTooLong]) }
        let all = try await SupervisionAssignment.query(on: app.db).filter(\.$itemID == id).all()
        let parts = assignmentID.map { wanted in all.filter { $0.id == wanted } } ?? all
        if assignmentID != nil {
            guard !parts.isEmpty else { throw AppError.validation(Strings.Supervision.unitUnknown, fields: ["assignment": Strings.Supervision.unitUnknown]) }
        }
        let text = message.isEmpty ? Strings.Supervision.defaultReminder : message
        return try await app.write { db in
            for part in parts {
                let reminder = SupervisionReminder()
                reminder.itemID = id
                reminder.assignmentID = part.id
                reminder.sentBy = access.userID
                reminder.message = text
                reminder.createdAt = now
                try await reminder.create(on: db)
                try await SupervisionPeople.notify(try await SupervisionPeople.handlers(of: part, on: db), item: item,
                                                   title: Strings.Supervision.remindedTitle(item.title), body: text,
                                                   key: "supervision-remind:\(try reminder.requireID())", at: now, on: db)
            }
            try await AuditLog.record(AuditEvent(action: "supervision.remind", targetType: "supervision_item", targetID: id.uuidString, targetLabel: item.title,
                                                 after: ["units": String(parts.count), "message": text]), by: actor.audit, on: db)
            return parts.count
        }
    }

    /// A file added to the item (its 督查室, while open) or to a report (its author, while the report waits).
    static func addFile(_ id: UUID, report reportID: UUID?, upload: Upload, access: Access, actor: Actor, app: Application,
                        now: Date = Date()) async throws -> SupervisionFile {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        if let reportID {
            guard let report = try await SupervisionReport.find(reportID, on: app.db), report.itemID == id else { throw AppError.notFound() }
            guard report.authorID == access.userID, report.stateValue == .submitted else { throw AppError.forbidden(Strings.Supervision.notFileOwner) }
        } else {
            guard access.isSupervisionOffice(of: item) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        }
        guard !item.stateValue.isClosed else { throw AppError.conflict(Strings.Supervision.notOpen) }
        let file = try checkFile(upload)
        return try await app.write { db in
            let stored = try await store(file, item: id, report: reportID, access: access, now: now, on: db)
            try await AuditLog.record(AuditEvent(action: "supervision.file.add", targetType: "supervision_item", targetID: id.uuidString, targetLabel: stored.name,
                                                 after: ["sha256": stored.sha256, "size": String(stored.size)]), by: actor.audit, on: db)
            return stored
        }
    }

    struct CheckedFile: Sendable {
        var name: String
        var type: String
        var data: Data
    }

    static func checkFile(_ upload: Upload) throws -> CheckedFile {
        let (name, type) = try UploadedFiles.accepted(name: upload.name, data: upload.data, refused: Strings.Supervision.fileRefused)
        return CheckedFile(name: name, type: type, data: upload.data)
    }

    @discardableResult
    static func store(_ file: CheckedFile, item: UUID, report: UUID?, access: Access, now: Date, on db: any Database) async throws -> SupervisionFile {
        let stored = SupervisionFile()
        stored.itemID = item
        stored.reportID = report
        stored.name = file.name
        stored.contentType = file.type
        stored.size = file.data.count
        stored.sha256 = SHA256Hex.of(file.data)
        stored.data = file.data
        stored.uploadedBy = access.userID
        stored.createdAt = now
        try await stored.create(on: db)
        return stored
    }
}
