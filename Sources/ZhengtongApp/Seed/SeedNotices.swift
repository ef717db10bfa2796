import Fluent
import Foundation

/// 通知公告 of the seeded city, so the 工作台 and the boards are measured with what a city's people hold: a 通知公告
/// column in the city's and each county's 政府办公室; over the last 90 days the city office publishes to the whole
/// city and each county office to its county (the served government with every unit under it). Older notices
/// were opened by most of their readers, the latest ones by about half; those asking for a 回执 were answered by
/// most of those who opened them. The newest city notice is pinned. Written published, with their recipients
/// (the review a real notice goes through is measured with the workflow, not here).
enum SeedNotices {
    static let days = 90.0
    static let cityNotices = 40
    static let countyNotices = 15

    static let subjects = ["冬季安全生产检查", "元旦春节期间值班", "森林防火", "防汛抗旱", "年度工作总结报送", "政务公开", "信访维稳",
                           "疫情防控", "安全生产月活动", "财务决算报送", "机关作风建设", "文明城市创建", "网络安全检查", "统计数据报送",
                           "农村人居环境整治", "营商环境评价", "应急演练", "保密自查"]
    static let forms = ["关于做好%@工作的通知", "关于开展%@的通知", "关于报送%@情况的通知", "关于%@有关事项的通知"]

    /// Writes the columns, notices and recipients; returns how many rows.
    static func write(city: SeededCity, now: Date, random: inout SeededRandom, on db: any Database) async throws -> Int {
        var children: [Int: [Int]] = [:]
        for (index, unit) in city.units.enumerated() { if let parent = unit.parent { children[parent, default: []].append(index) } }
        func subtree(_ root: Int) -> [Int] { [root] + (children[root] ?? []).flatMap(subtree) }

        var rows = 0
        var recipients: [NoticeService.RecipientRow] = []
        for office in city.units where office.kind == .office {
            guard let government = office.parent else { continue }
            let isCity = city.units[government].parent == nil
            let column = NoticeColumn()
            column.id = UUID()
            column.unitID = office.id
            column.name = Strings.Seed.noticeColumn
            column.isPublic = false
            column.publisherRole = BuiltinRole.clerk.rawValue
            column.processKey = NoticeProcesses.internalReview
            column.sortOrder = 1
            column.isDisabled = false
            column.updatedAt = now
            try await column.create(on: db)
            rows += 1
            let readers = subtree(government).flatMap { unit in city.units[unit].members.keys.compactMap(UUID.init(uuidString:)).map { (user: $0, unit: city.units[unit].id) } }
            let audience = try NoticeAudience(units: [.init(unit: city.units[government].id, withSubunits: true)]).encoded()
            let count = isCity ? cityNotices : countyNotices
            var notices: [Notice] = []
            for number in 0..<count {
                let published = now.addingTimeInterval(-days * 86_400 * Double(count - number) / Double(count) + Double(random.int(0...3_600)))
                let notice = Notice()
                notice.id = UUID()
                notice.unitID = office.id
                notice.columnID = try column.requireID()
                notice.authorID = office.clerk
                notice.title = String(format: random.pick(forms), random.pick(subjects))
                notice.body = Strings.Seed.noticeBody(office.name)
                notice.blocks = String(decoding: try JSONEncoder().encode(NoticeMarkup.parse(notice.body)), as: UTF8.self)
                notice.audience = audience
                notice.status = Notice.Status.published.rawValue
                notice.important = random.chance(0.2)
                notice.pinnedUntil = isCity && number == count - 1 ? now.addingTimeInterval(5 * 86_400) : nil
                notice.expiresAt = random.chance(0.3) ? published.addingTimeInterval(30 * 86_400) : nil
                let replyAsked = random.chance(0.25)
                notice.replyFields = replyAsked ? #"["attendance","count","contact"]"# : "[]"
                notice.version = 1
                notice.publishedAt = published
                notice.createdAt = published.addingTimeInterval(-3_600)
                notice.updatedAt = published
                notices.append(notice)
                let recent = now.timeIntervalSince(published) < 7 * 86_400
                for reader in readers where reader.user != office.clerk {
                    var row = NoticeService.RecipientRow(id: UUID(), noticeID: try notice.requireID(), userID: reader.user, unitID: reader.unit,
                                                         createdAt: published)
                    if random.chance(recent ? 0.5 : 0.9) {
                        let read = published.addingTimeInterval(random.exponential(mean: 8 * 3_600))
                        row.readAt = min(read, now)
                        if replyAsked, random.chance(0.8) {
                            row.reply = #"{"attending":true,"count":1,"contact":"联系人"}"#
                            row.repliedAt = row.readAt
                        }
                    }
                    recipients.append(row)
                }
            }
            try await SeedWriter.insert(notices, on: db)
            rows += notices.count
        }
        try await BulkInsert.rows(into: NoticeRecipient.schema, recipients, on: db)
        return rows + recipients.count
    }
}
