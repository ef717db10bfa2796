import Fluent
import Foundation
import Gongwen
import SQLKit
import Vapor

/// 领导日程's business actions — enter, change and withdraw an activity, publish a week — each one transaction with its
/// audit record, used alike by the pages, the API and the demo; and the two calls 会议 makes inside its own transaction
/// when a leader accepts or leaves a meeting.
enum LeaderActivities {
    /// What an editor types.
    struct Input: Sendable {
        var leaderID: UUID?
        var day: String?
        var endDay: String?
        var period: String?
        var startTime: String?
        var endTime: String?
        var kind: String?
        var content: String?
        var place: String?
        var companions: String?
        var notes: String?
    }

    /// The input checked, with the instants it covers.
    struct Checked: Sendable {
        var leaderID: UUID
        var unitID: UUID
        var day: DocumentDate
        var endDay: DocumentDate
        var period: LeaderActivity.Period
        var start: Date
        var end: Date
        var kind: LeaderActivity.Kind
        var content: String
        var place: String?
        var companions: String?
        var notes: String?
    }

    /// Another activity of the same leader at the same time.
    struct Clash: Sendable, Encodable {
        var id: UUID
        var when: String
        var content: String
        var place: String?
    }

    /// The refusal when the leader is elsewhere then and the editor did not confirm (the form shows the clashes).
    static let conflictCode = "schedule_conflict"

    static func check(_ input: Input, access: Access, on db: any Database) async throws -> Checked {
        let s = Strings.Schedule.self
        var errors: [String: String] = [:]
        var leader: (id: UUID, unit: UUID)?
        if let id = input.leaderID, let user = try await User.find(id, on: db), !user.isDisabled, access.managesSchedule(of: user.$unit.id),
           try await Leadership.leaders(of: [user.$unit.id], on: db).contains(where: { $0.id == id }) {
            leader = (id, user.$unit.id)
        } else {
            errors["leader"] = s.leaderInvalid
        }
        let day = DocumentDate(iso: FieldRules.trimmed(input.day))
        if day == nil { errors["day"] = s.dayInvalid }
        let endText = FieldRules.trimmed(input.endDay)
        var endDay = endText.isEmpty ? day : DocumentDate(iso: endText)
        if endDay == nil { errors["endDay"] = s.dayInvalid }
        if let day, let last = endDay {
            if last < day { errors["endDay"] = s.endDayBefore } else if ScheduleClock.adding(31, to: day) < last { errors["endDay"] = s.tooLong }
        }
        let period = LeaderActivity.Period(rawValue: input.period ?? "")
        if period == nil { errors["period"] = s.periodInvalid }
        var minutes: (start: Int, end: Int)?
        if let period, let hours = ScheduleClock.hours(of: period) {
            minutes = hours
        } else if period == .timed {
            let start = ScheduleClock.minutes(input.startTime), end = ScheduleClock.minutes(input.endTime)
            if start == nil { errors["startTime"] = s.timeInvalid }
            if end == nil { errors["endTime"] = s.timeInvalid }
            if let start, let end {
                if day == endDay && end <= start { errors["endTime"] = s.endBeforeStart } else { minutes = (start, end) }
            }
        }
        if period != .timed, endDay != nil, endDay != day, period != .allDay { endDay = day }
        let kind = LeaderActivity.Kind(rawValue: input.kind ?? "")
        if kind == nil { errors["kind"] = s.kindInvalid }
        let content = FieldRules.trimmed(input.content)
        if content.isEmpty { errors["content"] = s.contentRequired } else if content.count > 500 { errors["content"] = s.contentTooLong }
        func optional(_ value: String?, _ field: String, limit: Int) -> String? {
            let text = FieldRules.trimmed(value)
            if text.count > limit { errors[field] = s.tooLongField(limit) }
            return text.isEmpty ? nil : text
        }
        let place = optional(input.place, "place", limit: 200)
        let companions = optional(input.companions, "companions", limit: 200)
        let notes = optional(input.notes, "notes", limit: 500)
        guard errors.isEmpty, let leader, let day, let endDay, let period, let minutes, let kind else {
            throw AppError.validation(Strings.Error.formInvalid, fields: errors)
        }
        return Checked(leaderID: leader.id, unitID: leader.unit, day: day, endDay: endDay, period: period,
                       start: ScheduleClock.instant(day, minutes: minutes.start), end: ScheduleClock.instant(endDay, minutes: minutes.end),
                       kind: kind, content: content, place: place, companions: companions, notes: notes)
    }

