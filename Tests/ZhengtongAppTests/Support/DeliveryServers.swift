import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import ZhengtongApp

/// A helper process the tests run for real: `scripts/lib/sms_gateway.py` (an HTTP SMS gateway that checks the
/// signature) or `scripts/lib/smtp_sink.py` (aiosmtpd with STARTTLS and a required login). Started on a free port;
/// what it received is read back from its JSON-lines log.
final class DeliveryHelperProcess: @unchecked Sendable {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/lib")
    /// Debian's Python, where `python3-aiosmtpd` is installed (`scripts/test` installs it).
    static let python = "/usr/bin/python3"

    let directory: URL
    let log: URL
    private let process = Process()
    /// The words after READY: the port, and for the mail sink the CA file.
    private(set) var ready: [String] = []

    init(script: String, arguments: [String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("zt-\(script)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        log = directory.appendingPathComponent("received.jsonl")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.scripts.appendingPathComponent(script).path, "--log", log.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let line = firstLine(of: output)
        let words = line.split(separator: " ").map(String.init)
        guard words.first == "READY", words.count >= 2 else {
            stop()
            throw TestSetupError("\(script) did not start (is python3-aiosmtpd installed for \(Self.python)?): \(line)")
        }
        ready = Array(words.dropFirst())
    }

    var port: Int { Int(ready[0]) ?? 0 }

    /// Every JSON line received so far.
    func received() -> [[String: Any]] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Waits until `count` lines have arrived (`seconds` at most) and returns them.
    func waitFor(_ count: Int, seconds: Double = 20) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let lines = received()
            if lines.count >= count { return lines }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return received()
    }

    func stop() {
        if process.isRunning { process.terminate() }
        // A helper that does not stop on SIGTERM within two seconds is killed.
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    static let secret = "test-shared-secret-0123456789"

    /// The SMS gateway; `failFirst` requests answered 503, `callback` reports delivery back.
    static func smsGateway(failFirst: Int = 0, callback: Bool = false) throws -> DeliveryHelperProcess {
        try DeliveryHelperProcess(script: "sms_gateway.py", arguments: ["--secret", secret, "--fail-first", String(failFirst)] + (callback ? ["--callback"] : []))
    }

    /// The mail server (STARTTLS, login `zhengtong` / `sink-password`).
    static func smtpSink() throws -> DeliveryHelperProcess {
        let process = try DeliveryHelperProcess(script: "smtp_sink.py", arguments: ["--dir", FileManager.default.temporaryDirectory.appendingPathComponent("zt-smtp-ca-\(UUID().uuidString.prefix(8))").path])
        return process
    }

    var caFile: String { ready.count > 1 ? ready[1] : "" }

    /// The platform's settings for these helpers.
    static func config(sms: DeliveryHelperProcess?, smtp: DeliveryHelperProcess?) -> DeliveryConfig {
        DeliveryConfig(sms: sms.map { .init(url: URL(string: "http://127.0.0.1:\($0.port)/sms")!, secret: secret) },
                       smtp: smtp.map { .init(host: "localhost", port: $0.port, security: .starttls, username: "zhengtong", password: "sink-password",
                                              from: "oa@qh.gov.example", caFile: $0.caFile) })
    }
}
