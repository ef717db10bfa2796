import Foundation
import Testing
@testable import WorkflowEngine

/// Timer start events: when a deployed process is due to start (the application's job asks), and starting there.
@Suite("Timer start events")
struct TimerStartTests {
    func at(_ text: String) -> Date { ISODateTime.parse(text)! }

    /// 领导活动安排: collected every week, or on whatever timer the test gives.
    func collection(_ timer: String, form: TimerDefinition.Form = .timeCycle, workdays: Bool = false) -> ProcessDefinition {
        var model = ModelBuilder()
        model.node("weekly", .timerStart(TimerDefinition(form: form, text: timer)!), name: "每周一")
        model.node("collect", .userTask, name: "汇总领导活动安排", assignee: "zhaom")
        model.node("end", .endEvent(terminate: false))
        model.chain("weekly", "collect", "end")
        var definition = model.build()
        definition.nodes["weekly"]?.countsWorkingDays = workdays
        return definition
    }

    let deployed = ISODateTime.parse("2026-12-01T10:00:00+08:00")!

    @Test("a weekly cycle from Monday 09:00 Beijing time: the first start, the next after one has run, and one months later")
    func weeklyCycle() {
        let process = collection("R/2026-12-07T09:00:00+08:00/P7D")
        #expect(process.nextTimerStarts(deployedAt: deployed, after: deployed)
            == [TimerStartDue(startEvent: "weekly", due: at("2026-12-07T01:00:00Z"), occurrence: 1, remaining: nil)])
        // The moment itself is done once started: the next is a week later.
        #expect(process.nextTimerStarts(deployedAt: deployed, after: at("2026-12-07T09:00:00+08:00")).first?.due == at("2026-12-14T09:00:00+08:00"))
        let spring = process.nextTimerStarts(deployedAt: deployed, after: at("2027-03-01T00:00:00Z"))
        #expect(spring == [TimerStartDue(startEvent: "weekly", due: at("2027-03-01T09:00:00+08:00"), occurrence: 13, remaining: nil)])
    }

    @Test("the same moment written in UTC or another offset is due at the same instant; days are Beijing days, so no summer time moves it")
    func timeZones() {
        let utc = collection("R/2026-12-07T01:00:00Z/P7D")
        #expect(utc.nextTimerStarts(deployedAt: deployed, after: deployed).first?.due == at("2026-12-07T09:00:00+08:00"))
        let newYork = collection("R2/2026-12-06T20:00:00-05:00/P1D")
        #expect(newYork.timerStarts(deployedAt: deployed, after: deployed, through: at("2027-01-01T00:00:00Z")).map(\.due)
            == [at("2026-12-07T01:00:00Z"), at("2026-12-08T01:00:00Z")])
        // 8 March 2026 New York moves its clocks; a daily cycle keeps 24 hours, as Beijing's days have.
        let acrossSummerTime = collection("R3/2026-03-07T09:00:00-05:00/P1D")
        let early = at("2026-03-01T00:00:00Z")
        let dues = acrossSummerTime.timerStarts(deployedAt: early, after: early, through: at("2026-04-01T00:00:00Z")).map(\.due)
        #expect(dues == [at("2026-03-07T14:00:00Z"), at("2026-03-08T14:00:00Z"), at("2026-03-09T14:00:00Z")])
    }

    @Test("R3/PT1H counts from the deployment: three starts, then none; remaining counts down")
    func boundedCycleWithoutStart() {
        let process = collection("R3/PT1H")
        let starts = process.timerStarts(deployedAt: deployed, after: deployed, through: deployed.addingTimeInterval(86_400))
        #expect(starts.map(\.due) == [1, 2, 3].map { deployed.addingTimeInterval(Double($0) * 3600) })
        #expect(starts.map(\.remaining) == [2, 1, 0])
        #expect(starts.map(\.occurrence) == [1, 2, 3])
        #expect(process.nextTimerStarts(deployedAt: deployed, after: deployed.addingTimeInterval(3 * 3600)) == [])
    }

    @Test("a cycle that began before the deployment: starts before it are not run but count, and a spent one has none")
    func cycleBeganEarlier() {
        let process = collection("R/2026-11-02T09:00:00+08:00/P7D")
        #expect(process.nextTimerStarts(deployedAt: deployed, after: at("2026-01-01T00:00:00Z"))
            == [TimerStartDue(startEvent: "weekly", due: at("2026-12-07T09:00:00+08:00"), occurrence: 6, remaining: nil)])
        #expect(collection("R3/2026-11-02T09:00:00+08:00/P7D").nextTimerStarts(deployedAt: deployed, after: deployed) == [])
    }

    @Test("a monthly cycle from 31 January is due on the last of February and on 31 March, not on the 28th ever after")
    func monthlyCycle() {
        let process = collection("R/2027-01-31T09:00:00+08:00/P1M")
        #expect(process.nextTimerStarts(deployedAt: deployed, after: at("2027-02-01T00:00:00Z")).first?.due == at("2027-02-28T09:00:00+08:00"))
        #expect(process.nextTimerStarts(deployedAt: deployed, after: at("2027-03-01T00:00:00Z")).first?.due == at("2027-03-31T09:00:00+08:00"))
    }

    @Test("timeDate starts once at its date; timeDuration once, that long after the deployment; a date before it never")
    func oneShot() {
        let date = collection("2026-12-25T09:00:00+08:00", form: .timeDate)
        #expect(date.nextTimerStarts(deployedAt: deployed, after: deployed)
            == [TimerStartDue(startEvent: "weekly", due: at("2026-12-25T09:00:00+08:00"), occurrence: 1, remaining: 0)])
        #expect(date.nextTimerStarts(deployedAt: deployed, after: at("2026-12-25T09:00:00+08:00")) == [])
        #expect(date.nextTimerStarts(deployedAt: at("2027-01-01T00:00:00Z"), after: at("2026-01-01T00:00:00Z")) == [])
        let duration = collection("P2D", form: .timeDuration)
        #expect(duration.nextTimerStarts(deployedAt: deployed, after: deployed).first?.due == at("2026-12-03T10:00:00+08:00"))
    }

    @Test("zt:calendar=\"workdays\": a daily cycle from a Friday is next due on Monday")
    func workingDays() {
        let process = collection("R/2026-12-04T09:00:00+08:00/P1D", workdays: true)
        #expect(process.nextTimerStarts(deployedAt: deployed, after: at("2026-12-04T09:00:00+08:00")).first?.due == at("2026-12-07T09:00:00+08:00"))
        let calendarDays = collection("R/2026-12-04T09:00:00+08:00/P1D")
        #expect(calendarDays.nextTimerStarts(deployedAt: deployed, after: at("2026-12-04T09:00:00+08:00")).first?.due == at("2026-12-05T09:00:00+08:00"))
    }

    @Test("a job that was down catches up at most `limit` starts, earliest first, across start events")
    func catchUpIsLimited() {
        var model = ModelBuilder()
        model.node("hourly", .timerStart(.cycle(repetitions: nil, interval: ISODuration(hours: 1), start: nil)))
        model.node("daily", .timerStart(.cycle(repetitions: nil, interval: ISODuration(days: 1), start: nil)))
        model.node("end", .endEvent(terminate: false))
        model.chain("hourly", "end")
        model.chain("daily", "end")
        let process = model.build()
        let starts = process.timerStarts(deployedAt: deployed, after: deployed, through: deployed.addingTimeInterval(30 * 3600), limit: 25)
        #expect(starts.count == 25)
        #expect(starts.map(\.due) == starts.map(\.due).sorted())
        #expect(starts.filter { $0.startEvent == "daily" }.map(\.due) == [deployed.addingTimeInterval(86_400)])
        // A cycle every minute, asked about two years on, is found without walking every minute.
        let minutes = collection("R/PT1M")
        let later = deployed.addingTimeInterval(2 * 365 * 86_400 + 30)
        #expect(minutes.nextTimerStarts(deployedAt: deployed, after: later).first?.due == deployed.addingTimeInterval(2 * 365 * 86_400 + 60))
    }

    @Test("starting from the timer start event: the token begins there and the history says the timer fired")
    func startFromTimer() throws {
        let runner = ProcessRunner(definition: collection("R/2026-12-07T09:00:00+08:00/P7D"))
        let due = at("2026-12-07T09:00:00+08:00")
        let outcome = try runner.startFromTimer("weekly", instanceID: "w1", initiator: "system", at: due)
        #expect(outcome.events.prefix(2) == [.processStarted(process: "p"), .timerFired(timer: "weekly", activity: nil)])
        #expect(outcome.instance.openTasks.map(\.node) == ["collect"])
        #expect(outcome.instance.startedAt == due)
        #expect(throws: EventError.notATimerStart(node: "collect", process: "p")) {
            _ = try runner.startFromTimer("collect", instanceID: "w2", initiator: "system", at: due)
        }
        // It has no none start event: a plain start is refused, not run from the timer.
        #expect(throws: WorkflowError.noStartEvent(process: "p")) {
            _ = try runner.start(instanceID: "w3", initiator: "zhaom", at: due)
        }
    }
}