    /// The leader's other active activities overlapping [`start`, `end`).
    static func clashes(leaderID: UUID, start: Date, end: Date, excluding: UUID? = nil, on db: any Database) async throws -> [Clash] {
        var query = LeaderActivity.query(on: db).filter(\.$leaderID == leaderID).filter(\.$state == LeaderActivity.State.active.rawValue)
            .filter(\.$startsAt < end).filter(\.$endsAt > start)
        if let excluding { query = query.filter(\.$id != excluding) }
        return try await query.sort(\.$startsAt).all().map { activity in
            Clash(id: try activity.requireID(), when: LeaderActivityView.when(activity), content: activity.content, place: activity.place)
        }
    }

    private static func refuseClashes(_ checked: Checked, excluding: UUID?, confirmed: Bool, on db: any Database) async throws {
        // Two editors saving the same leader at once: on PostgreSQL the leader's row is locked first, so the second
        // save's check sees the first one's activity (SQLite has one writer at a time already).
        let sql = try db.sqlDatabase()
        if try sql.dialectKind == .postgres {
            try await sql.raw("SELECT id FROM \(ident: User.schema) WHERE id = \(bind: checked.leaderID) FOR UPDATE").run()
        }
        guard !confirmed else { return }
        let found = try await clashes(leaderID: checked.leaderID, start: checked.start, end: checked.end, excluding: excluding, on: db)
        guard !found.isEmpty else { return }
        let text = found.map { Strings.Schedule.clashLine($0) }.joined(separator: "；")
        throw AppError(status: .conflict, code: conflictCode, message: Strings.Schedule.clashMessage(found.count), fields: ["conflicts": text])
    }

    private static func apply(_ checked: Checked, to activity: LeaderActivity) {
        activity.unitID = checked.unitID
        activity.leaderID = checked.leaderID
        activity.day = checked.day.iso
        activity.endDay = checked.endDay.iso
        activity.period = checked.period.rawValue
        activity.startsAt = checked.start
        activity.endsAt = checked.end
        activity.kind = checked.kind.rawValue
        activity.content = checked.content
        activity.place = checked.place
        activity.companions = checked.companions
        activity.notes = checked.notes
    }

    private static func snapshot(_ activity: LeaderActivity) -> [String: String] {
        ["leader": activity.leaderID.uuidString, "day": activity.day, "endDay": activity.endDay, "time": LeaderActivityView.when(activity),
         "kind": activity.kind, "content": activity.content, "place": activity.place ?? "", "state": activity.state]
    }

    /// 录入: a new activity; refused with ``conflictCode`` while the leader is elsewhere then, unless `confirmed`.
    static func create(_ input: Input, confirmed: Bool, access: Access, actor: AuditActor, app: Application, now: Date = Date()) async throws -> LeaderActivity {
        guard access.has(.scheduleManage) else { throw AppError.forbidden(Strings.Schedule.notEditor) }
        let checked = try await check(input, access: access, on: app.db)
        return try await app.write { db in
            try await refuseClashes(checked, excluding: nil, confirmed: confirmed, on: db)
            let activity = LeaderActivity()
            activity.id = UUID()
            apply(checked, to: activity)
            activity.source = LeaderActivity.Source.manual.rawValue
            activity.state = LeaderActivity.State.active.rawValue
            activity.version = 1
            activity.createdBy = access.userID
            activity.createdAt = now
            activity.updatedAt = now
            try await activity.create(on: db)
            try await AuditLog.record(AuditEvent(action: "schedule.activity.create", targetType: "leader_activity", targetID: activity.id?.uuidString,
                                                 targetLabel: activity.content, after: snapshot(activity)), by: actor, on: db, at: now)
            return activity
        }
    }

