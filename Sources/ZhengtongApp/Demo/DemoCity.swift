import Fluent
import Gongwen
import Vapor
import WorkflowEngine

/// The demo city 江北市: a city government and its office, three county/district governments
/// each with an office and two bureaus, two townships under one county, and about forty people.
enum DemoCity {
    static let defaultPassword = "Zhengtong@2026"

    struct UnitSpec {
        var key: String
        var name: String
        var code: String
        var kind: Unit.Kind
        var parent: String?
        var departments: [String]
    }

    struct PersonSpec {
        var username: String
        var name: String
        var unit: String
        var department: String?
        var positions: [String]
        var roles: [BuiltinRole]
        var phone: String
    }

    struct Account {
        var username: String
        var description: String
    }

    static let units: [UnitSpec] = [
        .init(key: "city", name: "江北市人民政府", code: "jb", kind: .government, parent: nil, departments: []),
        .init(key: "cityOffice", name: "江北市人民政府办公室", code: "jb-zfb", kind: .office, parent: "city",
              departments: ["秘书一科", "文电科", "综合科", "督查科", "信息中心"]),
        .init(key: "qh", name: "清河县人民政府", code: "qh", kind: .government, parent: "city", departments: []),
        .init(key: "qhOffice", name: "清河县人民政府办公室", code: "qh-zfb", kind: .office, parent: "qh", departments: ["秘书股", "综合股"]),
        .init(key: "qhFinance", name: "清河县财政局", code: "qh-czj", kind: .bureau, parent: "qh", departments: ["办公室", "预算股"]),
        .init(key: "qhEducation", name: "清河县教育局", code: "qh-jyj", kind: .bureau, parent: "qh", departments: ["办公室", "基础教育股"]),
        .init(key: "qhChengguan", name: "城关镇人民政府", code: "qh-cgz", kind: .township, parent: "qh", departments: ["党政办公室"]),
        .init(key: "qhShiqiao", name: "石桥镇人民政府", code: "qh-sqz", kind: .township, parent: "qh", departments: ["党政办公室"]),
        .init(key: "ll", name: "柳林区人民政府", code: "ll", kind: .government, parent: "city", departments: []),
        .init(key: "llOffice", name: "柳林区人民政府办公室", code: "ll-zfb", kind: .office, parent: "ll", departments: ["秘书科", "综合科"]),
        .init(key: "llReform", name: "柳林区发展和改革局", code: "ll-fgj", kind: .bureau, parent: "ll", departments: ["办公室", "规划科"]),
        .init(key: "llHealth", name: "柳林区卫生健康委员会", code: "ll-wjw", kind: .bureau, parent: "ll", departments: ["办公室", "医政科"]),
        .init(key: "ds", name: "东山县人民政府", code: "ds", kind: .government, parent: "city", departments: []),
        .init(key: "dsOffice", name: "东山县人民政府办公室", code: "ds-zfb", kind: .office, parent: "ds", departments: ["秘书股", "综合股"]),
        .init(key: "dsPolice", name: "东山县公安局", code: "ds-gaj", kind: .bureau, parent: "ds", departments: ["办公室", "指挥中心"]),
        .init(key: "dsLand", name: "东山县自然资源局", code: "ds-zrj", kind: .bureau, parent: "ds", departments: ["办公室", "耕地保护股"]),
    ]

