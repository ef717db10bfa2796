import Foundation
import Testing
@testable import WorkflowEngine

@Suite("ISO 8601 date-times as the engine reads and writes them")
struct ISODateTimeTests {
    @Test("a deadline with the Beijing offset reads as the same moment as its UTC spelling")
    func offsets() throws {
        let beijing = try #require(ISODateTime.parse("2026-11-23T18:00:00+08:00"))
        let utc = try #require(ISODateTime.parse("2026-11-23T10:00:00Z"))
        #expect(beijing == utc)
        #expect(ISODateTime.parse("2026-11-23T05:00:00-05:00") == utc)
        #expect(ISODateTime.parse("2026-11-23T10:00:00.250Z") == utc.addingTimeInterval(0.25))
    }

    @Test("writing then reading gives the same moment, across leap days and years before 1970")
    func roundTrip() throws {
        let beijing = try #require(TimeZone(identifier: "Asia/Shanghai"))
        for seconds in [0.0, 951_782_400, 1_709_164_800, 1_795_420_800, -86_400 * 365.0, 4_102_444_799] {
            let date = Date(timeIntervalSince1970: seconds)
            let text = ISODateTime.format(date, in: beijing)
            #expect(ISODateTime.parse(text) == date, "\(text)")
            #expect(text.hasSuffix("+08:00"))
        }
        #expect(ISODateTime.format(Date(timeIntervalSince1970: 1_709_164_800), in: beijing) == "2024-02-29T08:00:00+08:00")
        #expect(ISODateTime.format(Date(timeIntervalSince1970: 0), in: TimeZone(secondsFromGMT: 0)!) == "1970-01-01T00:00:00Z")
    }

    @Test("anything else is not this shape: the caller falls back to the general reader")
    func rejects() {
        for text in ["2026-02-30T10:00:00Z", "2026-11-23", "2026-11-23T25:00:00Z", "2026-11-23T10:00:00", "2026-11-23T10:00:00+0800",
                     "2026-11-23T10:00:00Zjunk", "２026-11-23T10:00:00Z", ""] {
            #expect(ISODateTime.parse(text) == nil, "\(text)")
        }
        // The general reader still takes a date without an offset as Beijing time.
        #expect(TimerDefinition.parseDate("2026-11-23T18:00:00") == ISODateTime.parse("2026-11-23T10:00:00Z"))
    }
}
