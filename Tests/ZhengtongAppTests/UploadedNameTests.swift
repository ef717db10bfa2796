import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation
@testable import ZhengtongApp

@Suite("上传文件名清理：存下的名字没有路径和控制字符，档案包里不会出现 ..\\ 路径", .serialized)
struct UploadedNameTests {
    @Test("文件名只留最后一段：两种斜杠的路径、控制字符、格式字符、开头的点和 Windows 不许用的字符都去掉", arguments: [
        (#"..\..\..\..\escape.pdf"#, "escape.pdf"),
        ("../../x.pdf", "x.pdf"),
        (#"C:\Users\张三\Desktop\关于值班的通知.docx"#, "关于值班的通知.docx"),
        ("/etc/passwd", "passwd"),
        ("扫描\u{0007}件\u{0000}一.pdf", "扫描件一.pdf"),
        ("报告\r\n第二行.pdf", "报告第二行.pdf"),
        ("\u{202E}fdp.exe", "fdp.exe"),
        ("...隐藏.pdf", "隐藏.pdf"),
        (".htaccess", "htaccess"),
        ("  . 会议纪要.pdf .. ", "会议纪要.pdf"),
        ("a:b*c?d\"e<f>g|h.pdf", "abcdefgh.pdf"),
        ("..", "文件"),
        ("../", "文件"),
        ("", "文件"),
    ])
    func cleanName(raw: String, cleaned: String) {
        #expect(UploadedFiles.cleanName(raw) == cleaned)
    }

    @Test("过长的文件名截到 120 个字，扩展名保留")
    func longNameKeepsItsExtension() {
        let name = UploadedFiles.cleanName(String(repeating: "长", count: 300) + ".pdf")
        #expect(name.count == 120)
        #expect(name.hasSuffix("长.pdf"))
    }

    @Test("名为 ..\\..\\..\\..\\escape.pdf 等的扫描件登记、办结、归档后导出档案包：条目只有“文件夹/文件名”，没有 ..、反斜杠和控制字符；页面显示清理后的名字")
    func archivePackageHasNoEscapingPaths() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let guo = try await CityFixture.signedIn("guoyn", app)
            let pdf = Data("%PDF-1.4\n%scan\n".utf8)

            // given: the issue's scan, registered on the page as a browser on Windows would send it
            try await guo.get(SiteURL.incomingNew.path)
            let boundary = "zt-names"
            var body = ""
            for (name, value) in [("senderName", "清河县应急管理局"), ("title", "路径名测试一"), ("copies", "1"), ("handling", "read"),
                                  ("source", "paper"), ("_csrf", guo.csrf ?? "")] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"..\\..\\..\\..\\escape.pdf\"\r\n"
            body += "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%scan\n\r\n--\(boundary)--\r\n"
            let registered = try await guo.sendRaw(.POST, SiteURL.incomingList.path, body: body,
                                                   contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
            #expect(registered.status == .seeOther)
            // and the variants, through the API
            let api = try await APIClient.signIn(app, "guoyn")
            let variants = ["../../x.pdf", "扫描\u{0007}件\u{0000}\u{1B}[31m.pdf", "...隐藏.pdf", #"\\server\share\..\..\unc.pdf"#]
            for (index, name) in variants.enumerated() {
                let request = IncomingAPIController.CreateBody(senderName: "清河县应急管理局", title: "路径名测试\(index + 2)", handling: "read", source: "paper",
                                                               file: .init(name: name, contentBase64: pdf.base64EncodedString()))
                let created = try await api.send(.POST, "/api/v1/incoming", body: String(decoding: try JSONEncoder().encode(request), as: UTF8.self))
                #expect(created.status == .created, "\(name): \(created.body.string)")
            }
            let documents = try await IncomingDocument.query(on: app.db).filter(\.$title =~ "路径名测试").sort(\.$registrationNumber).all()
            #expect(documents.count == 5)
            let expected = ["escape.pdf", "x.pdf", "扫描件[31m.pdf", "隐藏.pdf", "unc.pdf"]
            var stored: [String] = []
            for document in documents {
                stored += try await IncomingFile.query(on: app.db).filter(\.$incomingID == document.requireID()).all().map(\.name)
            }
            #expect(Set(stored) == Set(expected))
            let first = try #require(documents.first { $0.title == "路径名测试一" })
            let page = try await guo.get(SiteURL.incoming.link(try first.requireID())).body.string
            #expect(page.contains("escape.pdf") && !page.contains(#"..\"#))

            // when: each is handled to 办结 (a 阅件: 登记, 初审, 分送传阅), filed by 清河县's records officer and exported
            for document in documents {
                let instance = try #require(document.instanceID)
                for _ in 0..<5 {
                    guard let task = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").first()
                    else { break }
                    try await guo.get("/tasks/\(try task.requireID())")
                    #expect(try await guo.post("/tasks/\(try task.requireID())/complete", [("outcome", "approve")]).status == .seeOther, "\(task.node)")
                }
                #expect(try await IncomingDocument.find(document.id, on: app.db)?.status == "closed", "\(document.title)")
            }
            let lin = try await CityFixture.signedIn("linp", app)
            for document in documents {
                let filed = try await lin.post(SiteURL.archiveFileDocument.link("incoming", try document.requireID()), [("classCode", "01"), ("retention", "D10")])
                #expect(filed.status == .seeOther)
            }
            let download = try await lin.get(SiteURL.archiveExport.path + "?year=\(DocumentDateYear.now)")
            #expect(download.status == .ok)
            let package = Data(download.body.readableBytesView)

            // then: every entry is `manifest.json` or `folder/file`, none climbs out or hides a separator
            #expect(ArchivePackageCheck.problems(in: package) == [])
            let paths = try Archive(data: package, accessMode: .read).map(\.path)
            let items = try await ArchiveItem.query(on: app.db).all()
            #expect(items.count == 5)
            for path in paths where path != ArchivePackage.manifestName {
                let parts = path.split(separator: "/", omittingEmptySubsequences: false)
                #expect(parts.count == 2, "\(path)")
                #expect(items.contains { $0.archiveCode == parts.first.map(String.init) }, "\(path)")
                #expect(!path.contains("..") && !path.contains("\\") && !path.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(path)")
                #expect(parts.last.map { !$0.hasPrefix(".") && !$0.isEmpty } == true, "\(path)")
            }
            let names = Set(paths.compactMap { $0.split(separator: "/").last.map(String.init) })
            #expect(names.isSuperset(of: expected))
        }
    }
}