    static let people: [PersonSpec] = [
        // 市政府 and its office
        .init(username: "chenzq", name: "陈志强", unit: "city", department: nil, positions: ["主要领导"], roles: [], phone: "13800000001"),
        .init(username: "liuwh", name: "刘文华", unit: "city", department: nil, positions: ["分管领导"], roles: [], phone: "13800000002"),
        .init(username: "wangjg", name: "王建国", unit: "cityOffice", department: nil, positions: ["主要领导"], roles: [], phone: "13800000003"),
        .init(username: "zhouq", name: "周强", unit: "cityOffice", department: nil, positions: ["分管领导"], roles: [], phone: "13800000004"),
        .init(username: "zhangw", name: "张伟", unit: "cityOffice", department: "秘书一科", positions: ["主任"], roles: [], phone: "13800000005"),
        .init(username: "lina", name: "李娜", unit: "cityOffice", department: "秘书一科", positions: ["副主任"], roles: [.meetingOrganizer], phone: "13800000006"),
        .init(username: "huangl", name: "黄磊", unit: "cityOffice", department: "秘书一科", positions: ["科员"], roles: [], phone: "13800000007"),
        .init(username: "zhaom", name: "赵敏", unit: "cityOffice", department: "文电科", positions: ["科员"], roles: [.clerk], phone: "13800000008"),
        .init(username: "sunl", name: "孙丽", unit: "cityOffice", department: "文电科", positions: ["主任"], roles: [.sealKeeper, .officeReviewer], phone: "13800000009"),
        .init(username: "qianf", name: "钱芳", unit: "cityOffice", department: "文电科", positions: ["科员"], roles: [.recordsOfficer], phone: "13800000014"),
        .init(username: "maj", name: "马骏", unit: "cityOffice", department: "督查科", positions: ["主任"], roles: [.secrecyReviewer, .supervisor], phone: "13800000010"),
        .init(username: "admin", name: "吴涛", unit: "cityOffice", department: "信息中心", positions: ["科员"], roles: [.sysAdmin], phone: "13800000011"),
        .init(username: "liuy", name: "刘洋", unit: "cityOffice", department: "信息中心", positions: ["科员"], roles: [.processAdmin, .networkReviewer], phone: "13800000015"),
        .init(username: "secadmin", name: "郑海", unit: "cityOffice", department: "信息中心", positions: ["科员"], roles: [.secAdmin], phone: "13800000012"),
        .init(username: "auditadmin", name: "冯静", unit: "cityOffice", department: "综合科", positions: ["科员"], roles: [.auditAdmin], phone: "13800000013"),
        // 清河县
        .init(username: "yangf", name: "杨帆", unit: "qh", department: nil, positions: ["主要领导"], roles: [], phone: "13800000101"),
        .init(username: "xuhm", name: "徐慧敏", unit: "qhOffice", department: nil, positions: ["主要领导"], roles: [], phone: "13800000102"),
        .init(username: "hux", name: "胡晓", unit: "qhOffice", department: "秘书股", positions: ["主任"], roles: [.officeReviewer], phone: "13800000103"),
        .init(username: "dengh", name: "邓华", unit: "qhOffice", department: "综合股", positions: ["主任"], roles: [.supervisor], phone: "13800000114"),
        .init(username: "guoyn", name: "郭亚楠", unit: "qhOffice", department: "秘书股", positions: ["科员"], roles: [.clerk], phone: "13800000104"),
        .init(username: "linp", name: "林鹏", unit: "qhOffice", department: "综合股", positions: ["科员"], roles: [.sealKeeper, .recordsOfficer], phone: "13800000105"),
        .init(username: "hejun", name: "何军", unit: "qhFinance", department: nil, positions: ["主要领导"], roles: [], phone: "13800000106"),
        .init(username: "gaoy", name: "高原", unit: "qhFinance", department: "办公室", positions: ["科员"], roles: [.clerk, .supervisor], phone: "13800000107"),
        .init(username: "luoq", name: "罗琴", unit: "qhEducation", department: nil, positions: ["主要领导"], roles: [], phone: "13800000108"),
        .init(username: "liangc", name: "梁晨", unit: "qhEducation", department: "办公室", positions: ["科员"], roles: [.clerk, .supervisor], phone: "13800000109"),
        .init(username: "songt", name: "宋涛", unit: "qhChengguan", department: nil, positions: ["主要领导"], roles: [], phone: "13800000110"),
        .init(username: "tangx", name: "唐欣", unit: "qhChengguan", department: "党政办公室", positions: ["科员"], roles: [.clerk], phone: "13800000111"),
        .init(username: "hanb", name: "韩冰", unit: "qhShiqiao", department: nil, positions: ["主要领导"], roles: [], phone: "13800000112"),
        .init(username: "caoy", name: "曹阳", unit: "qhShiqiao", department: "党政办公室", positions: ["科员"], roles: [.clerk], phone: "13800000113"),
        // 柳林区
        .init(username: "xiaoh", name: "肖红", unit: "ll", department: nil, positions: ["主要领导"], roles: [], phone: "13800000201"),
        .init(username: "dengl", name: "邓亮", unit: "llOffice", department: nil, positions: ["主要领导"], roles: [], phone: "13800000202"),
        .init(username: "fengxy", name: "冯晓宇", unit: "llOffice", department: "秘书科", positions: ["主任"], roles: [.officeReviewer, .supervisor], phone: "13800000203"),
        .init(username: "caij", name: "蔡洁", unit: "llOffice", department: "秘书科", positions: ["科员"], roles: [.clerk], phone: "13800000204"),
        .init(username: "panw", name: "潘伟", unit: "llReform", department: nil, positions: ["主要领导"], roles: [], phone: "13800000205"),
        .init(username: "dux", name: "杜鑫", unit: "llReform", department: "办公室", positions: ["科员"], roles: [.clerk], phone: "13800000206"),
        .init(username: "yuanm", name: "袁媛", unit: "llHealth", department: nil, positions: ["主要领导"], roles: [], phone: "13800000207"),
        .init(username: "jiangh", name: "蒋辉", unit: "llHealth", department: "办公室", positions: ["科员"], roles: [.clerk], phone: "13800000208"),
        // 东山县
        .init(username: "weidw", name: "魏东伟", unit: "ds", department: nil, positions: ["主要领导"], roles: [], phone: "13800000301"),
        .init(username: "xueyl", name: "薛玉兰", unit: "dsOffice", department: nil, positions: ["主要领导"], roles: [], phone: "13800000302"),
        .init(username: "yeq", name: "叶青", unit: "dsOffice", department: "秘书股", positions: ["主任"], roles: [.officeReviewer, .supervisor], phone: "13800000303"),
        .init(username: "yanj", name: "阎静", unit: "dsOffice", department: "秘书股", positions: ["科员"], roles: [.clerk], phone: "13800000304"),
        .init(username: "shij", name: "石坚", unit: "dsPolice", department: nil, positions: ["主要领导"], roles: [], phone: "13800000305"),
        .init(username: "lvx", name: "吕欣", unit: "dsPolice", department: "办公室", positions: ["科员"], roles: [.clerk], phone: "13800000306"),
        .init(username: "duanh", name: "段辉", unit: "dsLand", department: nil, positions: ["主要领导"], roles: [], phone: "13800000307"),
        .init(username: "qiuy", name: "邱岩", unit: "dsLand", department: "办公室", positions: ["科员"], roles: [.clerk], phone: "13800000308"),
    ]

