import Fluent
import Foundation
import Gongwen
import Vapor

extension DemoCity {
    /// 市政府办公室's duty office: 张伟 is its 值班管理员; 白班 and 夜班 (夜班 always with a 带班领导); this month's rota,
    /// published, with one person on leave; a 换班 agreed and waiting for approval; the last shift's calls recorded, one
    /// still open and handed over to the current shift, signed off by its 带班领导; an event on the current shift.
    static func seedDuty(app: Application, now: Date = Date()) async throws {
        func user(_ username: String) async throws -> User {
            guard let found = try await User.query(on: app.db).filter(\.$username == username).first() else { throw AppError.notFound() }
            return found
        }
        func person(_ username: String) async throws -> (Access, WorkflowService.Actor) {
            let found = try await user(username)
            let audit = AuditActor(userID: found.id, username: found.username, unitID: found.$unit.id, clientAddress: "demo")
            return (try await Access.load(for: found, on: app.db), WorkflowService.Actor(userID: found.id, audit: audit))
        }
        let zhang = try await user("zhangw")
        guard let role = try await Role.query(on: app.db).filter(\.$code == BuiltinRole.dutyManager.rawValue).first() else { return }
        try await app.write { db in try await RoleGrants.grant(role, to: zhang, scope: zhang.$unit.id, by: .system("demo"), on: db) }
        let (manager, managerActor) = try await person("zhangw")
        _ = try await DutyRotaService.addKind(.init(name: "白班", starts: "08:30", ends: "17:30", staffCount: 1, needsLeader: false),
                                              access: manager, actor: managerActor, app: app, now: now)
        _ = try await DutyRotaService.addKind(.init(name: "夜班", starts: "17:30", ends: "08:30", staffCount: 1, needsLeader: true),
                                              access: manager, actor: managerActor, app: app, now: now)
        let today = DocumentDate(now)
        let first = DocumentDate(year: today.year, month: today.month, day: 1) ?? today
        let last = DutyDays.days(from: first.iso, to: DocumentDate(now.addingTimeInterval(40 * 86_400)).iso).last { $0.hasPrefix(String(first.iso.prefix(8))) }
            ?? today.iso
        let rota = try await DutyRotaService.create(.init(title: "\(today.year)年\(today.month)月值班表", startDay: first.iso, endDay: last),
                                                    access: manager, actor: managerActor, app: app, now: now)
        let rotaID = try rota.requireID()
        var people: [UUID] = []
        for name in ["lina", "huangl", "zhaom", "sunl", "qianf", "maj", "liuy"] { people.append(try await user(name).requireID()) }
        let leaders = [try await user("wangjg").requireID(), try await user("zhouq").requireID(), try await user("zhangw").requireID()]
        let leaveFrom = DocumentDate(now.addingTimeInterval(3 * 86_400)).iso, leaveTo = DocumentDate(now.addingTimeInterval(5 * 86_400)).iso
        try await DutyRotaService.generate(rotaID, .init(people: people, leaders: leaders,
                                                         leaves: [.init(userID: people[4], fromDay: leaveFrom, toDay: leaveTo, reason: "年休假")], version: nil),
                                           access: manager, actor: managerActor, app: app, now: now)
        try await DutyRotaService.publish(rotaID, version: nil, access: manager, actor: managerActor, app: app, now: now)

        let shifts = try await DutyShift.query(on: app.db).filter(\.$rotaID == rotaID).sort(\.$startsAt).all()
        func holders(_ shift: DutyShift) async throws -> [DutyAssignment] {
            try await DutyAssignment.query(on: app.db).filter(\.$shiftID == shift.requireID()).filter(\.$removedAt == nil).all()
        }
        func username(_ id: UUID) async throws -> String { try await User.find(id, on: app.db)?.username ?? "" }

        // 换班: 黄磊 asks 李娜 to swap a shift next week for one of hers; she agreed, 张伟 has yet to approve.
        let huang = try await user("huangl").requireID(), li = try await user("lina").requireID()
        var mine: DutyShift?, hers: DutyShift?
        for shift in shifts where shift.startsAt > now.addingTimeInterval(2 * 86_400) {
            let held = try await holders(shift).filter { $0.roleValue == .staff }.map(\.userID)
            if mine == nil, held.contains(huang) { mine = shift } else if mine != nil, hers == nil, held.contains(li) { hers = shift }
        }
        if let mine, let hers {
            let (asker, askerActor) = try await person("huangl")
            let swap = try await DutySwapService.request(.init(shiftID: mine.id, targetID: li, targetShiftID: hers.id, reason: "孩子学校开家长会"),
                                                         access: asker, actor: askerActor, app: app, now: now)
            let (answerer, answererActor) = try await person("lina")
            _ = try await DutySwapService.answer(try swap.requireID(), agree: true, access: answerer, actor: answererActor, app: app, now: now)
        }

        // The last shift's log, handed over to the current one and signed off; an event on the current shift.
        guard let currentIndex = shifts.lastIndex(where: { $0.startsAt <= now }), currentIndex > 0 else { return }
        let previous = shifts[currentIndex - 1], current = shifts[currentIndex]
        guard let onPrevious = try await holders(previous).first(where: { $0.roleValue == .staff }) else { return }
        let (staff, staffActor) = try await person(try await username(onPrevious.userID))
        let early = previous.startsAt.addingTimeInterval(3600)
        _ = try await DutyLogService.add(try previous.requireID(), .init(
            kind: DutyLogEntry.Kind.call.rawValue, occurredAt: early, caller: "刘科长", callerUnit: "市应急管理局", phone: "0551-62881234",
            content: "通报：明日起将有寒潮过程，请各单位做好防寒防冻准备。", handling: "已报告带班领导，并通知秘书一科起草转发通知。", closed: true),
            access: staff, actor: staffActor, app: app, now: early.addingTimeInterval(300))
        let later = previous.startsAt.addingTimeInterval(3 * 3600)
        _ = try await DutyLogService.add(try previous.requireID(), .init(
            kind: DutyLogEntry.Kind.call.rawValue, occurredAt: later, caller: "王主任", callerUnit: "清河县人民政府办公室", phone: "0551-63125678",
            content: "清河县询问元旦期间值班表报送截止时间，请明日答复。", handling: nil),
            access: staff, actor: staffActor, app: app, now: later.addingTimeInterval(300))
        try await DutyLogService.handOver(try previous.requireID(), note: "寒潮通知已办结；清河县询问报送时间一事待答复，已移交下一班。",
                                          access: staff, actor: staffActor, app: app, now: previous.endsAt.addingTimeInterval(-600))
        if let leader = try await holders(previous).first(where: { $0.roleValue == .leader }) {
            let (lead, leadActor) = try await person(try await username(leader.userID))
            try await DutyLogService.signOff(try previous.requireID(), access: lead, actor: leadActor, app: app, now: previous.endsAt)
        }
        if let onCurrent = try await holders(current).first(where: { $0.roleValue == .staff }) {
            let (staff, staffActor) = try await person(try await username(onCurrent.userID))
            _ = try await DutyLogService.add(try current.requireID(), .init(
                kind: DutyLogEntry.Kind.event.rawValue, occurredAt: now.addingTimeInterval(-600), content: "巡查机关大院消防通道，未发现异常。",
                handling: "已记录。", closed: true), access: staff, actor: staffActor, app: app, now: now)
        }
    }
}
