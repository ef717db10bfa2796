import Fluent
import Foundation
import Gongwen
import OFDCheck
import Testing
import Vapor
import VaporTesting
import ZIPFoundation
@testable import ZhengtongApp

@Suite("归档：待归档、件号与档号、归档章、目录、更正、档案包导出与检查", .serialized)
struct ArchiveTests {
    static var year: Int { DocumentDateYear.now }

    /// Files the dispatched notice as 钱芳 (class 01, 定期30年); the item.
    static func fileNotice(_ app: Application, _ officer: Browser) async throws -> ArchiveItem {
        let notice = try await CityFixture.dispatched(on: app)
        let pending = try await officer.get(SiteURL.archivePending.path).body.string
        #expect(pending.contains(CityFixture.dispatchedTitle) && pending.contains("定期30年"))
        let filed = try await officer.post(SiteURL.archiveFileDocument.link("outgoing", try notice.requireID()), [("classCode", "01"), ("retention", "D30")])
        #expect(filed.status == .seeOther)
        return try #require(try await ArchiveItem.query(on: app.db).filter(\.$sourceID == notice.requireID()).first())
    }

    @Test("档案员把已封发的通知归档：档号按 DA/T 22 编制，件号四位补零，文件齐全并有校验值，正本首页有归档章；不能重复归档")
    func fileOutgoing() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let qian = try await CityFixture.signedIn("qianf", app)
            // The officer was told when it was dispatched.
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == "filing").filter(\.$userID == CityFixture.user("qianf", on: app).requireID()).count() == 1)
            let item = try await Self.fileNotice(app, qian)
            #expect(item.archiveCode == "JB-ZFB-WS·\(Self.year)-D30-01-0001")
            #expect(item.className == "秘书一科" && item.responsible == "江北市人民政府办公室" && item.number?.hasPrefix("江政办发〔") == true)
            let files = try await ArchiveItemFile.query(on: app.db).filter(\.$itemID == item.requireID()).sort(\.$sortOrder).all()
            #expect(files.map(\.name) == ["正本.ofd", "定稿及修改记录.json", "发文稿纸.html"])
            #expect(files.allSatisfy { $0.sha256 == SHA256Hex.of($0.data) })
            // The stamped OFD carries the 归档章's values on its first page.
            let ofd = try Archive(data: try #require(files.first?.data), accessMode: .read)
            var page = Data()
            _ = try ofd.extract(try #require(ofd["Doc_0/Pages/Page_0/Content.xml"])) { page.append($0) }
            let text = String(decoding: page, as: UTF8.self)
            for value in ["JB-ZFB", "0001", "30年", "秘书一科", String(Self.year)] { #expect(text.contains(">\(value)<"), "stamp lacks \(value)") }
            let history = String(decoding: files[1].data, as: UTF8.self)
            #expect(history.contains("\"step\" : \"签发\"") || history.contains("签发"))
            #expect(String(decoding: files[2].data, as: UTF8.self).contains("发文稿纸") && String(decoding: files[2].data, as: UTF8.self).contains("王建国"))

            // The item page, the stamped print view, and no second filing.
            let itemPath = SiteURL.archiveItem.link(try item.requireID())
            let shown = try await qian.get(itemPath).body.string
            #expect(shown.contains(item.archiveCode) && shown.contains(files[0].sha256))
            let printed = try await qian.get(SiteURL.archiveItemPrint.link(try item.requireID())).body.string
            #expect(printed.contains(">0001<") && printed.contains(">JB-ZFB<"))
            let again = try await qian.post(SiteURL.archiveFileDocument.link("outgoing", item.sourceID), [("classCode", "01"), ("retention", "D30")])
            #expect(again.status == .conflict && again.body.string.contains("已归档"))
            #expect(!(try await qian.get(SiteURL.archivePending.path).body.string.contains(CityFixture.dispatchedTitle)))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "archive.file").count() == 1)
        }
    }

    @Test("件号在年度、分类、保管期限内从 1 连续编号；目录可按条件筛选并导出 CSV；更正须写原因并留痕")
    func numberingCatalogueAndCorrection() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let officer = try await CityFixture.user("qianf", on: app)
            let documents = try await OutgoingDocument.query(on: app.db).all()
            // Three documents marked dispatched for the numbering (filing reads only finished ones).
            for document in documents where document.status != "dispatched" {
                document.status = "dispatched"
                try await document.update(on: app.db)
            }
            var codes: [String] = []
            for (document, retention) in zip(documents.sorted { $0.title < $1.title }, [Retention.thirtyYears, .thirtyYears, .tenYears, .thirtyYears]) {
                let item = try await app.write { db in
                    try await ArchiveFiling.file(.outgoing, id: try document.requireID(), classCode: "02", retention: retention, by: try officer.requireID(),
                                                 actor: .system("test"), at: Date(), on: db)
                }
                codes.append(item.archiveCode)
            }
            let prefix = "JB-ZFB-WS·\(Self.year)"
            #expect(codes == ["\(prefix)-D30-02-0001", "\(prefix)-D30-02-0002", "\(prefix)-D10-02-0001", "\(prefix)-D30-02-0003"])

            let qian = try await CityFixture.signedIn("qianf", app)
            let catalogue = try await qian.get(SiteURL.archive.path + "?retention=D10").body.string
            #expect(catalogue.contains("\(prefix)-D10-02-0001") && !catalogue.contains("\(prefix)-D30-02-0001"))
            let csv = try await qian.get(SiteURL.archiveCSV.path + "?year=\(Self.year)")
            #expect(csv.body.string.hasPrefix("\u{FEFF}") && csv.body.string.contains("\(prefix)-D30-02-0003"))

            let item = try #require(try await ArchiveItem.query(on: app.db).filter(\.$archiveCode == "\(prefix)-D10-02-0001").first())
            let path = SiteURL.archiveItemCorrect.link(try item.requireID())
            try await qian.get(SiteURL.archiveItem.link(try item.requireID()))
            let fields = [("version", "1"), ("title", "更正后的题名"), ("number", item.number ?? ""), ("responsible", item.responsible), ("note", "")]
            let noReason = try await qian.post(path, fields + [("reason", "")])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("更正后的题名"))
            #expect(try await qian.post(path, fields + [("reason", "题名录入有误")]).status == .seeOther)
            #expect(try await qian.post(path, fields + [("reason", "再改")]).status == .conflict)
            let corrected = try #require(try await ArchiveItem.find(item.id, on: app.db))
            #expect(corrected.title == "更正后的题名" && corrected.version == 2 && corrected.archiveCode == item.archiveCode)
            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "archive.correct").first())
            #expect(audit.after.contains("题名录入有误"))
        }
    }

    @Test("档案包：每件一个文件夹（文件与元数据），清单列出全部 SHA-256；检查通过；改动、缺失、多出的文件和缺少的元数据都被指出")
    func exportAndCheck() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let qian = try await CityFixture.signedIn("qianf", app)
            let item = try await Self.fileNotice(app, qian)
            let download = try await qian.get(SiteURL.archiveExport.path + "?year=\(Self.year)")
            #expect(download.status == .ok)
            let data = Data(download.body.readableBytesView)
            #expect(ArchivePackageCheck.problems(in: data) == [])
            let archive = try Archive(data: data, accessMode: .read)
            let paths = Set(archive.map(\.path))
            #expect(paths.contains("manifest.json") && paths.contains("\(item.archiveCode)/metadata.json") && paths.contains("\(item.archiveCode)/正本.ofd"))
            // The filed 正本 (the archive's stamped copy) keeps GB/T 33190's structure.
            var original = Data()
            _ = try archive.extract(try #require(archive["\(item.archiveCode)/正本.ofd"])) { original.append($0) }
            #expect(OFDStructureCheck.problems(in: original).map(\.description) == [])
            var metadata = Data()
            _ = try archive.extract(try #require(archive["\(item.archiveCode)/metadata.json"])) { metadata.append($0) }
            let text = String(decoding: metadata, as: UTF8.self)
            #expect(text.contains("\"档号\" : \"\(item.archiveCode)\"") && text.contains("\"保管期限\" : \"定期30年\""))

            // Tampering: one file changed, one removed, one added, one metadata element emptied.
            var files: [(String, Data)] = []
            for entry in archive {
                var bytes = Data()
                _ = try archive.extract(entry) { bytes.append($0) }
                files.append((entry.path, bytes))
            }
            func rebuilt(_ change: ([(String, Data)]) -> [(String, Data)]) throws -> Data {
                try ArchivePackage.zip(change(files).map { (path: $0.0, data: $0.1) }, date: Date())
            }
            let altered = try rebuilt { $0.map { $0.0.hasSuffix("发文稿纸.html") ? ($0.0, $0.1 + Data("<!-- x -->".utf8)) : $0 } }
            #expect(ArchivePackageCheck.problems(in: altered) == ["文件被改动（SHA-256 不符）：\(item.archiveCode)/发文稿纸.html"])
            let missing = try rebuilt { $0.filter { !$0.0.hasSuffix("正本.ofd") } }
            #expect(ArchivePackageCheck.problems(in: missing) == ["缺少文件：\(item.archiveCode)/正本.ofd"])
            let extra = try rebuilt { $0 + [("\(item.archiveCode)/说明.txt", Data("x".utf8))] }
            #expect(ArchivePackageCheck.problems(in: extra) == ["清单中没有的文件：\(item.archiveCode)/说明.txt"])
            #expect(ArchivePackageCheck.problems(in: Data("not a zip".utf8)) == ["不是 ZIP 格式的档案包。"])
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "archive.export").count() == 1)
        }
    }

    @Test("收文办结后归档：来文原件、盖章正本和收文处理笺；纸质来文的扫描件原样归档")
    func fileIncoming() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            // 清河县 signs for the notice and closes it as a 阅件 (登记 → 初审 → 分送传阅).
            let qh = try await CityFixture.delivery(to: "清河县人民政府", on: app)
            let guo = try await CityFixture.signedIn("guoyn", app)
            #expect(try await guo.post(SiteURL.delivery.link(try qh.requireID()) + "/accept").status == .seeOther)
            let document = try #require(try await IncomingDocument.query(on: app.db).filter(\.$deliveryID == qh.requireID()).first())
            document.handling = "read"
            try await document.update(on: app.db)
            for node in ["Register", "Check", "Distribute"] {
                let task = try await CityFixture.openTask(node, in: try #require(document.instanceID), on: app)
                try await guo.get("/tasks/\(try task.requireID())")
                #expect(try await guo.post("/tasks/\(try task.requireID())/complete", [("outcome", "approve")]).status == .seeOther, "\(node)")
            }
            #expect(try await IncomingDocument.find(document.id, on: app.db)?.status == "closed")
            let lin = try await CityFixture.signedIn("linp", app)
            #expect(try await lin.get(SiteURL.archivePending.path).body.string.contains(CityFixture.dispatchedTitle))
            #expect(try await lin.post(SiteURL.archiveFileDocument.link("incoming", try document.requireID()), [("classCode", "01"), ("retention", "D10")]).status == .seeOther)
            let item = try #require(try await ArchiveItem.query(on: app.db).filter(\.$sourceID == document.requireID()).first())
            #expect(item.archiveCode == "QH-ZFB-WS·\(Self.year)-D10-01-0001" && item.responsible == "江北市人民政府办公室")
            let names = try await ArchiveItemFile.query(on: app.db).filter(\.$itemID == item.requireID()).sort(\.$sortOrder).all().map(\.name)
            #expect(names == ["正本.ofd", "来文.ofd", "收文处理笺.html"])
            // Another unit's records officer cannot see it; a clerk has no archive at all.
            let qian = try await CityFixture.signedIn("qianf", app)
            #expect(try await qian.get(SiteURL.archiveItem.link(try item.requireID())).status == .notFound)
            #expect(try await guo.get(SiteURL.archive.path).status == .forbidden)
        }
    }
}
