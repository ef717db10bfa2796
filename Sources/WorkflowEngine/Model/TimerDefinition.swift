import Foundation

/// When a timer fires, as BPMN writes it in ISO 8601: `timeDuration` (`PT2H`, `P3D`),
/// `timeDate` (`2026-12-01T09:00:00+08:00`) or `timeCycle` (`R3/P1D`, `R/PT1H`, `R2/2026-12-01T09:00:00Z/P1D`).
public enum TimerDefinition: Sendable, Equatable {
    case duration(ISODuration)
    case date(Date)
    /// `repetitions` nil means unbounded (`R/…`); `start` nil means from when the timer is armed.
    case cycle(repetitions: Int?, interval: ISODuration, start: Date?)
}
