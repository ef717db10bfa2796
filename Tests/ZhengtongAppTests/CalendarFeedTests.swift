import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// The iCalendar feed: the writer's text checked against RFC 5545's rules by the test itself (not a stored copy), and the
/// private URL — created, rotated, revoked (404), read without a session, cancellations as STATUS:CANCELLED.
@Suite("日历订阅：RFC 5545 规则（折行、转义、时区、UID）、订阅地址的生成、更换和停用", .serialized)
struct CalendarFeedTests {
    /// The physical lines of a document, checking that every one ends in CRLF and no bare CR or LF occurs.
    static func physicalLines(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Data] {
        let bytes = Array(text.utf8)
        #expect(bytes.suffix(2) == [13, 10], "the document ends with CRLF", sourceLocation: sourceLocation)
        var lines: [Data] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13 {
                #expect(index + 1 < bytes.count && bytes[index + 1] == 10, "CR without LF at \(index)", sourceLocation: sourceLocation)
                lines.append(Data(current))
                current = []
                index += 2
                continue
            }
            #expect(byte != 10, "LF without CR at \(index)", sourceLocation: sourceLocation)
            current.append(byte)
            index += 1
        }
        #expect(current.isEmpty, sourceLocation: sourceLocation)
        return lines
    }

    /// Content lines: physical lines at most 75 octets, each a whole UTF-8 sequence, continuations (a leading space) joined.
    static func contentLines(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        var result: [String] = []
        for line in physicalLines(text, sourceLocation: sourceLocation) {
            #expect(line.count <= 75, "a line of \(line.count) octets", sourceLocation: sourceLocation)
            let decoded = String(data: line, encoding: .utf8)
            #expect(decoded != nil, "a fold split a UTF-8 sequence", sourceLocation: sourceLocation)
            guard let decoded else { continue }
            if decoded.hasPrefix(" ") || decoded.hasPrefix("\t") {
                #expect(!result.isEmpty, "a continuation with nothing before it", sourceLocation: sourceLocation)
                result[result.count - 1] += String(decoded.dropFirst())
            } else {
                result.append(decoded)
            }
        }
        return result
    }

    /// A TEXT value read back (RFC 5545 3.3.11), failing on an escape the RFC does not define or an unescaped `;` or `,`.
    static func unescape(_ value: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        var result = ""
        var escaping = false
        for character in value {
            if escaping {
                switch character {
                case "\\": result.append("\\")
                case ";": result.append(";")
                case ",": result.append(",")
                case "n", "N": result.append("\n")
                default: Issue.record("undefined escape \\\(character)", sourceLocation: sourceLocation)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                #expect(character != ";" && character != ",", "unescaped \(character) in TEXT", sourceLocation: sourceLocation)
                result.append(character)
            }
        }
        #expect(!escaping, sourceLocation: sourceLocation)
        return result
    }

    /// The components as a tree, checking that BEGIN and END nest.
    struct Component {
        var name: String
        var properties: [(name: String, parameters: String, value: String)] = []
        var children: [Component] = []

        func values(_ property: String) -> [String] { properties.filter { $0.name == property }.map(\.value) }
        func parameters(_ property: String) -> [String] { properties.filter { $0.name == property }.map(\.parameters) }
    }

    static func parse(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Component? {
        var stack: [Component] = []
        var root: Component?
        for line in lines {
            // The name and parameters end at the first colon outside a quoted parameter value.
            var inQuotes = false
            var split: String.Index?
            for index in line.indices {
                if line[index] == "\"" { inQuotes.toggle() }
                if line[index] == ":" && !inQuotes { split = index; break }
            }
            guard let split else { Issue.record("no colon: \(line)", sourceLocation: sourceLocation); continue }
            let head = line[..<split], value = String(line[line.index(after: split)...])
            let name = String(head.prefix { $0 != ";" }), parameters = String(head.dropFirst(name.count))
            #expect(name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }, "bad name \(name)", sourceLocation: sourceLocation)
            if name == "BEGIN" {
                stack.append(Component(name: value))
            } else if name == "END" {
                guard let last = stack.popLast() else { Issue.record("END:\(value) with nothing open", sourceLocation: sourceLocation); continue }
                #expect(last.name == value, "END:\(value) closes \(last.name)", sourceLocation: sourceLocation)
                if stack.isEmpty { root = last } else { stack[stack.count - 1].children.append(last) }
            } else {
                #expect(!stack.isEmpty, "a property outside any component: \(line)", sourceLocation: sourceLocation)
                if !stack.isEmpty { stack[stack.count - 1].properties.append((name, parameters, value)) }
            }
        }
        #expect(stack.isEmpty, "unclosed: \(stack.map(\.name))", sourceLocation: sourceLocation)
        return root
    }

    /// Checks a whole feed against RFC 5545's rules; returns its events.
    static func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Component] {
        let calendar = try #require(parse(contentLines(text, sourceLocation: sourceLocation), sourceLocation: sourceLocation), sourceLocation: sourceLocation)
        #expect(calendar.name == "VCALENDAR", sourceLocation: sourceLocation)
        #expect(calendar.values("VERSION") == ["2.0"], sourceLocation: sourceLocation)
        #expect(calendar.values("PRODID").count == 1 && !(calendar.values("PRODID").first ?? "").isEmpty, sourceLocation: sourceLocation)
        let zones = calendar.children.filter { $0.name == "VTIMEZONE" }
        #expect(zones.count == 1 && zones.first?.values("TZID") == ["Asia/Shanghai"], sourceLocation: sourceLocation)
        let standard = zones.first?.children.filter { $0.name == "STANDARD" } ?? []
        #expect(standard.count == 1 && standard.first?.values("TZOFFSETTO") == ["+0800"] && standard.first?.values("TZOFFSETFROM") == ["+0800"],
                sourceLocation: sourceLocation)
        #expect(zones.first?.children.contains { $0.name == "DAYLIGHT" } == false, "China keeps no DST", sourceLocation: sourceLocation)
        let events = calendar.children.filter { $0.name == "VEVENT" }
        let local = #/^[0-9]{8}T[0-9]{6}$/#, utc = #/^[0-9]{8}T[0-9]{6}Z$/#
        for event in events {
            for required in ["UID", "DTSTAMP", "DTSTART"] {
                #expect(event.values(required).count == 1, "\(required) once in each VEVENT", sourceLocation: sourceLocation)
            }
            #expect((try? utc.wholeMatch(in: event.values("DTSTAMP").first ?? "")) != nil, "DTSTAMP in UTC", sourceLocation: sourceLocation)
            for property in ["DTSTART", "DTEND"] {
                #expect(event.parameters(property) == [";TZID=Asia/Shanghai"], sourceLocation: sourceLocation)
                #expect((try? local.wholeMatch(in: event.values(property).first ?? "")) != nil, sourceLocation: sourceLocation)
            }
            #expect(Int(event.values("SEQUENCE").first ?? "") != nil, sourceLocation: sourceLocation)
            #expect(["CONFIRMED", "CANCELLED"].contains(event.values("STATUS").first ?? ""), sourceLocation: sourceLocation)
            for text in ["SUMMARY", "LOCATION", "DESCRIPTION"] { for value in event.values(text) { _ = unescape(value, sourceLocation: sourceLocation) } }
        }
        return events
    }

    static func entry(_ uid: String, title: String, cancelled: Bool = false, updated: Date = Date(timeIntervalSince1970: 1_796_000_000)) -> CalendarEntry {
        let start = ScheduleClock.instant(DocumentDate(iso: "2026-12-08")!, minutes: 9 * 60)
        return CalendarEntry(uid: uid, kind: .leaderActivity, title: title, start: start, end: start.addingTimeInterval(9000), location: "市政府第一会议室, 3楼; 东侧",
                             detail: "陪同：王建国\n备注：着正装 \\ 提前到场", path: "/schedules", cancelled: cancelled, updatedAt: updated)
    }

    @Test("写出的日历符合 RFC 5545：CRLF、75 字节折行（不拆汉字）、转义、VTIMEZONE、TZID、UTC 的 DTSTAMP、稳定 UID、SEQUENCE 随修改增大、取消为 CANCELLED")
    func writerFollowsRFC() throws {
        let longTitle = String(repeating: "主持召开全市安全生产暨消防工作电视电话会议，", count: 4) + "A;B,C\\D"
        let writer = ICalendarWriter(name: "陈志强的日程", stamp: Date(timeIntervalSince1970: 1_796_100_000), baseURL: "https://oa.example.gov.cn")
        let text = writer.document([Self.entry("leader-activity-1@zhengtong", title: longTitle),
                                    Self.entry("leader-activity-2@zhengtong", title: "会见客商", cancelled: true)])
        let events = try Self.check(text)
        #expect(events.count == 2)
        // Folded (the title is far longer than a line), and read back whole.
        #expect(text.contains("\r\n "))
        #expect(Self.unescape(events[0].values("SUMMARY").first ?? "") == longTitle)
        #expect(Self.unescape(events[0].values("LOCATION").first ?? "") == "市政府第一会议室, 3楼; 东侧")
        #expect(Self.unescape(events[0].values("DESCRIPTION").first ?? "") == "陪同：王建国\n备注：着正装 \\ 提前到场")
        #expect(events[0].values("DTSTART") == ["20261208T090000"] && events[0].values("DTEND") == ["20261208T113000"])
        #expect(events[0].values("DTSTAMP") == [ICalendarWriter.utc(Date(timeIntervalSince1970: 1_796_100_000))])
        #expect(events[0].values("URL") == ["https://oa.example.gov.cn/schedules"])
        #expect(events[0].values("STATUS") == ["CONFIRMED"] && events[1].values("STATUS") == ["CANCELLED"])
        #expect(events.map { $0.values("UID").first ?? "" } == ["leader-activity-1@zhengtong", "leader-activity-2@zhengtong"])
        // A later change: the same UID, a larger SEQUENCE.
        let later = try Self.check(writer.document([Self.entry("leader-activity-1@zhengtong", title: "改", updated: Date(timeIntervalSince1970: 1_796_000_600))]))
        #expect(Int(later[0].values("SEQUENCE")[0])! > Int(events[0].values("SEQUENCE")[0])!)
        // Folding at the edge: a line of exactly 75 octets stays whole; 76 folds; a three-octet character is never split.
        #expect(ICalendarWriter.fold(String(repeating: "a", count: 75)) == String(repeating: "a", count: 75) + "\r\n")
        #expect(ICalendarWriter.fold(String(repeating: "a", count: 76)) == String(repeating: "a", count: 75) + "\r\n a\r\n")
        let chinese = ICalendarWriter.fold("SUMMARY:" + String(repeating: "日", count: 40))
        for line in Self.physicalLines(chinese) { #expect(line.count <= 75 && String(data: line, encoding: .utf8) != nil) }
        // Escaping: every special character, CRLF and CR as one line break, control characters dropped.
        #expect(ICalendarWriter.escape("a\\b;c,d\ne\r\nf\rg\u{7}") == "a\\\\b\\;c\\,d\\ne\\nf\\ng")
        // An empty calendar is still a valid one.
        #expect(try Self.check(writer.document([])).isEmpty)
    }

    @Test("订阅地址：生成后无需登录即可读取（text/calendar，含本人可见的活动，撤销的为 CANCELLED）；更换后旧地址 404；停用后 404；只保存摘要")
    func feedURL() async throws {
        try await withApp { app in
            try await LeaderScheduleTests.city(app)
            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            let huang = try await APIClient.signIn(app, "huangl")
            let today = DocumentDate(Date()).iso
            let kept = try await huang.send(.POST, "/api/v1/schedules/activities", body: try LeaderScheduleTests.activity(
                leader: chen, day: today, start: "09:00", end: "10:00", content: "听取全市重点项目进展汇报，研究下一步工作"))
            let dropped = try await huang.send(.POST, "/api/v1/schedules/activities", body: try LeaderScheduleTests.activity(
                leader: chen, day: today, start: "15:00", end: "16:00", content: "会见客商"))
            let droppedID = try dropped.content.get(UUID.self, at: "id")
            #expect(kept.status == .created)
            #expect(try await huang.request(.DELETE, "/api/v1/schedules/activities/\(droppedID)").status == .noContent)
            // 陈志强 makes his feed through the API.
            let chenAPI = try await APIClient.signIn(app, "chenzq")
            let made = try await chenAPI.request(.POST, "/api/v1/calendar/feed")
            #expect(made.status == .created)
            let url = try made.content.get(String.self, at: "url")
            let path = try #require(URLComponents(string: url)?.path)
            #expect(path.hasPrefix("/calendar/feed/") && path.hasSuffix(".ics"))
            let token = String(path.dropFirst("/calendar/feed/".count).dropLast(4))
            let stored = try #require(try await CalendarFeed.query(on: app.db).first())
            #expect(stored.tokenHash == SHA256Hex.of(token) && stored.tokenHash != token)
            // No session, no token header: the URL alone.
            let feed = try await app.testing().sendRequest(.GET, path)
            #expect(feed.status == .ok && feed.headers.contentType?.subType == "calendar")
            let events = try Self.check(feed.body.string)
            #expect(events.contains { Self.unescape($0.values("SUMMARY").first ?? "") == "听取全市重点项目进展汇报，研究下一步工作" && $0.values("STATUS") == ["CONFIRMED"] })
            #expect(events.contains { Self.unescape($0.values("SUMMARY").first ?? "") == "会见客商" && $0.values("STATUS") == ["CANCELLED"] })
            // 黄磊's feed names the leader.
            let huangFeed = try await huang.request(.POST, "/api/v1/calendar/feed")
            let huangPath = try #require(URLComponents(string: try huangFeed.content.get(String.self, at: "url"))?.path)
            #expect(try Self.check(try await app.testing().sendRequest(.GET, huangPath).body.string)
                .contains { Self.unescape($0.values("SUMMARY").first ?? "").hasPrefix("陈志强：") })
            // Rotated: the old URL is dead.
            let rotated = try await chenAPI.request(.POST, "/api/v1/calendar/feed")
            let newPath = try #require(URLComponents(string: try rotated.content.get(String.self, at: "url"))?.path)
            #expect(newPath != path)
            #expect(try await app.testing().sendRequest(.GET, path).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, newPath).status == .ok)
            // Revoked: 404; unknown tokens and other names 404 too.
            #expect(try await chenAPI.request(.DELETE, "/api/v1/calendar/feed").status == .noContent)
            #expect(try await app.testing().sendRequest(.GET, newPath).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/calendar/feed/nosuchtoken.ics").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/calendar/feed/" + token).status == .notFound)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["calendar.feed.create", "calendar.feed.rotate", "calendar.feed.revoke"]).count() == 4)
        }
    }

    @Test("日程页：生成订阅地址时显示一次，重新生成、停用")
    func feedOnPage() async throws {
        try await withApp { app in
            try await LeaderScheduleTests.city(app)
            let li = try await CityFixture.signedIn("lina", app)
            #expect(try await li.get("/calendar").body.string.contains("尚未启用日历订阅"))
            let made = try await li.post("/calendar/feed")
            #expect(made.status == .ok && made.body.string.contains("/calendar/feed/") && made.body.string.contains(".ics"))
            let shown = try await li.get("/calendar").body.string
            #expect(shown.contains("已启用日历订阅") && !shown.contains(".ics\""))
            #expect(try await li.post("/calendar/feed/revoke").status == .seeOther)
            #expect(try await CalendarFeed.query(on: app.db).count() == 0)
        }
    }
}
