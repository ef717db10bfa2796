import Fluent
import Foundation
import Gongwen
import Vapor

extension DemoCity {
    /// 督办事项 of 市政府办公室's 督查室 (马骏) in every state, made through the service calls at the days they would have
    /// happened: one going to plan with reports in, one near its deadline, one overdue with a report missed, one split by
    /// 清河县 to two of its bureaus, one waiting for 延期, one waiting for 办结 审核, one finished and evaluated, one stopped.
    static func seedSupervision(app: Application) async throws {
        guard let maj = try await User.query(on: app.db).filter(\.$username == "maj").first(),
              let chen = try await User.query(on: app.db).filter(\.$username == "chenzq").first(),
              let liu = try await User.query(on: app.db).filter(\.$username == "liuwh").first() else { return }
        func person(_ user: User) async throws -> (Access, WorkflowService.Actor) {
            let audit = AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: "demo")
            return (try await Access.load(for: user, on: app.db), WorkflowService.Actor(userID: user.id, audit: audit))
        }
        func user(_ username: String) async throws -> User {
            guard let found = try await User.query(on: app.db).filter(\.$username == username).first() else { throw AppError.notFound() }
            return found
        }
        func unit(_ code: String) async throws -> UUID {
            guard let found = try await Unit.query(on: app.db).filter(\.$code == code).first() else { throw AppError.notFound() }
            return try found.requireID()
        }
        let now = Date()
        func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }
        func day(_ date: Date) -> String { DocumentDate(date).iso }
        let (office, officeActor) = try await person(maj)
        let (county, countyActor) = try await person(try await user("dengh"))
        let (district, districtActor) = try await person(try await user("fengxy"))
        let (finance, financeActor) = try await person(try await user("gaoy"))
        let qh = try await unit("qh"), ll = try await unit("ll"), ds = try await unit("ds")
        func open(_ title: String, category: SupervisionItem.Category, leader: User?, leads: [UUID], assists: [UUID] = [], cycle: SupervisionItem.Cycle,
                  deadline: Date, at: Date, source: SupervisionItem.Source = .manual, sourceText: String = "",
                  requirements: String) async throws -> SupervisionItem {
            try await SupervisionService.open(.init(title: title, source: source, sourceText: sourceText, category: category.rawValue, leaderID: leader?.id,
                                                    leadUnitIDs: leads, assistUnitIDs: assists, requirements: requirements, deadline: day(deadline),
                                                    cycle: cycle.rawValue), access: office, actor: officeActor, app: app, now: at)
        }
        func part(_ item: SupervisionItem, _ unit: UUID) async throws -> UUID? {
            try await SupervisionAssignment.query(on: app.db).filter(\.$itemID == item.requireID()).filter(\.$unitID == unit).first()?.id
        }

        // 正常: 清河县 and 柳林区 on the old residential areas, monthly reports, 清河县's first one accepted.
        let renovation = try await open("推进2027年城镇老旧小区改造项目开工", category: .keyWork, leader: liu, leads: [qh, ll], cycle: .monthly,
                                        deadline: now.addingTimeInterval(75 * 86_400), at: daysAgo(35), source: .workReport,
                                        sourceText: "2026年市政府工作报告 第三部分", requirements: "各县区于年底前完成改造项目摸底、立项和开工准备，按月报送进展。")
        let report = try await SupervisionService.report(try renovation.requireID(), assignmentID: try await part(renovation, qh),
                                                         text: "已完成摸底调查，确定改造小区12个，其中6个已完成立项。", progress: 40,
                                                         access: county, actor: countyActor, app: app, now: daysAgo(5))
        _ = try await SupervisionService.decideReport(try renovation.requireID(), report: try report.requireID(), accept: true, reason: nil,
                                                      access: office, actor: officeActor, app: app, now: daysAgo(4))
        _ = try await SupervisionService.report(try renovation.requireID(), assignmentID: try await part(renovation, ll),
                                                text: "已排查老旧小区8个，改造方案正在征求居民意见。", progress: 30,
                                                access: district, actor: districtActor, app: app, now: daysAgo(4))
        // 分解: 清河县 gives its part to 财政局 (funds) and 教育局 (school routes); 财政局 has reported.
        let funds = try await SupervisionService.split(try renovation.requireID(), .init(title: "落实老旧小区改造县级配套资金", unitID: try await unit("qh-czj"),
                                                                                        requirements: "年底前落实配套资金并拨付到位。", deadline: day(now.addingTimeInterval(60 * 86_400))),
                                                       access: county, actor: countyActor, app: app, now: daysAgo(30))
        _ = try await SupervisionService.split(try renovation.requireID(), .init(title: "改造小区周边学校上学路线安全排查", unitID: try await unit("qh-jyj"),
                                                                                requirements: "排查改造期间学生上学路线安全隐患。", deadline: day(now.addingTimeInterval(45 * 86_400))),
                                               access: county, actor: countyActor, app: app, now: daysAgo(30))
        _ = try await SupervisionService.report(try funds.requireID(), assignmentID: nil, text: "配套资金1200万元已列入2027年预算草案。", progress: 50,
                                                access: finance, actor: financeActor, app: app, now: daysAgo(2))

        // 临期: 东山县's one report on heating, due within three working days.
        _ = try await open("冬季供暖保障情况报告", category: .leaderInstruction, leader: chen, leads: [ds], cycle: .once,
                           deadline: now.addingTimeInterval(2 * 86_400), at: daysAgo(6), source: .meeting, sourceText: "市政府第42次常务会议",
                           requirements: "报告供暖设施检修、燃料储备和应急预案情况。")

        // 逾期: 柳林区's monthly report on the clinic project was not sent.
        let clinics = try await open("社区卫生服务中心标准化建设", category: .meetingDecision, leader: liu, leads: [ll], cycle: .monthly,
                                     deadline: now.addingTimeInterval(20 * 86_400), at: daysAgo(40), source: .meeting, sourceText: "市政府第40次常务会议",
                                     requirements: "按月报送建设进度。")
        _ = try await SupervisionService.remind(try clinics.requireID(), assignmentID: nil, message: "请于本周内报送建设进度。", access: office,
                                                actor: officeActor, app: app, now: daysAgo(3))

        // 延期申请 waiting for the 督查室 or 陈志强.
        let river = try await open("清河流域水环境综合治理", category: .leaderInstruction, leader: chen, leads: [qh], assists: [ds], cycle: .weekly,
                                   deadline: now.addingTimeInterval(10 * 86_400), at: daysAgo(20), requirements: "制定治理方案，按周报送进展。")
        _ = try await SupervisionService.report(try river.requireID(), assignmentID: try await part(river, qh), text: "治理方案已报县政府常务会议审议。",
                                                progress: 30, access: county, actor: countyActor, app: app, now: daysAgo(1))
        let (east, eastActor) = try await person(try await user("yeq"))
        _ = try await SupervisionService.report(try river.requireID(), assignmentID: try await part(river, ds), text: "已排查东山段入河排污口15个。",
                                                progress: 30, access: east, actor: eastActor, app: app, now: daysAgo(1))
        _ = try await SupervisionService.requestExtension(try river.requireID(), deadline: day(now.addingTimeInterval(40 * 86_400)),
                                                          reason: "治理方案需经省生态环境厅审查，预计需增加一个月。", access: county, actor: countyActor, app: app,
                                                          now: daysAgo(1))

        // 办结申请 waiting for 审核.
        let permits = try await open("优化营商环境审批事项清理", category: .keyWork, leader: liu, leads: [ll], cycle: .once,
                                     deadline: now.addingTimeInterval(15 * 86_400), at: daysAgo(25), requirements: "清理不必要的审批事项，报送清理结果。")
        _ = try await SupervisionService.report(try permits.requireID(), assignmentID: nil, text: "已清理审批事项23项，取消7项，下放5项。", progress: 100,
                                                access: district, actor: districtActor, app: app, now: daysAgo(2))
        _ = try await SupervisionService.requestCompletion(try permits.requireID(), summary: "审批事项清理完成，清理结果已在区政府网站公布。",
                                                           access: district, actor: districtActor, app: app, now: daysAgo(1))

        // 办结 and 评价.
        let flood = try await open("汛期防汛物资储备检查", category: .leaderInstruction, leader: chen, leads: [qh, ds], cycle: .once,
                                   deadline: daysAgo(60), at: daysAgo(90), requirements: "检查防汛物资储备并报送结果。")
        for (unitID, access, actor) in [(qh, county, countyActor)] {
            _ = try await SupervisionService.report(try flood.requireID(), assignmentID: try await part(flood, unitID), text: "防汛物资储备已检查，缺口已补充。",
                                                    progress: 100, access: access, actor: actor, app: app, now: daysAgo(70))
        }
        _ = try await SupervisionService.requestCompletion(try flood.requireID(), summary: "防汛物资检查完成，缺口已补齐。", access: county, actor: countyActor,
                                                           app: app, now: daysAgo(65))
        _ = try await SupervisionService.decideCompletion(try flood.requireID(), approve: true, reason: nil, access: office, actor: officeActor, app: app,
                                                          now: daysAgo(63))
        let floodParts = try await SupervisionAssignment.query(on: app.db).filter(\.$itemID == flood.requireID()).all()
        _ = try await SupervisionService.evaluate(try flood.requireID(), try floodParts.map {
            .init(assignmentID: try $0.requireID(), score: $0.unitID == qh ? 95 : 80, remark: $0.unitID == qh ? "检查细致，按时报送。" : "未单独报送检查结果。")
        }, access: office, actor: officeActor, app: app, now: daysAgo(62))

        // 终止.
        let fair = try await open("筹办2026年秋季农产品展销会", category: .meetingDecision, leader: liu, leads: [ds], cycle: .monthly,
                                  deadline: daysAgo(10), at: daysAgo(80), requirements: "做好展销会筹备工作。")
        _ = try await SupervisionService.close(try fair.requireID(), .terminate, reason: "展销会经市政府研究决定停办。", access: office, actor: officeActor,
                                               app: app, now: daysAgo(50))
    }
}
