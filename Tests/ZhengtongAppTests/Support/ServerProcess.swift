import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import ZhengtongApp

/// The real `zhengtong serve` binary in a child process, on a database a test prepared: for tests of
/// several server processes sharing one database.
final class ServerProcess: @unchecked Sendable {
    let port: Int
    private let process = Process()
    private let log: URL

    /// The binary sits beside the test bundle (`swift build --build-tests` builds both).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("zhengtong")
    }

    static func databaseURL(_ target: AppConfig.DatabaseTarget) -> String? {
        switch target {
        case .sqlite(let path): "sqlite://" + path
        case .postgres(let url): url
        case .sqliteMemory: nil
        }
    }

    init(database: String, environment extra: [String: String] = [:]) throws {
        port = freeLoopbackPort()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("zt-server-\(port).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = Self.binary
        process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database
        environment["ZHENGTONG_BCRYPT_COST"] = "4"
        environment["ZHENGTONG_JOB_INTERVAL"] = "3600"
        environment["ZHENGTONG_DATA_DIR"] = FileManager.default.temporaryDirectory.appendingPathComponent("zt-server-\(port)").path
        environment.merge(extra) { _, given in given }
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// Waits until `/healthz` answers (30 s at most).
    func waitUntilUp() async throws {
        for _ in 0..<300 {
            if let (_, response) = try? await URLSession.shared.data(from: url("/healthz")), (response as? HTTPURLResponse)?.statusCode == 200 { return }
            guard process.isRunning else { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw TestSetupError("server on port \(port) did not start: " + ((try? String(contentsOf: log, encoding: .utf8)) ?? ""))
    }

    /// What the server has logged so far.
    func logText() -> String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// Sends JSON; returns the status and the body. The exchange is held to `openapi.json` (``OpenAPIContract``).
    func send(_ method: String, _ path: String, json: String, token: String? = nil, headers: [String: String] = [:],
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> (Int, Data) {
        var request = URLRequest(url: url(path))
        request.httpMethod = method
        request.httpBody = Data(json.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        let status = http?.statusCode ?? 0
        OpenAPIContract.shipped.expectConforms(
            .init(method: method, target: path, requestContentType: "application/json", requestBody: Data(json.utf8), status: status,
                  responseContentType: http?.value(forHTTPHeaderField: "Content-Type"), responseBody: data),
            sourceLocation: sourceLocation)
        return (status, data)
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
    }
}