    /// 机关代字 of the governments and their offices: (unit key, code, style, 发文机关标志).
    static let issuerCodes: [(unit: String, code: String, style: String, mark: String)] = [
        ("city", "江政发", "file", "江北市人民政府文件"),
        ("city", "江政函", "letter", "江北市人民政府"),
        ("cityOffice", "江政办发", "file", "江北市人民政府办公室文件"),
        ("cityOffice", "江政办函", "letter", "江北市人民政府办公室"),
        ("qh", "清政发", "file", "清河县人民政府文件"),
        ("qhOffice", "清政办发", "file", "清河县人民政府办公室文件"),
        ("ll", "柳政发", "file", "柳林区人民政府文件"),
        ("llOffice", "柳政办发", "file", "柳林区人民政府办公室文件"),
        ("ds", "东政发", "file", "东山县人民政府文件"),
        ("dsOffice", "东政办发", "file", "东山县人民政府办公室文件"),
    ]

    static let highlightedAccounts: [Account] = [
        .init(username: "zhaom", description: "赵敏，市政府办公室文电科科员（收发员）"),
        .init(username: "zhangw", description: "张伟，市政府办公室秘书一科主任"),
        .init(username: "wangjg", description: "王建国，市政府办公室主要领导"),
        .init(username: "chenzq", description: "陈志强，市政府主要领导"),
        .init(username: "guoyn", description: "郭亚楠，清河县政府办秘书股科员（收发员）"),
        .init(username: "hux", description: "胡晓，清河县政府办秘书股主任（收文拟办）"),
        .init(username: "qianf", description: "钱芳，市政府办公室文电科科员（档案员）"),
        .init(username: "xuhm", description: "徐慧敏，清河县政府办主要领导（收文批办）"),
        .init(username: "liuy", description: "刘洋，市政府办公室信息中心科员（流程管理员：部署流程、节假日）"),
        .init(username: "maj", description: "马骏，市政府办公室督查科主任（督查室：督办立项、通报）"),
        .init(username: "dengh", description: "邓华，清河县政府办综合股主任（县督查员：分解、反馈；预警发布员：向各乡镇发布预警）"),
        .init(username: "lina", description: "李娜，市政府办公室秘书一科副主任（会务：会议室、会议通知、座次、纪要）"),
        .init(username: "huangl", description: "黄磊，市政府办公室秘书一科科员（领导日程管理员：录入、发布领导周活动安排）"),
        .init(username: "admin", description: "吴涛，系统管理员（组织机构与账户）"),
        .init(username: "secadmin", description: "郑海，安全管理员（角色与授权）"),
        .init(username: "auditadmin", description: "冯静，审计管理员（审计日志）"),
    ]

