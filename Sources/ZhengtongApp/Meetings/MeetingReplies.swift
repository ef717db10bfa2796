import Fluent
import Foundation
import Vapor

/// Attendee rows, written the one way.
enum MeetingAttendees {
    @discardableResult
    static func add(_ user: UUID, to meeting: UUID, zone: MeetingAttendee.Zone, via unit: UUID?, substituteFor: UUID?, now: Date,
                    on db: any Database) async throws -> MeetingAttendee {
        let row = MeetingAttendee()
        row.id = UUID()
        row.meetingID = meeting
        row.userID = user
        row.viaUnitID = unit
        row.substituteFor = substituteFor
        row.zone = zone.rawValue
        row.reply = MeetingAttendee.Reply.pending.rawValue
        row.createdAt = now
        try await row.create(on: db)
        return row
    }

    /// The person's own row at `meeting`, if they were called.
    static func mine(_ meeting: Meeting, access: Access, on db: any Database) async throws -> MeetingAttendee? {
        try await MeetingAttendee.query(on: db).filter(\.$meetingID == meeting.requireID()).filter(\.$userID == access.userID).first()
    }
}

/// 回执, 签收 and 报名 by invited units, and 催报.
extension MeetingService {
    /// What an attendee answers.
    struct ReplyInput: Sendable {
        var reply: MeetingAttendee.Reply?
        var reason: String?
        var substituteID: UUID?
    }

