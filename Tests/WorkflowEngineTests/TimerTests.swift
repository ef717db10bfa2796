import Foundation
import Testing
@testable import WorkflowEngine

@Suite("ISO 8601 timers")
struct TimerTests {
    @Test("durations parse and add in Beijing calendar time")
    func durations() throws {
        #expect(ISODuration(parsing: "PT2H") == ISODuration(hours: 2))
        #expect(ISODuration(parsing: "P1Y2M3DT4H5M6.5S") == ISODuration(years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6.5))
        #expect(ISODuration(parsing: "P2W") == ISODuration(weeks: 2))
        for bad in ["", "P", "PT", "2H", "P1H", "PT1D", "P-1D", "P1.5D", "PT1H2"] {
            #expect(ISODuration(parsing: bad) == nil, "\(bad)")
        }
        #expect(ISODuration(hours: 2).description == "PT2H")
        #expect(ISODuration(parsing: "P1M")!.added(to: Date(timeIntervalSince1970: 1_769_788_800)) // 2026-01-31 00:00 +08:00
                == Date(timeIntervalSince1970: 1_772_208_000))  // 2026-02-28 00:00 +08:00
    }

    @Test("dates and cycles parse; the cycle fires the given number of times")
    func datesAndCycles() throws {
        let date = try #require(TimerDefinition(form: .timeDate, text: "2026-12-01T09:00:00+08:00"))
        #expect(date == .date(Date(timeIntervalSince1970: 1_796_086_800)))
        let cycle = try #require(TimerDefinition(form: .timeCycle, text: "R3/P1D"))
        #expect(cycle == .cycle(repetitions: 3, interval: ISODuration(days: 1), start: nil))
        let armed = Date(timeIntervalSince1970: 1_790_000_000)
        let first = cycle.firstDue(armedAt: armed)
        #expect(first == armed.addingTimeInterval(86_400))
        #expect(cycle.nextDue(after: first, firedCount: 2) == first.addingTimeInterval(86_400))
        #expect(cycle.nextDue(after: first, firedCount: 3) == nil)
        #expect(TimerDefinition(form: .timeCycle, text: "R/PT1H") == .cycle(repetitions: nil, interval: ISODuration(hours: 1), start: nil))
        #expect(TimerDefinition(form: .timeCycle, text: "0 0 9 * * ?") == nil)
        #expect(TimerDefinition(form: .timeDuration, text: "PT0S") == nil)
        #expect(cycle.bpmn.text == "R3/P1D")
    }
}