    /// Fills an empty database with the demo city; returns `false` when there was data already.
    static func seedIfEmpty(app: Application, password: String) async throws -> Bool {
        guard try await Unit.query(on: app.db).count() == 0 else { return false }
        // One hash for every demo account: they share the printed password anyway.
        let hash = try await app.password.async.hash(password)
        try await app.write { db in
            try await seed(passwordHash: hash, on: db)
        }
        try await seedWorkflow(app: app)
        try await seedOutgoing(app: app)
        try await seedIncoming(app: app)
        try await seedArchive(app: app)
        try await seedNotices(app: app)
        try await seedSupervision(app: app)
        try await seedMeetings(app: app)
        try await seedDuty(app: app)
        try await seedMail(app: app)
        try await seedLeaderSchedule(app: app)
        try await seedAlerts(app: app)
        try await seedDelivery(app: app)
        try await seedReports(app: app)
        try await seedBulletins(app: app)
        try await DemoAssessment.seed(app: app)
        return true
    }

    static func seed(passwordHash: String, on db: any Database) async throws {
        let actor = AuditActor.system("demo")
        var unitIDs: [String: UUID] = [:]
        var departmentIDs: [String: UUID] = [:]
        for (index, spec) in units.enumerated() {
            let unit = Unit(name: spec.name, code: spec.code, kind: spec.kind, parentID: spec.parent.flatMap { unitIDs[$0] }, sortOrder: index)
            try await unit.create(on: db)
            unitIDs[spec.key] = unit.id
            for (order, name) in spec.departments.enumerated() {
                let department = Department(unitID: try unit.requireID(), name: name, sortOrder: order)
                try await department.create(on: db)
                departmentIDs[spec.key + "/" + name] = department.id
            }
        }
        for (index, code) in issuerCodes.enumerated() {
            guard let unitID = unitIDs[code.unit] else { continue }
            try await IssuerCode(unitID: unitID, code: code.code, style: code.style, issuerMark: code.mark, sortOrder: index).create(on: db)
        }
        let positions = try await Position.query(on: db).all()
        let roles = try await Role.query(on: db).all()
        for (index, spec) in people.enumerated() {
            guard let unitID = unitIDs[spec.unit] else { continue }
            let user = User(unitID: unitID, username: spec.username, name: spec.name, phone: spec.phone,
                            passwordHash: passwordHash, mustChangePassword: false, sortOrder: index)
            try await user.create(on: db)
            let department = spec.department.flatMap { departmentIDs[spec.unit + "/" + $0] }
            let membership = PeopleService.Membership(
                departmentIDs: department.map { [$0] } ?? [], primaryDepartmentID: department,
                positionIDs: spec.positions.compactMap { name in positions.first { $0.name == name }?.id })
            try await PeopleService.setMembership(membership, for: user, on: db)
            for builtin in spec.roles {
                guard let role = roles.first(where: { $0.code == builtin.rawValue }) else { continue }
                // The three administrators cover the whole city; clerks and seal keepers their own unit.
                // The 三员 and the city's 流程管理员 (who deploys the processes every unit runs) work platform-wide.
                // A 督查室 in a government's office supervises that government and the units under it.
                var scope: UUID? = BuiltinRole.administrators.contains(builtin) || builtin == .processAdmin ? nil : unitID
                if builtin == .supervisor, let office = units.first(where: { $0.key == spec.unit }), office.kind == .office,
                   let government = office.parent.flatMap({ unitIDs[$0] }) {
                    scope = government
                }
                try await RoleGrants.grant(role, to: user, scope: scope, by: actor, on: db)
            }
        }
        // 市政府办公室's clerks keep a 分发名单 of the county governments.
        if let office = unitIDs["cityOffice"] {
            let list = DistributionList()
            list.unitID = office
            list.name = "各县（区）人民政府"
            list.unitIDs = ["qh", "ll", "ds"].compactMap { unitIDs[$0]?.uuidString }.joined(separator: ",")
            list.updatedAt = Date()
            try await list.create(on: db)
        }
        try await AuditLog.record(AuditEvent(action: "system.demo.seed", targetType: "unit", targetID: unitIDs["city"]?.uuidString,
                                             targetLabel: "江北市"), by: actor, on: db)
    }
}

