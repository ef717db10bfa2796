import Fluent
import Foundation
import Gongwen
import Vapor

/// Documents of realistic length for the search benchmark (`zhengtong search generate`): dispatched 通知 of a
/// benchmark unit, their text drawn from the phrases notices are made of, indexed as the application indexes
/// them. Deterministic for a seed. A clerk `bench` of that unit may open them all.
enum SearchBenchmarkData {
    static let unitCode = "bench"
    static let clerk = "bench"

    /// Phrases of government notices, written for this generator.
    static let phrases = [
        "为进一步加强和改进工作", "经研究决定", "现将有关事项通知如下", "各地各部门要高度重视", "切实加强组织领导", "明确责任分工",
        "确保各项任务落到实处", "严格落实安全生产责任制", "认真开展隐患排查治理", "加强值班值守和信息报送", "做好应急准备",
        "进一步规范公文处理", "提高办文办会质量", "加快推进重点项目建设", "优化营商环境", "做好财政预算管理", "加强基层党组织建设",
        "扎实推进乡村振兴", "加强生态环境保护", "做好防汛抗旱工作", "推动高质量发展", "落实节能减排目标", "保障和改善民生",
        "加强疫情防控常态化管理", "做好教育医疗养老服务", "推进政务服务标准化", "完善考核评价机制", "加强督促检查",
        "对工作不力的要严肃问责", "请于每月五日前报送工作进展", "联系人及电话另行通知", "本通知自印发之日起施行",
        "各县区人民政府", "市直各部门", "各有关单位", "结合本地实际", "制定具体实施方案", "建立健全长效机制",
        "强化宣传引导", "营造良好氛围", "加大资金投入", "统筹协调推进", "定期调度通报", "及时研究解决存在的问题",
    ]
    static let topics = [
        "安全生产", "防汛抗旱", "冬春火灾防控", "元旦春节值班", "财政预算执行", "政务公开", "营商环境", "乡村振兴", "生态环境保护",
        "重点项目建设", "机关作风建设", "公文处理", "信息报送", "应急管理", "消防安全", "食品安全", "校园安全", "道路交通安全",
        "耕地保护", "污染防治", "就业创业", "社会保障", "医疗保障", "养老服务", "数字政府", "档案管理", "保密工作", "信访维稳",
    ]

    /// A title and a body of about `length` characters in paragraphs.
    static func text(_ random: inout SeededRandom, length: Int) -> (title: String, body: String) {
        let topic = random.pick(topics)
        let title = "关于做好\(2024 + Int(random.next() % 3))年度\(topic)工作的通知"
        var paragraphs: [String] = []
        var count = 0
        while count < length {
            var sentence = ""
            for _ in 0..<(3 + Int(random.next() % 4)) { sentence += random.pick(phrases) + "，" }
            sentence += topic + random.pick(phrases) + "。"
            paragraphs.append(sentence)
            count += sentence.count
        }
        return (title, paragraphs.joined(separator: "\n\n"))
    }

    /// Creates `count` documents (after those already there), in batches, and indexes them; returns how many exist.
    static func generate(count: Int, seed: UInt64, length: Int, app: Application, progress: (Int) -> Void) async throws -> Int {
        let unit = try await benchmarkUnit(app: app)
        let existing = try await OutgoingDocument.query(on: app.db).filter(\.$unit.$id == unit.0).count()
        var random = SeededRandom(state: seed &+ UInt64(existing))
        let start = Date().addingTimeInterval(-3 * 365 * 24 * 3600)
        var made = 0
        while made < count {
            let batch = min(500, count - made)
            var prepared: [(OutgoingDocument, SearchIndex.Prepared)] = []
            for index in 0..<batch {
                let (title, body) = text(&random, length: length)
                let date = start.addingTimeInterval(Double(existing + made + index) * 3 * 365 * 24 * 3600 / Double(max(1, existing + count)))
                var content = OfficialDocument(kind: .notice, issuerMark: "基准单位文件", title: title, mainRecipients: ["各县区人民政府", "市直各部门"], body: body)
                content.signatureName = "基准单位"
                content.number = "基准发〔\(DocumentDate(date).year)〕\(existing + made + index + 1)号"
                let document = OutgoingDocument()
                document.id = UUID()
                document.$unit.id = unit.0
                document.$drafter.id = unit.1
                document.status = OutgoingDocument.Status.dispatched.rawValue
                document.version = 1
                document.updatedAt = date
                document.dispatchedAt = date
                try document.setDocument(content)
                let source = SearchSource(type: .outgoing, id: document.id!, unitID: unit.0, title: title, number: content.number, issuer: "基准单位",
                                          kind: "notice", year: DocumentDate(date).year, status: document.status, classification: nil, date: date,
                                          parts: [.text(body)])
                prepared.append((document, SearchIndex.Prepared(source)))
            }
            let ready = prepared
            try await app.write { db in
                for (document, entry) in ready {
                    try await document.create(on: db)
                    try await SearchIndex.write(entry, type: .outgoing, id: try document.requireID(), on: db)
                }
            }
            made += batch
            progress(made)
        }
        return existing + made
    }

    /// The benchmark unit's clerk, who also starts the workflow benchmark's instances (`zhengtong workflow benchmark`).
    static func benchmarkPerson(app: Application) async throws -> UUID {
        try await benchmarkUnit(app: app).1
    }

    /// The benchmark unit and its clerk (created the first time; the clerk's password is `Bench#2026pw`).
    private static func benchmarkUnit(app: Application) async throws -> (UUID, UUID) {
        if let unit = try await Unit.query(on: app.db).filter(\.$code == unitCode).first(),
           let user = try await User.query(on: app.db).filter(\.$username == clerk).first() {
            return (try unit.requireID(), try user.requireID())
        }
        let hash = try await app.password.async.hash("Bench#2026pw")
        return try await app.write { db in
            let unit = Unit(name: "基准单位", code: unitCode, kind: .bureau, parentID: nil)
            try await unit.create(on: db)
            let user = User(unitID: try unit.requireID(), username: clerk, name: "基准收发员", passwordHash: hash, mustChangePassword: false)
            try await user.create(on: db)
            if let role = try await Role.query(on: db).filter(\.$code == BuiltinRole.clerk.rawValue).first() {
                try await RoleGrants.grant(role, to: user, scope: unit.id, by: .system("bench"), on: db)
            }
            return (try unit.requireID(), try user.requireID())
        }
    }
}
