import Foundation

/// One measured run, printed as a readable line or as the JSON object `bench_spiff.py` also prints
/// (same keys, so `benchmarks/engine_vs_spiff.sh` reads both alike).
struct BenchResult: Sendable {
    var engine = "zhengtong"
    var process: String
    /// Instances started and completed, over all rounds.
    var instances: Int
    var rounds: Int
    var countersigners: Int
    var tasksCompleted: Int
    var startSeconds: Double
    var completionSeconds: Double

    var startsPerSecond: Double { Double(instances) / startSeconds }
    var completionsPerSecond: Double { Double(tasksCompleted) / completionSeconds }
    var seconds: Double { startSeconds + completionSeconds }

    var line: String {
        "\(engine) \(process): \(instances) starts in \(Self.fixed(startSeconds, 3)) s = \(Self.fixed(startsPerSecond, 0)) starts/s; "
            + "\(tasksCompleted) task completions (\(Self.fixed(Double(tasksCompleted) / Double(instances), 1)) per instance) in "
            + "\(Self.fixed(completionSeconds, 3)) s = \(Self.fixed(completionsPerSecond, 0)) completions/s"
    }

    /// One JSON object on one line; numbers as plain decimals.
    var json: String {
        let fields: [(String, String)] = [
            ("engine", Self.quoted(engine)),
            ("process", Self.quoted(process)),
            ("instances", "\(instances)"),
            ("rounds", "\(rounds)"),
            ("countersigners", "\(countersigners)"),
            ("starts_per_s", Self.fixed(startsPerSecond, 1)),
            ("completions_per_s", Self.fixed(completionsPerSecond, 1)),
            ("tasks_completed", "\(tasksCompleted)"),
            ("seconds", Self.fixed(seconds, 4)),
            ("start_seconds", Self.fixed(startSeconds, 4)),
            ("completion_seconds", Self.fixed(completionSeconds, 4)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    private static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// Process ids are XML ids (no quotes or backslashes), but escape anyway so the output is always JSON.
    private static func quoted(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