extension DemoCity {
    /// The bundled processes, deployed, and two requests under way in 市政府办公室 so that 张伟 has a
    /// 待办 and 黄磊 something in 已办 on first login.
    static func seedWorkflow(app: Application) async throws {
        _ = try await WorkflowDefinitions.deployBundled(by: .system("demo"), app: app)
        guard let drafter = try await User.query(on: app.db).filter(\.$username == "huangl").first(),
              try await WorkflowDefinitions.newest("request", on: app.db) != nil else { return }
        let actor = WorkflowService.Actor(userID: drafter.id, audit: .system("demo"))
        for title in ["关于做好2027年元旦春节期间安全生产工作的请示", "关于申请购置办公设备的请示"] {
            let started = try await app.workflow.start(processKey: "request", title: title, by: actor)
            guard let task = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == started.instanceID)
                .filter(\.$state == "open").first() else { continue }
            _ = try await app.workflow.perform(.completion(task: task.engineID, outcome: "approve", opinion: "请审核。", values: [:]),
                                               on: started.instanceID, by: actor)
        }
    }
}

extension DemoCity {
    /// A few 发文 of 市政府办公室 in different states: 黄磊's draft, a notice waiting for 张伟's 核稿, one
    /// signed and waiting for 赵敏's 编号登记, and one dispatched (numbered, sealed).
    static func seedOutgoing(app: Application) async throws {
        guard let drafter = try await User.query(on: app.db).filter(\.$username == "huangl").first(),
              let code = try await IssuerCode.query(on: app.db).filter(\.$code == "江政办发").first() else { return }
        let department = try await UserDepartment.query(on: app.db).filter(\.$user.$id == drafter.requireID()).first()?.$department.id
        let samples: [(title: String, body: String, submit: Bool, until: String?)] = [
            ("江北市人民政府办公室关于开展2027年度机关作风建设评议工作的通知",
             "为进一步转变机关作风，提高办事效率，经市政府同意，决定开展2027年度机关作风建设评议工作。现将有关事项通知如下。\n\n一、评议范围\n\n市政府各部门、各直属机构。\n\n二、评议内容\n\n（一）依法行政情况。\n\n（二）服务质量和办事效率。", false, nil),
            ("江北市人民政府办公室关于做好冬季安全生产工作的通知",
             "为切实做好冬季安全生产工作，有效防范各类事故发生，现就有关事项通知如下。\n\n一、压实安全生产责任\n\n各地各部门要严格落实属地管理责任和部门监管责任。\n\n二、开展隐患排查整治\n\n（一）突出重点行业领域。\n\n（二）加强督导检查。", true, nil),
            ("江北市人民政府办公室关于进一步规范公文处理工作的通知",
             "为进一步提高公文处理工作质量，现就有关事项通知如下。\n\n一、严格执行公文格式标准\n\n各单位要严格按照《党政机关公文格式》排版。\n\n二、规范公文办理程序\n\n（一）严格核稿把关。\n\n（二）按时办结。", true, "Register"),
            ("江北市人民政府办公室关于做好2027年元旦期间值班工作的通知",
             "为确保元旦期间各项工作正常运转，现就值班工作通知如下。\n\n一、严格值班制度\n\n各单位要落实领导带班和24小时值班制度。\n\n二、及时报告重要情况\n\n遇有突发事件，要及时、准确报告。", true, "End"),
        ]
        let actor = WorkflowService.Actor(userID: drafter.id, audit: .system("demo"))
        for sample in samples {
            let document = try await app.write { db in
                let document = try await OutgoingService.create(kind: .notice, code: code, by: drafter, departmentID: department, on: db)
                var content = try document.document()
                content.title = sample.title
                content.body = sample.body
                content.mainRecipients = ["各县（区）人民政府", "市政府各部门"]
                try await OutgoingService.save(document, content: content, expectedVersion: document.version, by: drafter.requireID(),
                                               step: OutgoingService.draftingStep, on: db)
                return document
            }
            if sample.submit { try await OutgoingActions.submit(document, by: try drafter.requireID(), actor: actor, app: app) }
            if let until = sample.until { try await advance(document, until: until, app: app) }
        }
    }

