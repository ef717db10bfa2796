import Fluent
import Foundation
import Vapor

extension DemoCity {
    /// 清河县's 预警: 邓华 (县政府办综合股) is its 预警发布员 over the county; yesterday's 暴雨红色预警 (重大) went to every 乡镇,
    /// was confirmed by most, sent again to the rest, and one person has still not confirmed; today's 森林防火 一般预警 to
    /// everyone under the county is open, three confirmed so far.
    static func seedAlerts(app: Application, now: Date = Date()) async throws {
        func person(_ username: String) async throws -> (User, Access, WorkflowService.Actor) {
            guard let found = try await User.query(on: app.db).filter(\.$username == username).first() else { throw AppError.notFound() }
            let audit = AuditActor(userID: found.id, username: found.username, unitID: found.$unit.id, clientAddress: "demo")
            return (found, try await Access.load(for: found, on: app.db), WorkflowService.Actor(userID: found.id, audit: audit))
        }
        guard let role = try await Role.query(on: app.db).filter(\.$code == BuiltinRole.alertSender.rawValue).first(),
              let county = try await Unit.query(on: app.db).filter(\.$code == "qh").first() else { return }
        let countyID = try county.requireID()
        let (deng, _, _) = try await person("dengh")
        try await app.write { db in try await RoleGrants.grant(role, to: deng, scope: countyID, by: .system("demo"), on: db) }
        let (_, sender, senderActor) = try await person("dengh")
        let townships = try await Unit.query(on: app.db).filter(\.$parent.$id == countyID).filter(\.$kind == .township).sort(\.$sortOrder).all()
        guard !townships.isEmpty else { return }

        // Yesterday afternoon, 16:00 Beijing time.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = DisplayFormat.timeZone
        let yesterday = calendar.date(byAdding: .day, value: -1, to: now) ?? now
        let sentAt = calendar.date(bySettingHour: 16, minute: 0, second: 0, of: yesterday) ?? yesterday
        let storm = try await AlertService.send(.init(
            title: "暴雨红色预警",
            body: "县气象台发布暴雨红色预警：预计今晚至明天白天我县普降大暴雨，局地特大暴雨，小时雨量可达80毫米。请各乡镇立即启动防汛Ⅰ级应急响应，"
                + "转移山洪、地质灾害隐患点和低洼地带群众，落实24小时值班和领导带班，险情及时报告县防汛办（电话0000-1234567）。",
            level: Alert.Level.major.rawValue, category: Alert.Category.weather.rawValue, unitTrees: try townships.map { try $0.requireID() }),
            access: sender, actor: senderActor, app: app, now: sentAt)
        let stormID = try storm.requireID()
        for (username, minutes) in [("tangx", 2.0), ("caoy", 5.0)] {
            let (_, access, actor) = try await person(username)
            try await AlertService.confirm(stormID, access: access, actor: actor, app: app, now: sentAt.addingTimeInterval(minutes * 60))
        }
        try await AlertService.resend(stormID, access: sender, actor: senderActor, app: app, now: sentAt.addingTimeInterval(30 * 60))
        let (_, song, songActor) = try await person("songt")
        try await AlertService.confirm(stormID, access: song, actor: songActor, app: app, now: sentAt.addingTimeInterval(33 * 60))

        // Today, two hours ago: a 一般预警 to everyone under the county.
        let fireAt = now.addingTimeInterval(-2 * 3600)
        let fire = try await AlertService.send(.init(
            title: "森林火险橙色预警",
            body: "近期持续晴燥，我县森林火险等级为四级（高度危险）。请各乡镇、各部门严格管控野外用火，加强巡山护林，扑火队伍24小时备勤。",
            level: Alert.Level.general.rawValue, category: Alert.Category.forestFire.rawValue, unitTrees: [countyID]),
            access: sender, actor: senderActor, app: app, now: fireAt)
        for (username, minutes) in [("hux", 4.0), ("guoyn", 7.0), ("tangx", 11.0)] {
            let (_, access, actor) = try await person(username)
            try await AlertService.confirm(try fire.requireID(), access: access, actor: actor, app: app, now: fireAt.addingTimeInterval(minutes * 60))
        }
    }
}