    /// 修改, guarded by `expectedVersion` (409 when someone saved meanwhile). Activities a meeting wrote change with the meeting.
    static func edit(_ id: UUID, _ input: Input, expectedVersion: Int, confirmed: Bool, access: Access, actor: AuditActor, app: Application,
                     now: Date = Date()) async throws -> LeaderActivity {
        let current = try await LeaderScheduleLookup.visible(id, access: access, on: app.db)
        guard access.managesSchedule(of: current.unitID) else { throw AppError.forbidden(Strings.Schedule.notEditor) }
        guard current.sourceValue == .manual else { throw AppError.forbidden(Strings.Schedule.fromMeeting) }
        let checked = try await check(input, access: access, on: app.db)
        return try await app.write { db in
            guard let activity = try await LeaderActivity.find(id, on: db) else { throw AppError.notFound() }
            guard activity.version == expectedVersion else { throw AppError.conflict(Strings.Schedule.editedMeanwhile) }
            guard !activity.isCancelled else { throw AppError.conflict(Strings.Schedule.alreadyCancelled) }
            try await refuseClashes(checked, excluding: id, confirmed: confirmed, on: db)
            let before = snapshot(activity)
            apply(checked, to: activity)
            activity.version += 1
            activity.updatedAt = now
            try await activity.update(on: db)
            try await AuditLog.record(AuditEvent(action: "schedule.activity.edit", targetType: "leader_activity", targetID: id.uuidString,
                                                 targetLabel: activity.content, before: before, after: snapshot(activity)), by: actor, on: db, at: now)
            return activity
        }
    }

    /// 撤销: the activity stays, cancelled, so subscribed calendars drop it.
    static func cancel(_ id: UUID, expectedVersion: Int?, access: Access, actor: AuditActor, app: Application, now: Date = Date()) async throws {
        let current = try await LeaderScheduleLookup.visible(id, access: access, on: app.db)
        guard access.managesSchedule(of: current.unitID) else { throw AppError.forbidden(Strings.Schedule.notEditor) }
        guard current.sourceValue == .manual else { throw AppError.forbidden(Strings.Schedule.fromMeeting) }
        try await app.write { db in
            guard let activity = try await LeaderActivity.find(id, on: db) else { throw AppError.notFound() }
            if let expectedVersion, activity.version != expectedVersion { throw AppError.conflict(Strings.Schedule.editedMeanwhile) }
            guard !activity.isCancelled else { return }
            activity.state = LeaderActivity.State.cancelled.rawValue
            activity.version += 1
            activity.updatedAt = now
            try await activity.update(on: db)
            try await AuditLog.record(AuditEvent(action: "schedule.activity.cancel", targetType: "leader_activity", targetID: id.uuidString,
                                                 targetLabel: activity.content, after: ["state": activity.state]), by: actor, on: db, at: now)
        }
    }

    /// 发布 the week of `unit` that starts on the Monday of `week`; publishing again changes nothing.
    @discardableResult
    static func publish(unit: UUID, week: String, access: Access, actor: AuditActor, app: Application, now: Date = Date()) async throws -> LeaderWeek {
        guard let day = DocumentDate(iso: week) else {
            throw AppError.validation(Strings.Schedule.dayInvalid, fields: ["week": Strings.Schedule.dayInvalid])
        }
        guard access.managesSchedule(of: unit) else { throw AppError.forbidden(Strings.Schedule.notEditor) }
        let monday = ScheduleClock.monday(of: day).iso
        return try await app.write { db in
            if let published = try await LeaderWeek.query(on: db).filter(\.$unitID == unit).filter(\.$week == monday).first() { return published }
            let published = LeaderWeek()
            published.unitID = unit
            published.week = monday
            published.publishedAt = now
            published.publishedBy = access.userID
            try await published.create(on: db)
            try await AuditLog.record(AuditEvent(action: "schedule.week.publish", targetType: "unit", targetID: unit.uuidString,
                                                 targetLabel: (access.tree.nameOf[unit] ?? "") + " " + monday, after: ["week": monday]),
                                      by: actor, on: db, at: now)
            return published
        }
    }

    // MARK: Called by 会议

