import Fluent
import Foundation
import Vapor

extension DemoCity {
    /// 刊物 of 市政府办公室, made through the service calls: 《江北政务信息》简报 with two published issues (the first read and
    /// instructed by 陈志强 in writing, the second by 刘文华 by hand), 《江北信息专报》with an issue in draft; every city
    /// leader has a 信息专供 list. The editor is 黄磊 (秘书一科); the items are the adopted 信息 when 信息报送 has adopted some, typed items otherwise.
    static func seedBulletins(app: Application) async throws {
        func person(_ username: String) async throws -> (User, Access, WorkflowService.Actor) {
            guard let user = try await User.query(on: app.db).filter(\.$username == username).first() else { throw AppError.notFound() }
            let audit = AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: "demo")
            return (user, try await Access.load(for: user, on: app.db), WorkflowService.Actor(userID: user.id, audit: audit))
        }
        guard let city = try await Unit.query(on: app.db).filter(\.$code == "jb").first() else { return }
        let cityID = try city.requireID()
        // The editor: 黄磊 of 秘书一科, as 信息编辑 and 督查员 over the city (the office serves it), so a 批示 is turned into a 督办
        // by the same person. (信息报送's demo may name other 信息编辑; they edit these 刊物 too.)
        let editorName = "huangl"
        let (editorUser, _, _) = try await person(editorName)
        try await app.write { db in
            for code in [BuiltinRole.infoEditor, .supervisor] {
                guard let role = try await Role.query(on: db).filter(\.$code == code.rawValue).first() else { continue }
                let held = try await UserRole.query(on: db).filter(\.$user.$id == editorUser.requireID()).filter(\.$role.$id == role.requireID()).first()
                if held == nil { try await RoleGrants.grant(role, to: editorUser, scope: cityID, by: .system("demo"), on: db) }
            }
        }
        let (_, editor, editorActor) = try await person(editorName)
        let (chen, chenAccess, chenActor) = try await person("chenzq")
        let (liu, liuAccess, liuActor) = try await person("liuwh")
        let (wang, _, wangActor) = try await person("wangjg")
        let qh = try await Unit.query(on: app.db).filter(\.$code == "qh").first()?.requireID()

        let briefing = try await BulletinService.createBulletin(name: "江北政务信息", kind: Bulletin.Kind.briefing.rawValue, access: editor, actor: editorActor, app: app)
        let special = try await BulletinService.createBulletin(name: "江北信息专报", kind: Bulletin.Kind.special.rawValue, access: editor, actor: editorActor, app: app)

        let adopted = try await ReportCatalog.adopted(for: editor, search: nil, on: app.db)
        var typed: [BulletinService.ItemInput] = [
            .init(title: "我市城区冬季供暖运行平稳", body: "入冬以来，市住房城乡建设局督促各供热企业提前完成管网检修，城区供暖运行平稳。\n全市设立供暖服务热线12条，累计受理并办结群众诉求1260件，办结率100%。",
                  sourceUnitName: "市住房城乡建设局", note: "供暖事关群众冷暖，各地要压实责任，确保群众温暖过冬。"),
            .init(title: "清河县推进清河流域水环境综合治理", body: "清河县完成主河道清淤12公里，新建污水管网8公里。\n县里建立“河长+检察长”协作机制，每月通报断面水质。", sourceUnitName: "清河县人民政府"),
            .init(title: "东山县“一窗通办”提速企业开办", body: "东山县政务服务中心设立企业开办专窗，企业开办时间压缩至1个工作日。", sourceUnitName: "东山县人民政府"),
            .init(title: "柳林区开展安全生产大排查", body: "柳林区组织12个检查组，排查企业326家，发现隐患并整改到位412处。", sourceUnitName: "柳林区人民政府"),
        ]
        // After 信息报送 adopted some: the first items are theirs (copied, with their 信息员).
        for (index, report) in adopted.prefix(4).enumerated() {
            typed[index] = .init(reportID: report.id, note: index == 0 ? typed[0].note : nil)
        }

