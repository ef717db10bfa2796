import Foundation
import Testing
import Gongwen

@Suite("成文日期与印发日期")
struct DocumentDateTests {
    @Test func formatsWithoutPadding() throws {
        #expect(try #require(DocumentDate(year: 2026, month: 1, day: 5)).formatted == "2026年1月5日")
        #expect(try #require(DocumentDate(year: 2026, month: 12, day: 31)).formatted == "2026年12月31日")
        #expect(try #require(DocumentDate(year: 2026, month: 10, day: 1)).description == "2026年10月1日")
    }

    @Test func formatsADateInBeijingByDefault() {
        // 2026-01-05 10:00 in Beijing.
        #expect(DocumentDate(utc(2026, 1, 5, 2, 0)).formatted == "2026年1月5日")
    }

    @Test func aDateJustAfterMidnightInBeijingIsTheNextDay() throws {
        // 16:30 UTC on 4 January is 00:30 on 5 January in Beijing.
        let instant = utc(2026, 1, 4, 16, 30)
        #expect(DocumentDate(instant).formatted == "2026年1月5日")
        #expect(DocumentDate(instant, in: .beijing).formatted == "2026年1月5日")
        #expect(DocumentDate(instant, in: try #require(TimeZone(identifier: "UTC"))).formatted == "2026年1月4日")
    }

    @Test func newYearsEveInUTCIsNewYearInBeijing() {
        #expect(DocumentDate(utc(2025, 12, 31, 16, 0)).formatted == "2026年1月1日")
        #expect(DocumentDate(utc(2025, 12, 31, 15, 59)).formatted == "2025年12月31日")
    }

    @Test func beijingIsUTCPlusEight() {
        #expect(TimeZone.beijing.secondsFromGMT(for: utc(2026, 7, 1, 0, 0)) == 8 * 3600)
    }

    @Test func rejectsDaysThatDoNotExist() {
        #expect(DocumentDate(year: 2026, month: 2, day: 29) == nil)
        #expect(DocumentDate(year: 2028, month: 2, day: 29) != nil)
        #expect(DocumentDate(year: 2100, month: 2, day: 29) == nil)
        #expect(DocumentDate(year: 2000, month: 2, day: 29) != nil)
        #expect(DocumentDate(year: 2026, month: 4, day: 31) == nil)
        #expect(DocumentDate(year: 2026, month: 13, day: 1) == nil)
        #expect(DocumentDate(year: 2026, month: 0, day: 1) == nil)
        #expect(DocumentDate(year: 2026, month: 1, day: 0) == nil)
    }

    @Test func aJointDocumentTakesTheLastSignaturesDate() throws {
        let dates = try [
            #require(DocumentDate(year: 2026, month: 1, day: 5)),
            #require(DocumentDate(year: 2026, month: 1, day: 12)),
            #require(DocumentDate(year: 2025, month: 12, day: 30)),
        ]
        #expect(dates.max()?.formatted == "2026年1月12日")
    }

    /// An instant given in UTC, so the tests do not depend on the machine's time zone.
    private func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        return calendar.date(from: components)!
    }
}
