import Foundation
import SwiftASN1

/// The seal structures' times: GeneralizedTime in UTC to the second (`20260105023000Z`).
enum SESDate {
    static func generalized(_ date: Date) throws -> GeneralizedTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return try GeneralizedTime(year: parts.year!, month: parts.month!, day: parts.day!, hours: parts.hour!,
                                   minutes: parts.minute!, seconds: parts.second!, fractionalSeconds: 0)
    }

    static func date(_ time: GeneralizedTime) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: time.year, month: time.month, day: time.day, hour: time.hours,
                                        minute: time.minutes, second: time.seconds)
        return (calendar.date(from: components) ?? .distantPast) + time.fractionalSeconds
    }
}

extension DER.Serializer {
    /// The bytes serialized so far, as Data.
    var data: Data { Data(serializedBytes) }
}

/// Text that is not the structure it should be.
public struct SESFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { "not a GB/T 38540 structure: \(reason)" }
}