    /// Takes a submitted demo document through the 发文 steps with the people who do them, up to `until`.
    private static func advance(_ document: OutgoingDocument, until: String, app: Application) async throws {
        func person(_ username: String) async throws -> OutgoingActions.Person {
            guard let user = try await User.query(on: app.db).filter(\.$username == username).first() else { throw AppError.notFound() }
            return try OutgoingActions.Person(user: user, audit: AuditActor(userID: user.id, username: username, unitID: user.$unit.id, clientAddress: "demo"))
        }
        func complete(_ node: String, by username: String, opinion: String?, variables: [String: ExpressionValue] = [:]) async throws {
            let who = try await person(username)
            let current = try await OutgoingDocument.find(document.id, on: app.db)
            guard let instanceID = current?.instanceID,
                  let task = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instanceID).filter(\.$node == node)
                    .filter(\.$state == "open").first() else { return }
            _ = try await app.workflow.perform(.completion(task: task.engineID, outcome: "approve", opinion: opinion, values: variables),
                                               on: instanceID, by: WorkflowService.Actor(userID: who.id, audit: who.audit))
        }
        guard let leader = try await User.query(on: app.db).filter(\.$username == "wangjg").first(), let fresh = try await OutgoingDocument.find(document.id, on: app.db)
        else { return }
        try await complete("Review", by: "zhangw", opinion: "请办公室审核。")
        try await complete("OfficeReview", by: "sunl", opinion: "文稿规范，拟同意，请王主任签发。", variables: ["nextAssignee": .string(try leader.requireID().uuidString)])
        try await complete("Sign", by: "wangjg", opinion: "同意。")
        guard until == "End", let code = try await IssuerCode.query(on: app.db).filter(\.$code == "江政办发").first() else { return }
        let signed = try await OutgoingDocument.find(fresh.id, on: app.db) ?? fresh
        try await OutgoingActions.number(signed, codeID: code.id, by: try await person("zhaom"), app: app)
        try await complete("Register", by: "zhaom", opinion: nil)
        try await complete("Proofread", by: "huangl", opinion: "已校对。")
        try await OutgoingActions.seal(try await OutgoingDocument.find(fresh.id, on: app.db) ?? fresh, by: try await person("sunl"), app: app)
        try await complete("Seal", by: "sunl", opinion: nil)
        // 分发 to the three county governments through 公文交换: their clerks find it under 待签收.
        if let list = try await DistributionList.query(on: app.db).filter(\.$name == "各县（区）人民政府").first(),
           let current = try await OutgoingDocument.find(fresh.id, on: app.db) {
            current.distribution = try Distribution(entries: list.members.map { .init(unit: $0, role: .main) }).encoded()
            try await current.update(on: app.db)
        }
        try await complete("Dispatch", by: "zhaom", opinion: nil)
    }
}