    /// 回执: 参加, 请假 (with a reason) or 委派 (a named substitute, who is then called in the attendee's place). A leader
    /// who attends finds the meeting in the 领导日程.
    static func reply(_ id: UUID, _ input: ReplyInput, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> MeetingAttendee {
        let meeting = try await MeetingLookup.visible(id, access: access, on: app.db)
        let s = Strings.Meetings.self
        guard meeting.stateValue == .notified else { throw AppError.conflict(meeting.stateValue == .cancelled ? s.cancelled : s.notNotified) }
        guard now < meeting.endsAt else { throw AppError.conflict(s.meetingOver) }
        guard let row = try await MeetingAttendees.mine(meeting, access: access, on: app.db) else { throw AppError.forbidden(s.notAttendee) }
        guard let reply = input.reply, reply != .pending else { throw AppError.validation(Strings.Error.formInvalid, fields: ["reply": s.replyRequired]) }
        let reason = FieldRules.trimmed(input.reason)
        if reason.count > 200 { throw AppError.validation(Strings.Error.formInvalid, fields: ["reason": s.reasonTooLong]) }
        if reply == .leave && reason.isEmpty { throw AppError.validation(Strings.Error.formInvalid, fields: ["reason": s.leaveReasonRequired]) }
        var chosenSubstitute: User?
        if reply == .delegate {
            guard row.substituteFor == nil else { throw AppError.validation(Strings.Error.formInvalid, fields: ["substitute": s.substituteCannotDelegate]) }
            guard let chosen = input.substituteID, chosen != access.userID, let user = try await User.find(chosen, on: app.db), !user.isDisabled else {
                throw AppError.validation(Strings.Error.formInvalid, fields: ["substitute": s.substituteRequired])
            }
            chosenSubstitute = user
        }
        let substitute = chosenSubstitute
        let leads = access.leadsUnit
        return try await app.write { db in
            guard let current = try await MeetingAttendee.find(row.id, on: db) else { throw AppError.notFound() }
            let rowID = try current.requireID()
            let previous = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).filter(\.$substituteFor == rowID).first()
            if let previous, previous.userID != substitute?.id { try await previous.delete(on: db) }
            if let substitute, previous?.userID != substitute.id {
                let taken = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).filter(\.$userID == substitute.requireID()).first()
                guard taken == nil else { throw AppError.validation(Strings.Error.formInvalid, fields: ["substitute": s.substituteAlreadyCalled]) }
                try await MeetingAttendees.add(try substitute.requireID(), to: id, zone: current.zoneValue, via: current.viaUnitID, substituteFor: rowID,
                                               now: now, on: db)
                try await tell(meeting, [try substitute.requireID()], title: s.delegatedTitle(meeting.title), key: "meeting-delegated:\(rowID):\(try substitute.requireID())",
                               now: now, on: db)
            }
            current.reply = reply.rawValue
            current.reason = reason.isEmpty ? nil : reason
            current.repliedAt = now
            try await current.update(on: db)
            if leads {
                if reply == .attend {
                    try await MeetingLeaders.record(meeting, leaderID: access.userID, on: db)
                } else {
                    try await MeetingLeaders.withdraw(meeting, leaderID: access.userID, on: db)
                }
            }
            var after = ["reply": reply.rawValue]
            if !reason.isEmpty { after["reason"] = reason }
            if let substitute { after["substitute"] = substitute.name }
            try await AuditLog.record(AuditEvent(action: "meeting.reply", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 after: after), by: actor.audit, on: db)
            return current
        }
    }

    /// 签收: the invited unit's clerk acknowledges the notice.
    static func receive(_ id: UUID, unit: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> MeetingUnit {
        let meeting = try await MeetingLookup.visible(id, access: access, on: app.db)
        guard meeting.stateValue == .notified else { throw AppError.conflict(Strings.Meetings.notNotified) }
        return try await app.write { db in
            guard let invitation = try await MeetingUnit.query(on: db).filter(\.$meetingID == id).filter(\.$unitID == unit).first() else {
                throw AppError.notFound()
            }
            guard access.signsFor(invitation) else { throw AppError.forbidden(Strings.Meetings.notUnitClerk) }
            guard invitation.stateValue == .sent else { throw AppError.conflict(Strings.Meetings.alreadyReceived) }
            invitation.state = MeetingUnit.State.received.rawValue
            invitation.receivedBy = access.userID
            invitation.receivedAt = now
            try await invitation.update(on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.unit.receive", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 after: ["unit": access.tree.nameOf[unit] ?? ""]), by: actor.audit, on: db)
            return invitation
        }
    }

    /// 报名: the invited unit's clerk names who attends (people of the unit; no more than its quota). Names kept keep
    /// their 回执; those dropped are no longer called.
    static func name(_ id: UUID, unit: UUID, people: [UUID], access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> MeetingUnit {
        let meeting = try await MeetingLookup.visible(id, access: access, on: app.db)
        let s = Strings.Meetings.self
        guard meeting.stateValue == .notified else { throw AppError.conflict(meeting.stateValue == .cancelled ? s.cancelled : s.notNotified) }
        guard now < meeting.endsAt else { throw AppError.conflict(s.meetingOver) }
        let chosen = people.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        guard !chosen.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: ["attendees": s.namesRequired]) }
        let members = try await User.query(on: app.db).filter(\.$id ~~ chosen).filter(\.$isDisabled == false).all()
        let unitMembers = try await ExchangeUnits.served(by: unit, on: app.db)
        let servedBy = Set(try await Unit.query(on: app.db).filter(\.$parent.$id == unit).filter(\.$kind == .office).all().compactMap(\.id))
        guard members.count == chosen.count, members.allSatisfy({ unitMembers.contains($0.$unit.id) || servedBy.contains($0.$unit.id) }) else {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["attendees": s.namesOutsideUnit])
        }
        return try await app.write { db in
            guard let invitation = try await MeetingUnit.query(on: db).filter(\.$meetingID == id).filter(\.$unitID == unit).first() else {
                throw AppError.notFound()
            }
            guard access.signsFor(invitation) else { throw AppError.forbidden(Strings.Meetings.notUnitClerk) }
            if invitation.quota > 0 && chosen.count > invitation.quota {
                throw AppError.validation(Strings.Error.formInvalid, fields: ["attendees": s.overQuota(invitation.quota)])
            }
            let existing = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).all()
            for old in existing where old.viaUnitID == unit && old.substituteFor == nil && !chosen.contains(old.userID) {
                try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).filter(\.$substituteFor == old.requireID()).delete()
                try await old.delete(on: db)
            }
            var added: [UUID] = []
            for person in chosen where !existing.contains(where: { $0.userID == person && $0.viaUnitID == unit }) {
                if existing.contains(where: { $0.userID == person }) {
                    throw AppError.validation(Strings.Error.formInvalid, fields: ["attendees": s.alreadyCalled])
                }
                try await MeetingAttendees.add(person, to: id, zone: .hall, via: unit, substituteFor: nil, now: now, on: db)
                added.append(person)
            }
            if invitation.stateValue == .sent {
                invitation.receivedBy = access.userID
                invitation.receivedAt = now
            }
            invitation.state = MeetingUnit.State.named.rawValue
            invitation.namedAt = now
            try await invitation.update(on: db)
            try await tell(meeting, added, title: s.calledTitle(meeting.title), key: "meeting-called:\(id)", now: now, on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.unit.name", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 after: ["unit": access.tree.nameOf[unit] ?? "", "names": members.map(\.name).joined(separator: "、")]),
                                      by: actor.audit, on: db)
            return invitation
        }
    }

    /// 催报: reminds attendees who have not answered and units that have not named anyone. Returns how many people were told.
    static func remind(_ id: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Int {
        _ = try await MeetingLookup.organized(id, access: access, on: app.db)
        return try await app.write { db in
            guard let meeting = try await Meeting.find(id, on: db) else { throw AppError.notFound() }
            guard meeting.stateValue == .notified else { throw AppError.conflict(Strings.Meetings.notNotified) }
            var people = try await MeetingAttendee.query(on: db).filter(\.$meetingID == id).filter(\.$reply == MeetingAttendee.Reply.pending.rawValue)
                .all().map(\.userID)
            for invitation in try await MeetingUnit.query(on: db).filter(\.$meetingID == id).all() where invitation.stateValue != .named {
                people += try await ExchangeUnits.clerks(of: invitation.unitID, on: db)
            }
            let unique = Array(Set(people))
            // One 催报 a minute at most: pressing twice does not send twice.
            try await tell(meeting, unique, title: Strings.Meetings.remindTitle(meeting.title), key: "meeting-remind:\(id):\(Int(now.timeIntervalSince1970) / 60)",
                           now: now, on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.remind", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 after: ["people": String(unique.count)]), by: actor.audit, on: db)
            return unique.count
        }
    }
}
