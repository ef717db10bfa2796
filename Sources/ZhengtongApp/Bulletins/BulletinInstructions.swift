import Fluent
import Foundation
import Gongwen
import Vapor

/// 领导批示 on a bulletin item, and turning one into a 督办事项.
enum BulletinInstructions {
    typealias Actor = WorkflowService.Actor

    /// 批示: a reader who leads a unit writes on an item — text, handwriting, or both. It goes back to the editors who
    /// composed and sent the issue and to the 信息员 of the report the item came from (and 信息报送 credits that report).
    static func instruct(on itemID: UUID, text: String?, strokes: String?, access: Access, actor: Actor, app: Application,
                         now: Date = Date()) async throws -> BulletinInstruction {
        let s = Strings.Bulletins.self
        let (item, issue) = try await BulletinLookup.item(itemID, access: access, on: app.db)
        guard try await access.mayInstruct(on: issue, on: app.db) else { throw AppError.forbidden(s.notLeaderReader) }
        let text = (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > 1000 { throw AppError.validation(s.instructionTooLong, fields: ["text": s.instructionTooLong]) }
        let drawing = try BulletinStrokes.parse(strokes)
        guard !text.isEmpty || drawing != nil else { throw AppError.validation(s.instructionEmpty, fields: ["text": s.instructionEmpty]) }
        let bulletin = try await Bulletin.find(issue.bulletinID, on: app.db)
        let label = Strings.Bulletins.issueLabel(name: bulletin?.name ?? "", year: issue.year ?? 0, number: issue.number ?? 0)
        let leaderName = try await User.find(access.userID, on: app.db)?.name ?? ""
        return try await app.write { db in
            let instruction = BulletinInstruction()
            instruction.id = UUID()
            instruction.itemID = itemID
            instruction.issueID = try issue.requireID()
            instruction.leaderID = access.userID
            instruction.text = text
            instruction.strokes = drawing?.json
            instruction.createdAt = now
            try await instruction.create(on: db)
            let id = try instruction.requireID()
            let editors = [issue.createdBy, issue.submittedBy].compactMap { $0 }
            try await Notifier.send(NotificationDraft(kind: .bulletinInstruction, title: s.instructionTitle(leader: leaderName, item: item.title),
                                                      body: text.isEmpty ? s.handwritingOnly : text, link: SiteURL.bulletinIssue.link(issue.requireID()) + "#item-\(itemID.uuidString)",
                                                      key: "bulletin-instruction:\(id.uuidString)"),
                                    to: editors, at: now, on: db)
            if let reporter = item.reporterID {
                try await Notifier.send(NotificationDraft(kind: .bulletinInstruction, title: s.instructionReporterTitle(leader: leaderName, item: item.title, issue: label),
                                                          body: text.isEmpty ? s.handwritingOnly : text, link: nil,
                                                          key: "bulletin-instruction-reporter:\(id.uuidString)"),
                                        to: [reporter], at: now, on: db)
            }
            if let reportID = item.reportID {
                try await ReportCatalog.recordInstruction(reportID: reportID, leaderID: access.userID, at: now, on: db)
            }
            try await AuditLog.record(AuditEvent(action: "bulletin.instruction.create", targetType: "bulletin_item", targetID: itemID.uuidString,
                                                 targetLabel: item.title, after: ["handwriting": String(drawing != nil), "length": String(text.count)]),
                                      by: actor.audit, on: db)
            return instruction
        }
    }

    /// 转督办: the editor turns a 批示 into a 督办事项 of their 督查室 in one action — category 领导批示, the leader as 责任领导,
    /// the 批示 as the requirement, the reporting unit as 主办 unless others are named. Needs the 督查室's permission too
    /// (督查督办 decides who opens items); a 批示 becomes one item at most.
    static func toSupervision(_ instructionID: UUID, deadline: String?, leadUnitIDs: [UUID], access: Access, actor: Actor, app: Application,
                              now: Date = Date()) async throws -> SupervisionItem {
        let s = Strings.Bulletins.self
        guard let instruction = try await BulletinInstruction.find(instructionID, on: app.db) else { throw AppError.notFound() }
        let (item, issue) = try await BulletinLookup.item(instruction.itemID, access: access, on: app.db)
        guard access.editsBulletins(of: issue.unitID) else { throw AppError.notFound() }
        guard access.has(.supervisionManage) else { throw AppError.forbidden(s.notSupervisor) }
        guard instruction.supervisionItemID == nil else { throw AppError.conflict(s.alreadySupervised) }
        let bulletin = try await Bulletin.find(issue.bulletinID, on: app.db)
        let leader = try await User.find(instruction.leaderID, on: app.db)
        var leads = leadUnitIDs
        if leads.isEmpty, let unit = item.sourceUnitID { leads = [unit] }
        let requirement = instruction.text.isEmpty ? s.handwritingOnly : instruction.text
        let input = SupervisionService.Input(
            title: item.title, source: .manual,
            sourceText: s.supervisionSource(issue: Strings.Bulletins.issueLabel(name: bulletin?.name ?? "", year: issue.year ?? 0, number: issue.number ?? 0),
                                            leader: leader?.name ?? ""),
            category: SupervisionItem.Category.leaderInstruction.rawValue, leaderID: instruction.leaderID, leadUnitIDs: leads,
            requirements: s.supervisionRequirement(leader: leader?.name ?? "", text: requirement),
            deadline: FieldRules.trimmed(deadline).isEmpty ? BeijingTime.day(BeijingTime.adding(days: 15, to: now)) : deadline,
            cycle: SupervisionItem.Cycle.once.rawValue)
        let checked = try await SupervisionService.check(input, access: access, policy: app.documentPolicy, now: now, on: app.db)
        let calendar = try await WorkingDays.calendar(on: app.db)
        return try await app.write { db in
            // Only the first of two clicks makes an item.
            guard let fresh = try await BulletinInstruction.find(instructionID, on: db), fresh.supervisionItemID == nil else {
                throw AppError.conflict(s.alreadySupervised)
            }
            let opened = try await SupervisionService.create(checked, parentID: nil, owner: access.unitID, departments: [:], access: access, actor: actor,
                                                             days: SupervisionDays(now: now, calendar: calendar), now: now, on: db)
            fresh.supervisionItemID = try opened.requireID()
            try await fresh.update(on: db)
            try await AuditLog.record(AuditEvent(action: "bulletin.instruction.supervise", targetType: "bulletin_instruction", targetID: instructionID.uuidString,
                                                 targetLabel: item.title, after: ["supervision": try opened.requireID().uuidString]), by: actor.audit, on: db)
            return opened
        }
    }
}