extension DemoCity {
    /// A paper document 清河县政府办 registered nine days ago and left at 拟办 with 胡晓: overdue, so the 逾期事项
    /// list and 催办 have something to show.
    static func seedIncoming(app: Application) async throws {
        guard let clerk = try await User.query(on: app.db).filter(\.$username == "guoyn").first(),
              try await WorkflowDefinitions.newest(IncomingRegistration.processKey, on: app.db) != nil else { return }
        let received = Date().addingTimeInterval(-9 * 24 * 3600)
        let actor = WorkflowService.Actor(userID: clerk.id, audit: AuditActor(userID: clerk.id, username: clerk.username, unitID: clerk.$unit.id, clientAddress: "demo"))
        let workflow = app.workflow
        let particulars = IncomingRegistration.Particulars(
            senderName: "清河县应急管理局", senderNumber: "清应急〔2026〕21号", title: "关于报送冬春火灾防控工作方案的函", kind: .letter,
            classification: nil, urgency: nil, copies: 1, dueAt: nil, handling: .handle, source: .paper)
        let document = try await app.write { db in
            try await IncomingRegistration.register(particulars, by: clerk, actor: actor, workflow: workflow, at: received, on: db)
        }
        guard let instanceID = document.instanceID else { return }
        for (node, opinion) in [("Register", nil), ("Check", "属本单位办理。")] as [(String, String?)] {
            guard let task = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instanceID).filter(\.$node == node)
                .filter(\.$state == "open").first() else { return }
            _ = try await workflow.perform(.completion(task: task.engineID, outcome: "approve", opinion: opinion, values: [:]), on: instanceID,
                                           by: actor, at: received.addingTimeInterval(3600))
        }
    }
}

extension DemoCity {
    /// 钱芳 has filed the dispatched 值班 notice, so the 档案 catalogue shows an item with its 归档章.
    static func seedArchive(app: Application) async throws {
        guard let officer = try await User.query(on: app.db).filter(\.$username == "qianf").first(),
              let notice = try await OutgoingDocument.query(on: app.db).filter(\.$status == OutgoingDocument.Status.dispatched.rawValue).first()
        else { return }
        let id = try notice.requireID()
        let retention = ArchiveFiling.defaultRetention(kind: DocumentKind(rawValue: notice.kind), type: .outgoing)
        let actor = AuditActor(userID: officer.id, username: officer.username, unitID: officer.$unit.id, clientAddress: "demo")
        _ = try await app.write { db in
            try await ArchiveFiling.file(.outgoing, id: id, classCode: "01", retention: retention, by: try officer.requireID(), actor: actor, at: Date(), on: db)
        }
    }
}

