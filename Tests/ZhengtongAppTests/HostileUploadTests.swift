import Fluent
import Gongwen
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TextSearch
import Vapor
import VaporTesting
@testable import ZhengtongApp

@Suite("恶意附件不会冻住服务器：附件取文字在索引的线程池里进行，工作量有上限", .serialized)
struct HostileUploadTests {
    /// Asks `/healthz` again and again while it runs; the slowest answer (a failed request counts as endless).
    final class LivenessProbe: Sendable {
        private let task: Task<(worst: Duration, answers: Int), Never>

        init(_ server: ServerProcess) {
            let url = server.url("/healthz")
            task = Task {
                let configuration = URLSessionConfiguration.ephemeral
                configuration.timeoutIntervalForRequest = 30
                let session = URLSession(configuration: configuration)
                var worst = Duration.zero
                var answers = 0
                while !Task.isCancelled {
                    let start = ContinuousClock.now
                    let status = try? await session.data(from: url).1 as? HTTPURLResponse
                    // The request stop() interrupts is no answer of the server's.
                    guard !Task.isCancelled else { break }
                    let took = ContinuousClock.now - start
                    worst = max(worst, status?.statusCode == 200 ? took : .seconds(3600))
                    answers += 1
                    try? await Task.sleep(for: .milliseconds(100))
                }
                return (worst, answers)
            }
        }

        func stop() async -> (worst: Duration, answers: Int) {
            task.cancel()
            return await task.value
        }
    }

    @Test("重叠条目的 OFD、八个 Word 压缩炸弹、250 页的 16 MB OFD 作为草稿附件上传：/healthz 始终一秒内应答，文稿仍能按标题和附件名查到，日志写明哪个文件超了哪项上限",
          .timeLimit(.minutes(10)))
    func hostileAttachmentsDoNotFreezeTheServer() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            // given: a draft per file, and the files an attacker would upload
            let uploads: [(title: String, file: String, data: Data)] = try [("抗压测试甲", "重叠条目.ofd", HostileAttachments.overlappingOFD())]
                + (1...8).map { ("抗压测试炸弹\($0)号", "压缩炸弹\($0)号.docx", try HostileAttachments.docxBomb()) }
                + [("抗压测试乙", "二百五十页.ofd", HostileAttachments.bigOFD())]
            #expect(uploads[0].data.count < 256 * 1024 && uploads[1].data.count < 256 * 1024)
            #expect((12 * 1024 * 1024..<UploadedFiles.maximumSize).contains(uploads[9].data.count), "\(uploads[9].data.count)")
            let drafter = try await CityFixture.user("huangl", on: app)
            let code = try #require(try await IssuerCode.query(on: app.db).filter(\.$code == "江政办发").first())
            var drafts: [UUID] = []
            for upload in uploads {
                let draft = try await app.write { db in
                    let draft = try await OutgoingService.create(kind: .notice, code: code, by: drafter, departmentID: nil, on: db)
                    var content = try draft.document()
                    content.title = upload.title
                    try await OutgoingService.save(draft, content: content, expectedVersion: draft.version, by: try drafter.requireID(), step: "拟稿", on: db)
                    return draft
                }
                drafts.append(try draft.requireID())
            }
            let server = try ServerProcess(database: try #require(ServerProcess.databaseURL(app.config.database)))
            defer { server.stop() }
            try await server.waitUntilUp()
            let probe = LivenessProbe(server)

            // when: 黄磊 attaches each file to its draft through the pages of the running server
            let huang = try await ServerPageSession.signIn("huangl", on: server)
            for (draft, upload) in zip(drafts, uploads) {
                let path = SiteURL.outgoing.link(draft)
                #expect(try await huang.get(path).0 == 200)
                let (status, _) = try await huang.upload(path + "/attachments", field: "file", filename: upload.file, contents: upload.data)
                #expect(status == 303, "\(upload.file)")
            }

            // then: the index worker gets through them all — each draft found by its title and its file's name —
            let (_, body) = try await server.send("POST", "/api/v1/auth/token", json: #"{"username":"huangl","password":"\#(testPassword)"}"#)
            let token = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])["token"] as? String
            func found(_ words: String) async throws -> [String] {
                let query = words.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                var request = URLRequest(url: server.url("/api/v1/search?q=\(query)"))
                request.setValue("Bearer \(token ?? "")", forHTTPHeaderField: "Authorization")
                let (data, _) = try await URLSession.shared.data(for: request)
                let items = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["items"] as? [[String: Any]] ?? []
                return items.compactMap { $0["id"] as? String }
            }
            var missing = Array(zip(drafts, uploads))
            let deadline = ContinuousClock.now + .seconds(300)
            while !missing.isEmpty, ContinuousClock.now < deadline {
                var still: [(UUID, (title: String, file: String, data: Data))] = []
                for (draft, upload) in missing {
                    let name = (upload.file as NSString).deletingPathExtension
                    let byTitle = try await found(upload.title).contains(draft.uuidString)
                    let byName = try await found(name).contains(draft.uuidString)
                    if !(byTitle && byName) { still.append((draft, upload)) }
                }
                missing = still
                if !missing.isEmpty { try await Task.sleep(for: .seconds(1)) }
            }
            let (worst, answers) = await probe.stop()
            #expect(missing.isEmpty, "not searchable: \(missing.map(\.1.file))")
            // — while the server answered every health check within a second,
            #expect(worst < .seconds(1), "slowest /healthz: \(worst) of \(answers)")
            #expect(answers > 10)
            // — and says which file it indexed by name only, and why.
            let log = server.logText()
            #expect(log.contains("重叠条目.ofd") && log.contains("unsafe ZIP container"))
            #expect((1...8).allSatisfy { log.contains("压缩炸弹\($0)号.docx") } && log.contains("bytes to inflate"))
            #expect(log.contains("二百五十页.ofd"))
        }
    }

    @Test("附件超出取文字的上限：文稿按附件名仍能查到，附件里的字查不到，日志写明文件和上限")
    func attachmentOverTheLimitIsIndexedByName() async throws {
        try await withApp(configure: { $0.extractionLimits = ExtractionLimits(processorTime: .zero) }) { app in
            try await CityFixture.make(on: app)
            let log = CapturedLog()
            app.logger = log.logger
            // given: a PDF attachment whose words reading would find (no time at all to read it in)
            let draft = try #require(try await OutgoingDocument.query(on: app.db).filter(\.$status == "drafting").first())
            let huang = try await CityFixture.signedIn("huangl", app)
            let path = SiteURL.outgoing.link(try draft.requireID())
            try await huang.get(path)
            let pdf = "%PDF-1.4\n4 0 obj\n<< /Length 36 >>\nstream\nBT (Bluewhale scoring plan) Tj ET\nendstream\nendobj\n%%EOF\n"
            #expect(try await huang.upload(path + "/attachments", field: "file", filename: "评议细则.pdf", content: pdf).status == .seeOther)
            // when
            try await SearchIndex.runPending(app: app)
            // then
            let api = try await APIClient.signIn(app, "huangl")
            func found(_ words: String) async throws -> [UUID] {
                let query = words.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return try await api.get("/api/v1/search?q=\(query)").content.decode(SearchPagesController.APIResults.self).items.map(\.id)
            }
            #expect(try await found("评议细则") == [draft.id])
            #expect(try await found("bluewhale").isEmpty)
            #expect(log.text.contains("indexed by name only") && log.text.contains("评议细则.pdf") && log.text.contains("processor time"))
        }
    }
}