        /// Composes, submits and (as 王建国) approves an issue: it is published with its 期号.
        func issue(of bulletin: Bulletin, items: [BulletinService.ItemInput], readers: [UUID], units: [UUID], publish: Bool) async throws -> BulletinIssue {
            let made = try await BulletinService.newIssue(of: try bulletin.requireID(), .init(readerPeople: readers, readerUnits: units, reportTo: "市委、市人大常委会、市政协",
                                                                                              sendTo: "各县（区）人民政府，市政府各部门", distributeTo: "市政府办公室各科室", copies: 80),
                                                          access: editor, actor: editorActor, app: app)
            let id = try made.requireID()
            var version = made.version
            for item in items {
                _ = try await BulletinService.addItem(to: id, item, expectedVersion: version, access: editor, actor: editorActor, app: app)
                version += 1
            }
            guard publish else { return try await BulletinLookup.visible(id, access: editor, on: app.db) }
            let submitted = try await BulletinService.submit(id, expectedVersion: version, access: editor, actor: editorActor, app: app)
            if let instance = submitted.instanceID,
               let task = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").first() {
                if task.assigneeID == nil { _ = try await app.workflow.perform(.claim(task: task.engineID), on: instance, by: wangActor) }
                _ = try await app.workflow.perform(.completion(task: task.engineID, outcome: "approve", opinion: "同意印发。", values: [:]), on: instance, by: wangActor)
            }
            return try requireFound(try await BulletinIssue.find(id, on: app.db))
        }
        let chenID = try chen.requireID(), liuID = try liu.requireID(), wangID = try wang.requireID()
        let first = try await issue(of: briefing, items: Array(typed[0...1]), readers: [chenID, liuID, wangID], units: qh.map { [$0] } ?? [], publish: true)
        let second = try await issue(of: briefing, items: Array(typed[2...3]), readers: [chenID, liuID, wangID], units: [], publish: true)
        _ = try await issue(of: special, items: [.init(title: "关于近期全市重点项目建设进展情况的专报", body: "截至11月底，全市42个市级重点项目完成投资186亿元，占年度计划的91%。\n其中，12个项目已竣工投产。",
                                                       sourceUnitName: "市发展改革委")], readers: [chenID], units: [], publish: false)

        // 陈志强 read the first issue and wrote on its first item; 刘文华 read the second and wrote by hand.
        try await BulletinService.markRead(first, by: chenID, app: app)
        try await BulletinService.markRead(second, by: liuID, app: app)
        if let item = try await BulletinItem.query(on: app.db).filter(\.$issueID == first.requireID()).sort(\.$position).first() {
            _ = try await BulletinInstructions.instruct(on: try item.requireID(), text: "此做法很好，请市住房城乡建设局总结经验，在全市推广。", strokes: nil,
                                                        access: chenAccess, actor: chenActor, app: app)
        }
        if let item = try await BulletinItem.query(on: app.db).filter(\.$issueID == second.requireID()).sort(\.$position).first() {
            _ = try await BulletinInstructions.instruct(on: try item.requireID(), text: "", strokes: handwriting, access: liuAccess, actor: liuActor, app: app)
        }
        // The office put the first issue's item on 清河 on 陈志强's list once more, with a note.
        if let item = try await BulletinItem.query(on: app.db).filter(\.$issueID == first.requireID()).sort(\.$position, .descending).first() {
            _ = try await ReadingList.add(leaderID: chenID, kind: .item, targetID: try item.requireID(), note: "清河流域治理进展，供参阅。", access: editor, actor: editorActor, app: app)
        }
    }

    /// 刘文华's handwritten 批示 (“阅”, then a tick): strokes on the 600 × 300 canvas.
    static let handwriting = "[[[60,80],[60,220]],[[40,110],[90,100]],[[110,70],[110,230],[170,230]],[[120,120],[165,120]],[[120,170],[165,170]],[[250,160],[290,210],[420,70]]]"
}

/// A record that must exist (the demo made it a moment ago).
private func requireFound<T>(_ value: T?) throws -> T {
    guard let value else { throw AppError.notFound() }
    return value
}