extension DemoCity {
    /// 栏目 of 市政府办公室 (通知公告, 工作动态 对外公开) and of 清河县政府办 (通知公告), and notices through their review:
    /// the city's 元旦 holiday notice (置顶) to every unit, an 重要 fire-safety notice with a 回执 to the county governments
    /// and their units, a 工作动态 published to the public feed, and 清河县's notice waiting for 胡晓's review.
    static func seedNotices(app: Application) async throws {
        guard try await WorkflowDefinitions.newest(NoticeProcesses.internalReview, on: app.db) != nil,
              let city = try await Unit.query(on: app.db).filter(\.$code == "jb").first(),
              let cityOffice = try await Unit.query(on: app.db).filter(\.$code == "jb-zfb").first(),
              let qh = try await Unit.query(on: app.db).filter(\.$code == "qh").first(),
              let qhOffice = try await Unit.query(on: app.db).filter(\.$code == "qh-zfb").first() else { return }
        func column(_ name: String, unit: ZhengtongApp.Unit, isPublic: Bool, order: Int) async throws -> NoticeColumn {
            let column = NoticeColumn()
            column.unitID = try unit.requireID()
            column.name = name
            column.isPublic = isPublic
            column.publisherRole = BuiltinRole.clerk.rawValue
            column.processKey = NoticeProcesses.defaultKey(isPublic: isPublic)
            column.sortOrder = order
            column.isDisabled = false
            column.updatedAt = Date()
            try await column.create(on: app.db)
            return column
        }
        let cityNotices = try await column("通知公告", unit: cityOffice, isPublic: false, order: 1)
        let cityNews = try await column("工作动态", unit: cityOffice, isPublic: true, order: 2)
        let qhNotices = try await column("通知公告", unit: qhOffice, isPublic: false, order: 1)
        func person(_ username: String) async throws -> (Access, WorkflowService.Actor) {
            guard let user = try await User.query(on: app.db).filter(\.$username == username).first() else { throw AppError.notFound() }
            let audit = AuditActor(userID: user.id, username: username, unitID: user.$unit.id, clientAddress: "demo")
            return (try await Access.load(for: user, on: app.db), WorkflowService.Actor(userID: user.id, audit: audit))
        }
        /// Drafts, sends and, as each reviewer, approves: the notice ends published (or, `until` given, waits there).
        func publish(_ input: NoticeService.Input, by username: String, reviewers: [String], until: Int? = nil) async throws {
            let (access, actor) = try await person(username)
            let notice = try await NoticeService.draft(input, access: access, actor: actor, app: app)
            let id = try notice.requireID()
            _ = try await NoticeService.submit(id, access: access, actor: actor, app: app)
            for (index, reviewer) in reviewers.enumerated() where until.map({ index < $0 }) ?? true {
                let (_, reviewerActor) = try await person(reviewer)
                guard let instance = try await Notice.find(id, on: app.db)?.instanceID,
                      let task = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").first()
                else { return }
                if task.assigneeID == nil {
                    _ = try await app.workflow.perform(.claim(task: task.engineID), on: instance, by: reviewerActor)
                }
                _ = try await app.workflow.perform(.completion(task: task.engineID, outcome: "approve", opinion: "同意发布。", values: [:]), on: instance,
                                                   by: reviewerActor)
            }
        }
        let today = DocumentDate(Date())
        let inAWeek = DocumentDate(Date().addingTimeInterval(7 * 24 * 3600)).iso
        let inAMonth = DocumentDate(Date().addingTimeInterval(30 * 24 * 3600)).iso
        _ = today
        try await publish(NoticeService.Input(
            columnID: cityNotices.id, title: "关于2027年元旦放假安排的通知",
            body: "根据国务院办公厅通知精神，现将2027年元旦放假安排通知如下。\n# 一、放假时间\n1月1日（星期五）至3日（星期日）放假调休，共3天。\n# 二、有关要求\n- 各单位要安排好值班和安全保卫工作。\n- 遇有**重大突发事件**，要按规定及时报告并妥善处置。",
            audience: NoticeAudience(units: [.init(unit: try city.requireID(), withSubunits: true)]), important: false, pinnedUntil: inAWeek,
            expiresAt: inAMonth, replyFields: []), by: "zhaom", reviewers: ["sunl"])
        try await publish(NoticeService.Input(
            columnID: cityNotices.id, title: "关于开展冬季消防安全大检查的通知",
            body: "为切实做好冬季消防安全工作，决定在全市开展消防安全大检查。\n# 一、检查范围\n各县（区）人民政府、市政府各部门及所属单位。\n# 二、工作要求\n请各单位收发员于本周五前通过回执报送检查联系人，并参加市里组织的视频部署会。",
            audience: NoticeAudience(roles: [BuiltinRole.clerk.rawValue]),
            important: true, pinnedUntil: nil, expiresAt: inAMonth, replyFields: [.attendance, .count, .contact]), by: "zhaom", reviewers: ["sunl"])
        try await publish(NoticeService.Input(
            columnID: cityNews.id, title: "市政府召开全市安全生产工作会议",
            body: "12月上旬，市政府召开全市安全生产工作会议，总结今年以来安全生产工作，部署冬春安全防范重点任务。",
            audience: NoticeAudience(units: [.init(unit: try cityOffice.requireID(), withSubunits: false)]), important: false, pinnedUntil: nil,
            expiresAt: nil, replyFields: []), by: "zhaom", reviewers: ["sunl", "liuy", "maj"])
        try await publish(NoticeService.Input(
            columnID: qhNotices.id, title: "关于报送2026年度工作总结的通知",
            body: "请各乡镇、县直各部门于12月25日前报送本单位2026年度工作总结和2027年工作打算。",
            audience: NoticeAudience(units: [.init(unit: try qh.requireID(), withSubunits: true)]), important: false, pinnedUntil: nil,
            expiresAt: nil, replyFields: [.contact]), by: "guoyn", reviewers: ["hux"], until: 0)
    }
}
