import Fluent
import Foundation
import Vapor

extension DemoCity {
    /// Who does 信息报送 in the demo city: the three county offices' clerks are their 信息员 (郭亚楠, 蔡洁, 阎静; their
    /// office reviewers 胡晓, 冯晓宇, 叶青 review), 黄磊 of 市政府办公室 is its 信息编辑, and 市政府办公室 and 清河县人民政府办公室
    /// collect 信息 with the default scheme. Tests set up the same people.
    static func setUpReports(on db: any Database) async throws {
        let now = Date()
        func grant(_ username: String, _ role: BuiltinRole) async throws {
            guard let user = try await User.query(on: db).filter(\.$username == username).first(),
                  let row = try await Role.query(on: db).filter(\.$code == role.rawValue).first() else { return }
            let userID = try user.requireID(), roleID = try row.requireID()
            guard try await UserRole.query(on: db).filter(\.$user.$id == userID).filter(\.$role.$id == roleID).first() == nil else { return }
            try await UserRole(userID: userID, roleID: roleID, scopeUnitID: user.$unit.id).create(on: db)
        }
        for username in ["guoyn", "caij", "yanj"] { try await grant(username, .reporter) }
        try await grant("huangl", .infoEditor)
        try await grant("dengh", .infoEditor)
        for code in ["jb-zfb", "qh-zfb"] {
            guard let unit = try await Unit.query(on: db).filter(\.$code == code).first() else { continue }
            try await ReportScheme.setCollecting(try unit.requireID(), true, at: now, on: db)
        }
    }

    /// 信息 in every state, made through the service calls: drafts, one in its unit's review, one sent back by the unit,
    /// ones waiting in 黄磊's inbox, one returned and one resubmitted, five adopted (four 刊物采用, one 市级采用 with a
    /// leader's 批示), one archived; and an open 约稿 to the three counties — so the month's ranking is alive.
    static func seedReports(app: Application) async throws {
        try await app.write { db in try await setUpReports(on: db) }
        guard try await WorkflowDefinitions.newest(ReportService.process, on: app.db) != nil else { return }
        func person(_ username: String) async throws -> (User, Access, WorkflowService.Actor) {
            guard let user = try await User.query(on: app.db).filter(\.$username == username).first() else { throw AppError.notFound() }
            let audit = AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: "demo")
            return (user, try await Access.load(for: user, on: app.db), WorkflowService.Actor(userID: user.id, audit: audit))
        }
        guard let cityOffice = try await Unit.query(on: app.db).filter(\.$code == "jb-zfb").first()?.requireID() else { return }
        let levels = try await ReportScheme.levels(of: cityOffice, on: app.db)
        func level(_ name: String) -> UUID? { levels.first { $0.name == name }?.id }
        let (_, editor, editorActor) = try await person("huangl")

