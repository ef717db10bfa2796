import Fluent
import Foundation
import Gongwen
import Vapor

extension DemoCity {
    /// 领导日程: 黄磊 (市政府办公室秘书一科) keeps the schedules of 市政府 and its office, 胡晓 those of 清河县; this week's and
    /// next week's activities of their leaders, entered through the service as they would be, this week published. No
    /// feed token is made: a person creates their own on the 日程 page.
    static func seedLeaderSchedule(app: Application) async throws {
        guard let role = try await Role.query(on: app.db).filter(\.$code == BuiltinRole.scheduleKeeper.rawValue).first() else { return }
        func user(_ username: String) async throws -> User? { try await User.query(on: app.db).filter(\.$username == username).first() }
        func unit(_ code: String) async throws -> UUID? { try await Unit.query(on: app.db).filter(\.$code == code).first()?.id }
        guard let huang = try await user("huangl"), let hu = try await user("hux"), let city = try await unit("jb"), let cityOffice = try await unit("jb-zfb"),
              let qh = try await unit("qh") else { return }
        // A government's office keeps its leaders' schedules: the grant reaches the government it serves.
        try await app.write { db in
            try await RoleGrants.grant(role, to: huang, scope: city, by: .system("demo"), on: db)
            try await RoleGrants.grant(role, to: hu, scope: qh, by: .system("demo"), on: db)
        }
        let monday = ScheduleClock.monday(of: DocumentDate(Date()))
        func keeper(_ user: User) async throws -> (Access, AuditActor) {
            (try await Access.load(for: user, on: app.db), AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: "demo"))
        }
        typealias Plan = (leader: String, day: Int, endDay: Int?, period: LeaderActivity.Period, start: String?, end: String?, kind: LeaderActivity.Kind,
                          content: String, place: String?, companions: String?, notes: String?)
        let plans: [Plan] = [
            ("chenzq", 0, nil, .timed, "09:00", "11:30", .meeting, "主持召开市政府第38次常务会议", "市政府第一会议室", "刘文华、王建国", "着正装"),
            ("chenzq", 0, nil, .afternoon, nil, nil, .research, "调研清河县老旧小区改造项目", "清河县城关镇", "市住建局、清河县政府负责同志", nil),
            ("chenzq", 1, nil, .timed, "10:00", "11:00", .reception, "会见省发展改革委调研组", "市政府贵宾室", "王建国", "着正装"),
            ("chenzq", 2, 3, .allDay, nil, nil, .trip, "赴省城参加全省经济工作会议", "省会议中心", "周强", nil),
            ("chenzq", 4, nil, .morning, nil, nil, .meeting, "出席全市安全生产工作会议并讲话", "市行政中心报告厅", nil, "会前 8:30 到场"),
            ("liuwh", 0, nil, .timed, "09:00", "11:30", .meeting, "出席市政府第38次常务会议", "市政府第一会议室", nil, nil),
            ("liuwh", 1, nil, .afternoon, nil, nil, .research, "督导柳林区冬季供暖保障工作", "柳林区", "市城管局", nil),
            ("liuwh", 3, nil, .timed, "14:30", "17:00", .meeting, "主持召开全市教育工作专题会", "市政府第三会议室", nil, nil),
            ("liuwh", 4, nil, .allDay, nil, nil, .research, "调研东山县耕地保护和高标准农田建设", "东山县", "市自然资源局", "着便装"),
            ("wangjg", 0, nil, .morning, nil, nil, .meeting, "列席市政府常务会议", "市政府第一会议室", nil, nil),
            ("wangjg", 1, nil, .timed, "15:00", "16:30", .meeting, "主持召开办公室主任办公会", "办公室第二会议室", nil, nil),
            ("wangjg", 2, nil, .afternoon, nil, nil, .other, "研究部署元旦春节期间值班工作", "办公室第二会议室", "张伟", nil),
            ("zhouq", 2, 3, .allDay, nil, nil, .trip, "陪同市长赴省城参加全省经济工作会议", "省会议中心", nil, nil),
            ("zhouq", 4, nil, .afternoon, nil, nil, .reception, "接待省政府办公厅督查组", "市政府贵宾室", "马骏", nil),
            ("yangf", 0, nil, .afternoon, nil, nil, .reception, "陪同市长调研老旧小区改造项目", "城关镇", nil, nil),
            ("yangf", 1, nil, .morning, nil, nil, .meeting, "主持召开县政府常务会议", "县政府第一会议室", nil, nil),
            ("yangf", 3, nil, .allDay, nil, nil, .research, "调研石桥镇冬季农业生产", "石桥镇", "县农业农村局", nil),
            // Next week.
            ("chenzq", 7, nil, .timed, "09:00", "12:00", .meeting, "主持召开市政府第39次常务会议", "市政府第一会议室", nil, "着正装"),
            ("chenzq", 9, nil, .afternoon, nil, nil, .research, "调研柳林区医疗卫生服务体系建设", "柳林区卫生健康委员会", "刘文华", nil),
            ("liuwh", 8, nil, .morning, nil, nil, .meeting, "出席全市招商引资工作推进会", "市行政中心报告厅", nil, nil),
            ("wangjg", 10, nil, .timed, "14:30", "16:00", .meeting, "主持召开政务信息工作会议", "办公室第二会议室", nil, nil),
            ("yangf", 8, 9, .allDay, nil, nil, .trip, "赴市里汇报年度重点工作", "江北市", "胡晓", nil),
        ]
        let keepers = [city: try await keeper(huang), cityOffice: try await keeper(huang), qh: try await keeper(hu)]
        for plan in plans {
            guard let leader = try await user(plan.leader), let (access, actor) = keepers[leader.$unit.id] else { continue }
            let day = ScheduleClock.adding(plan.day, to: monday).iso
            _ = try await LeaderActivities.create(
                .init(leaderID: leader.id, day: day, endDay: plan.endDay.map { ScheduleClock.adding($0, to: monday).iso }, period: plan.period.rawValue,
                      startTime: plan.start, endTime: plan.end, kind: plan.kind.rawValue, content: plan.content, place: plan.place,
                      companions: plan.companions, notes: plan.notes),
                confirmed: true, access: access, actor: actor, app: app)
        }
        for (unit, (access, actor)) in keepers {
            try await LeaderActivities.publish(unit: unit, week: monday.iso, access: access, actor: actor, app: app)
        }
    }
}