    /// The leader accepted (or the meeting changed): one activity per (meeting, leader), created or brought up to date,
    /// active again if it had been withdrawn. Runs inside the caller's transaction `db`.
    static func recordFromMeeting(meetingID: UUID, leaderID: UUID, title: String, start: Date, end: Date, place: String?,
                                  on db: any Database) async throws {
        guard let leader = try await User.find(leaderID, on: db) else { throw AppError.notFound() }
        let existing = try await LeaderActivity.query(on: db).filter(\.$source == LeaderActivity.Source.meeting.rawValue)
            .filter(\.$sourceID == meetingID).filter(\.$leaderID == leaderID).first()
        let activity = existing ?? LeaderActivity()
        let day = DocumentDate(start), lastDay = DocumentDate(max(start, end.addingTimeInterval(-1)))
        let place = place.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        let title = String(title.trimmingCharacters(in: .whitespacesAndNewlines).prefix(500))
        if let existing, existing.content == title, existing.startsAt == start, existing.endsAt == max(end, start), existing.place == place,
           !existing.isCancelled {
            return
        }
        let before = existing.map(snapshot)
        let now = Date()
        if existing == nil {
            activity.id = UUID()
            activity.source = LeaderActivity.Source.meeting.rawValue
            activity.sourceID = meetingID
            activity.leaderID = leaderID
            activity.version = 0
            activity.createdAt = now
        }
        activity.unitID = leader.$unit.id
        activity.day = day.iso
        activity.endDay = lastDay.iso
        activity.period = LeaderActivity.Period.timed.rawValue
        activity.startsAt = start
        activity.endsAt = max(end, start)
        activity.kind = LeaderActivity.Kind.meeting.rawValue
        activity.content = title
        activity.place = place
        activity.state = LeaderActivity.State.active.rawValue
        activity.version += 1
        activity.updatedAt = now
        try await activity.save(on: db)
        try await AuditLog.record(AuditEvent(action: "schedule.activity.meeting", targetType: "leader_activity", targetID: activity.id?.uuidString,
                                             targetLabel: title, before: before ?? [:], after: snapshot(activity)),
                                  by: .system("meeting"), on: db, at: now)
    }

    /// The leader left the meeting (or it was cancelled: `leaderID` nil, every leader): their activities are marked
    /// cancelled, kept so the feed tells calendars. Runs inside the caller's transaction `db`.
    static func withdrawFromMeeting(meetingID: UUID, leaderID: UUID?, on db: any Database) async throws {
        var query = LeaderActivity.query(on: db).filter(\.$source == LeaderActivity.Source.meeting.rawValue).filter(\.$sourceID == meetingID)
            .filter(\.$state == LeaderActivity.State.active.rawValue)
        if let leaderID { query = query.filter(\.$leaderID == leaderID) }
        let now = Date()
        for activity in try await query.all() {
            activity.state = LeaderActivity.State.cancelled.rawValue
            activity.version += 1
            activity.updatedAt = now
            try await activity.update(on: db)
            try await AuditLog.record(AuditEvent(action: "schedule.activity.meeting_withdrawn", targetType: "leader_activity",
                                                 targetID: activity.id?.uuidString, targetLabel: activity.content, after: ["state": activity.state]),
                                      by: .system("meeting"), on: db, at: now)
        }
    }
}

/// Finding activities as the person may see them (404 for the rest, as if they did not exist).
enum LeaderScheduleLookup {
    static func visible(_ id: UUID, access: Access, on db: any Database) async throws -> LeaderActivity {
        guard let activity = try await LeaderActivity.find(id, on: db),
              access.canView(activity, published: try await isPublished(unit: activity.unitID, day: activity.day, on: db)) else {
            throw AppError.notFound()
        }
        return activity
    }

    /// Whether the week holding `day` is published for `unit`.
    static func isPublished(unit: UUID, day: String, on db: any Database) async throws -> Bool {
        guard let date = DocumentDate(iso: day) else { return false }
        return try await LeaderWeek.query(on: db).filter(\.$unitID == unit).filter(\.$week == ScheduleClock.monday(of: date).iso).first() != nil
    }

    /// The published weeks (Mondays) of `units` among `weeks`.
    static func published(units: Set<UUID>, weeks: Set<String>, on db: any Database) async throws -> Set<String> {
        guard !units.isEmpty, !weeks.isEmpty else { return [] }
        return Set(try await LeaderWeek.query(on: db).filter(\.$unitID ~~ Array(units)).filter(\.$week ~~ Array(weeks)).all()
            .map { $0.unitID.uuidString + "/" + $0.week })
    }
}

extension Request {
    /// The activity the route's `activityID` names, if the signed-in person may see it.
    func visibleLeaderActivity() async throws -> LeaderActivity {
        try await LeaderScheduleLookup.visible(try idParameter("activityID"), access: try await access(), on: db)
    }
}