        /// Writes one and, unless `stage` stops earlier, takes it through its unit's review.
        func write(_ reporter: String, reviewer: String, title: String, body: String, category: InfoReport.Category, urgency: InfoReport.Urgency = .normal,
                   review: Bool = true, approve: Bool? = true, opinion: String = "同意报送。") async throws -> UUID {
            let (_, access, actor) = try await person(reporter)
            let report = try await ReportService.create(.init(title: title, body: body, category: category.rawValue, urgency: urgency.rawValue,
                                                              targetIDs: [cityOffice], requestID: nil), access: access, actor: actor, app: app)
            let id = try report.requireID()
            guard review else { return id }
            let sent = try await ReportService.submitForReview(id, access: access, actor: actor, app: app)
            guard let instance = sent.instanceID,
                  let task = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").first() else { return id }
            let (_, _, reviewerActor) = try await person(reviewer)
            guard let approve else { return id }
            _ = try await app.workflow.perform(.completion(task: task.engineID, outcome: approve ? "approve" : "reject", opinion: opinion, values: [:]),
                                               on: instance, by: reviewerActor)
            return id
        }
        // Adopted for 刊物 (four), one at city level.
        let adopted: [(String, String, String, String, String)] = [
            ("guoyn", "hux", "清河县“一窗通办”让群众办事只跑一次", "清河县在县政务服务中心设立综合窗口，将87个事项纳入“一窗通办”。\n今年以来办件量同比增长32%，群众满意率达99.2%。", "刊物采用"),
            ("caij", "fengxy", "柳林区老旧小区改造惠及3200户居民", "柳林区今年完成12个老旧小区改造，涉及居民3200户。\n改造坚持“居民点单、政府买单”，同步加装电梯21部。", "刊物采用"),
            ("yanj", "yeq", "东山县推行耕地保护“田长制”", "东山县建立县、乡、村三级田长体系，落实田长1260名。\n今年以来发现并整改耕地违法问题43起。", "刊物采用"),
            ("guoyn", "hux", "清河县财政直达资金实现全程监控", "清河县依托直达资金监控系统，对2.3亿元直达资金实行全链条监控。\n资金支付进度达91%，高于全市平均水平。", "刊物采用"),
            ("caij", "fengxy", "柳林区家庭医生签约服务覆盖率达78%", "柳林区组建家庭医生团队64个，重点人群签约覆盖率达78%。\n推行“互联网+签约服务”，上门服务2100余人次。", "市级采用"),
        ]
        for (reporter, reviewer, title, body, name) in adopted {
            let id = try await write(reporter, reviewer: reviewer, title: title, body: body, category: name == "市级采用" ? .practice : .workNews)
            try await ReportService.adopt(id, target: cityOffice, levelID: level(name), expectedRevision: nil, access: editor, actor: editorActor, app: app)
        }
        if let leader = try await User.query(on: app.db).filter(\.$username == "liuwh").first()?.requireID(),
           let last = try await InfoReport.query(on: app.db).filter(\.$title == adopted[4].2).first()?.requireID() {
            try await app.write { db in try await ReportCatalog.recordInstruction(reportID: last, leaderID: leader, at: Date(), on: db) }
        }
        // Waiting in the inbox (one 紧急 突发事件).
        _ = try await write("yanj", reviewer: "yeq", title: "东山县公安局成功处置一起山林火情", body: "12月5日14时，东山县石门乡发生山林火情。\n县公安局会同应急、林业部门迅速处置，17时明火全部扑灭，无人员伤亡。",
                            category: .emergency, urgency: .urgent)
        _ = try await write("guoyn", reviewer: "hux", title: "清河县建议完善农村客运补贴办法", body: "当前农村客运线路运营困难，部分线路停运。\n建议市级层面完善补贴办法，按线路里程和客流给予差异化补贴。",
                            category: .suggestion)
        // Returned by the editor, not yet revised.
        let toRevise = try await write("caij", reviewer: "fengxy", title: "柳林区开展冬季安全生产大检查", body: "柳林区开展冬季安全生产大检查。", category: .workNews)
        try await ReportService.sendBack(toRevise, target: cityOffice, reason: "请补充检查发现的问题数量和整改情况。", expectedRevision: nil, access: editor,
                                         actor: editorActor, app: app)
        // Returned, revised and resubmitted (version 2 waits for the editor).
        let revised = try await write("guoyn", reviewer: "hux", title: "清河县推进校园食品安全专项整治", body: "清河县开展校园食品安全专项整治。", category: .workNews)
        try await ReportService.sendBack(revised, target: cityOffice, reason: "请补充整治覆盖学校数量和成效。", expectedRevision: nil, access: editor, actor: editorActor, app: app)
        let (_, qh, qhActor) = try await person("guoyn")
        if let current = try await InfoReport.find(revised, on: app.db) {
            let edited = try await ReportService.edit(revised, .init(title: current.title, body: "清河县开展校园食品安全专项整治，覆盖全县126所学校。\n共排查问题58个，已全部整改到位。",
                                                                     category: current.category, urgency: current.urgency, targetIDs: current.targets, requestID: nil),
                                                      expectedRevision: current.revision, access: qh, actor: qhActor, app: app)
            _ = try await ReportService.resubmit(revised, expectedRevision: edited.revision, access: qh, actor: qhActor, app: app)
        }
        // Archived unused.
        let unused = try await write("yanj", reviewer: "yeq", title: "东山县召开县政府常务会议", body: "东山县召开县政府常务会议，研究部署近期工作。", category: .workNews)
        try await ReportService.archive(unused, target: cityOffice, expectedRevision: nil, access: editor, actor: editorActor, app: app)
        // In the unit's review, sent back by the unit, and two drafts.
        _ = try await write("caij", reviewer: "fengxy", title: "柳林区“15分钟便民生活圈”建设取得进展", body: "柳林区已建成便民生活圈9个。", category: .workNews, review: true,
                            approve: nil)
        _ = try await write("yanj", reviewer: "yeq", title: "东山县开展冬春农田水利建设", body: "东山县开展冬春农田水利建设。", category: .workNews, approve: false,
                            opinion: "请补充投资规模和完成时限后再报。")
        _ = try await write("guoyn", reviewer: "hux", title: "清河县召开优化营商环境推进会", body: "清河县召开优化营商环境推进会。", category: .workNews, review: false)
        // An open 约稿 to the three counties.
        var counties: [UUID] = []
        for code in ["qh-zfb", "ll-zfb", "ds-zfb"] { if let id = try await Unit.query(on: app.db).filter(\.$code == code).first()?.id { counties.append(id) } }
        _ = try await ReportRequests.create(.init(unitID: cityOffice, topic: "今冬明春保暖保供工作情况", details: "请各县区报送保暖保供工作的主要做法、成效和存在问题。",
                                                  deadline: BeijingTime.day(BeijingTime.adding(days: 10, to: Date())), unitIDs: counties),
                                            access: editor, actor: editorActor, app: app)
    }
}
