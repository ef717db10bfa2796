import Fluent
import Foundation
import Gongwen
import Vapor

/// 延期申请, 办结申请 → 审核 → 办结, and 评价: the lead unit asks, the 督查室 (for 延期 also the 责任领导) decides.
extension SupervisionService {
    /// 延期申请: a handler of a 主办 part asks for a later deadline, with a reason; one request waits at a time.
    static func requestExtension(_ id: UUID, deadline: String?, reason: String?, access: Access, actor: Actor, app: Application,
                                 now: Date = Date()) async throws -> SupervisionExtension {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        guard try await SupervisionLookup.handledLead(of: item, access: access, on: app.db) != nil else { throw AppError.forbidden(Strings.Supervision.notLead) }
        let s = Strings.Supervision.self
        var errors: [String: String] = [:]
        let day = FieldRules.trimmed(deadline)
        if DocumentDate(iso: day) == nil { errors["deadline"] = s.deadlineInvalid } else if day <= item.deadline { errors["deadline"] = s.extensionNotLater(item.deadline) }
        if let parentID = item.parentID, let parent = try await SupervisionItem.find(parentID, on: app.db), day > parent.deadline {
            errors["deadline"] = s.childDeadlineLate(parent.deadline)
        }
        let reason = FieldRules.trimmed(reason)
        if reason.isEmpty || reason.count > 500 { errors["reason"] = s.reasonRequired }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return try await app.write { db in
            guard let current = try await SupervisionItem.find(id, on: db) else { throw AppError.notFound() }
            guard current.stateValue == .open else { throw AppError.conflict(s.notOpen) }
            guard try await SupervisionExtension.query(on: db).filter(\.$itemID == id).filter(\.$state == SupervisionExtension.State.pending.rawValue).first() == nil
            else { throw AppError.conflict(s.extensionPending) }
            let request = SupervisionExtension()
            request.id = UUID()
            request.itemID = id
            request.requestedBy = access.userID
            request.previousDeadline = current.deadline
            request.requestedDeadline = day
            request.reason = reason
            request.state = SupervisionExtension.State.pending.rawValue
            request.createdAt = now
            try await request.create(on: db)
            let deciders = try await SupervisionPeople.office(of: current, on: db) + (current.leaderID.map { [$0] } ?? [])
            try await SupervisionPeople.notify(deciders, item: current, title: s.extensionAskedTitle(current.title), body: reason,
                                               key: "supervision-extension:\(try request.requireID())", at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "supervision.extension.request", targetType: "supervision_item", targetID: id.uuidString,
                                                 targetLabel: current.title, after: ["deadline": day, "reason": reason]), by: actor.audit, on: db)
            return request
        }
    }

    /// Deciding a 延期申请: the 督查室 or the 责任领导. Granted, the deadline moves and report days that were due by the old
    /// deadline carry on to the new one.
    static func decideExtension(_ id: UUID, request requestID: UUID, grant: Bool, reason: String?, access: Access, actor: Actor,
                                app: Application, now: Date = Date()) async throws -> SupervisionExtension {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        guard access.isSupervisionOffice(of: item) || item.leaderID == access.userID else { throw AppError.forbidden(Strings.Supervision.notDecider) }
        let reason = FieldRules.trimmed(reason)
        if !grant, reason.isEmpty || reason.count > 500 {
            throw AppError.validation(Strings.Supervision.reasonRequired, fields: ["reason": Strings.Supervision.reasonRequired])
        }
        let calendar = try await WorkingDays.calendar(on: app.db)
        let days = SupervisionDays(now: now, calendar: calendar)
        return try await app.write { db in
            guard let request = try await SupervisionExtension.find(requestID, on: db), request.itemID == id,
                  let current = try await SupervisionItem.find(id, on: db) else { throw AppError.notFound() }
            guard request.stateValue == .pending else { throw AppError.conflict(Strings.Supervision.extensionDecided) }
            request.state = (grant ? SupervisionExtension.State.granted : .refused).rawValue
            request.decidedBy = access.userID
            request.decisionReason = reason.isEmpty ? nil : reason
            request.decidedAt = now
            try await request.update(on: db)
            if grant && current.stateValue == .open {
                let old = current.deadline
                current.deadline = request.requestedDeadline
                for part in try await SupervisionAssignment.query(on: db).filter(\.$itemID == id).all() where part.nextReportDue == nil || part.nextReportDue == old {
                    part.nextReportDue = part.nextReportDue == nil
                        ? days.nextReport(after: max(old, days.today), cycle: current.cycleValue, customDays: current.cycleDays, deadline: current.deadline)
                        : (current.cycleValue == .once ? current.deadline
                           : days.nextReport(after: days.today, cycle: current.cycleValue, customDays: current.cycleDays, deadline: current.deadline))
                    try await part.update(on: db)
                }
                current.version += 1
                current.updatedAt = now
                try await SupervisionProgress.refresh(current, on: db)
                try await current.update(on: db)
            }
            try await SupervisionPeople.notify([request.requestedBy], item: current,
                                               title: Strings.Supervision.extensionDecidedTitle(current.title, granted: grant), body: reason.isEmpty ? nil : reason,
                                               key: "supervision-extension-decided:\(requestID)", at: now, on: db)
            try await AuditLog.record(AuditEvent(action: grant ? "supervision.extension.grant" : "supervision.extension.refuse", targetType: "supervision_item",
                                                 targetID: id.uuidString, targetLabel: current.title,
                                                 before: ["deadline": request.previousDeadline], after: ["deadline": current.deadline, "reason": reason]),
                                      by: actor.audit, on: db)
            return request
        }
    }

    /// 办结申请: a handler of a 主办 part says it is done, with a summary; every 子事项 must be closed first.
    static func requestCompletion(_ id: UUID, summary: String?, access: Access, actor: Actor, app: Application,
                                  now: Date = Date()) async throws -> SupervisionItem {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        guard try await SupervisionLookup.handledLead(of: item, access: access, on: app.db) != nil else { throw AppError.forbidden(Strings.Supervision.notLead) }
        let summary = (summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty, summary.count <= 5000 else {
            throw AppError.validation(Strings.Supervision.summaryRequired, fields: ["summary": Strings.Supervision.summaryRequired])
        }
        return try await app.write { db in
            guard let current = try await SupervisionItem.find(id, on: db) else { throw AppError.notFound() }
            guard current.stateValue == .open else { throw AppError.conflict(Strings.Supervision.notOpen) }
            let children = try await SupervisionItem.query(on: db).filter(\.$parentID == id).all()
            guard children.allSatisfy(\.stateValue.isClosed) else { throw AppError.conflict(Strings.Supervision.childrenOpen) }
            current.state = SupervisionItem.State.completionRequested.rawValue
            current.completionSummary = summary
            current.completionReturned = nil
            current.version += 1
            current.updatedAt = now
            try await SupervisionProgress.refresh(current, on: db)
            try await current.update(on: db)
            try await SupervisionPeople.notify(try await SupervisionPeople.office(of: current, on: db), item: current,
                                               title: Strings.Supervision.completionAskedTitle(current.title), body: summary,
                                               key: "supervision-completion:\(id):\(current.version)", at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "supervision.complete.request", targetType: "supervision_item", targetID: id.uuidString,
                                                 targetLabel: current.title, after: ["summary": String(summary.prefix(200))]), by: actor.audit, on: db)
            return current
        }
    }

    /// 审核办结: the 督查室 closes the item as 办结 (on time or not, against its deadline), or sends it back with a reason.
    static func decideCompletion(_ id: UUID, approve: Bool, reason: String?, access: Access, actor: Actor, app: Application,
                                 now: Date = Date()) async throws -> SupervisionItem {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        guard access.isSupervisionOffice(of: item) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        let reason = FieldRules.trimmed(reason)
        if !approve, reason.isEmpty || reason.count > 500 {
            throw AppError.validation(Strings.Supervision.reasonRequired, fields: ["reason": Strings.Supervision.reasonRequired])
        }
        let today = DocumentDate(now).iso
        return try await app.write { db in
            guard let current = try await SupervisionItem.find(id, on: db) else { throw AppError.notFound() }
            guard current.stateValue == .completionRequested else { throw AppError.conflict(Strings.Supervision.noCompletionRequest) }
            if approve {
                current.state = SupervisionItem.State.completed.rawValue
                current.closedAt = now
                current.onTime = today <= current.deadline
                for part in try await SupervisionAssignment.query(on: db).filter(\.$itemID == id).all() {
                    part.nextReportDue = nil
                    part.progress = 100
                    try await part.update(on: db)
                }
            } else {
                current.state = SupervisionItem.State.open.rawValue
                current.completionReturned = reason
            }
            current.version += 1
            current.updatedAt = now
            try await SupervisionProgress.refresh(current, on: db)
            try await current.update(on: db)
            if approve { try await SupervisionProgress.rollUp(from: current, on: db) }
            for part in try await SupervisionAssignment.query(on: db).filter(\.$itemID == id).filter(\.$role == SupervisionAssignment.Role.lead.rawValue).all() {
                try await SupervisionPeople.notify(try await SupervisionPeople.handlers(of: part, on: db), item: current,
                                                   title: Strings.Supervision.completionDecidedTitle(current.title, approved: approve),
                                                   body: reason.isEmpty ? nil : reason, key: "supervision-completion-decided:\(id):\(current.version)",
                                                   at: now, on: db)
            }
            try await AuditLog.record(AuditEvent(action: approve ? "supervision.complete" : "supervision.complete.return", targetType: "supervision_item",
                                                 targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["reason": reason, "onTime": current.onTime.map { $0 ? "true" : "false" } ?? ""]),
                                      by: actor.audit, on: db)
            return current
        }
    }

    /// One unit's 评价.
    struct Evaluation: Sendable {
        var assignmentID: UUID
        var score: Int?
        var remark: String?
    }

    /// 评价: the 督查室 scores each responsible unit (0–100) with a remark, once the item is 办结; it may revise them.
    static func evaluate(_ id: UUID, _ evaluations: [Evaluation], access: Access, actor: Actor, app: Application,
                         now: Date = Date()) async throws -> [SupervisionAssignment] {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        guard access.isSupervisionOffice(of: item) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        guard item.stateValue == .completed else { throw AppError.conflict(Strings.Supervision.notCompleted) }
        let parts = try await SupervisionAssignment.query(on: app.db).filter(\.$itemID == id).all()
        var errors: [String: String] = [:]
        for evaluation in evaluations {
            let key = "score-\(evaluation.assignmentID.uuidString)"
            if !parts.contains(where: { $0.id == evaluation.assignmentID }) { errors[key] = Strings.Supervision.unitUnknown }
            if evaluation.score.map({ !(0...100).contains($0) }) ?? true { errors[key] = Strings.Supervision.scoreInvalid }
            if (evaluation.remark ?? "").count > 500 { errors[key] = Strings.Supervision.remarkTooLong }
        }
        guard !evaluations.isEmpty, errors.isEmpty else {
            throw AppError.validation(evaluations.isEmpty ? Strings.Supervision.scoreInvalid : Strings.Error.formInvalid, fields: errors)
        }
        return try await app.write { db in
            var changed: [SupervisionAssignment] = []
            for evaluation in evaluations {
                guard let part = try await SupervisionAssignment.find(evaluation.assignmentID, on: db) else { continue }
                part.score = evaluation.score
                let remark = FieldRules.trimmed(evaluation.remark)
                part.remark = remark.isEmpty ? nil : remark
                part.evaluatedAt = now
                try await part.update(on: db)
                changed.append(part)
            }
            try await AuditLog.record(AuditEvent(action: "supervision.evaluate", targetType: "supervision_item", targetID: id.uuidString, targetLabel: item.title,
                                                 after: Dictionary(changed.map {
                                                     (access.tree.nameOf[$0.unitID] ?? $0.unitID.uuidString, String($0.score ?? 0))
                                                 }, uniquingKeysWith: { first, _ in first })), by: actor.audit, on: db)
            return changed
        }
    }
}
