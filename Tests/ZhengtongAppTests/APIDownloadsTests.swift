import Crypto
import Fluent
import Foundation
import OFDCheck
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Every file a page offers can be fetched with a token, from the URLs the API itself hands out; whoever may not
/// see the document gets 404, as if it did not exist.
@Suite("JSON API 下载：页面提供的每个文件都能凭令牌下载")
struct APIDownloadsTests {
    /// Fetches `url` and checks what a client would see first: the status, the type, the first bytes.
    static func fetch(_ client: APIClient, _ url: String, type: String, startsWith prefix: String,
                      sourceLocation: SourceLocation = #_sourceLocation) async throws -> Data {
        #expect(url.hasPrefix("/api/v1/"), "\(url) is not an API URL", sourceLocation: sourceLocation)
        let response = try await client.get(url, sourceLocation: sourceLocation)
        #expect(response.status == .ok, "\(url): \(response.status)", sourceLocation: sourceLocation)
        #expect(response.headers.first(name: .contentType)?.hasPrefix(type) == true, "\(url): \(response.headers.first(name: .contentType) ?? "none")",
                sourceLocation: sourceLocation)
        let data = Data(response.body.readableBytesView)
        #expect(data.starts(with: Data(prefix.utf8)), "\(url) starts with \(String(decoding: data.prefix(12), as: UTF8.self))", sourceLocation: sourceLocation)
        if type == "application/ofd" {
            // Every OFD the platform hands out keeps GB/T 33190's structure (and a sealed one protects every file).
            #expect(OFDStructureCheck.problems(in: data).map(\.description) == [], "\(url)", sourceLocation: sourceLocation)
            // … and carries its fonts (scripts/test installs the free faces), so any reader shows its text.
            let fonts = try OFDPackage(data).xml("Doc_0/PublicRes.xml").all("Font")
            #expect(!fonts.isEmpty && fonts.allSatisfy { $0.value("FontFile") != nil }, "\(url): fonts not embedded", sourceLocation: sourceLocation)
        }
        return data
    }

    @Test("发文：打印稿、OFD 和附件凭令牌下载，附件列表给出校验值；看不到文稿的人得到 404")
    func outgoing() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            // given 黄磊 attaches a list to his draft on the page
            let draft = try #require(try await OutgoingDocument.query(on: app.db).filter(\.$status == "drafting").first())
            let id = try draft.requireID()
            let browser = try await CityFixture.signedIn("huangl", app)
            try await browser.get(SiteURL.outgoing.link(id))
            #expect(try await browser.upload(SiteURL.outgoingAttachments.link(id), field: "file", filename: "名单.pdf", content: "%PDF-1.4\n%名单\n").status == .seeOther)
            // when he lists the attachments through the API
            let api = try await APIClient.signIn(app, "huangl")
            let listed = try await api.get("/api/v1/outgoing/\(id)/attachments")
            #expect(listed.status == .ok)
            let list = try listed.content.decode(OutgoingFilesAPIController.List.self)
            // then each URL there works with the token
            let attachment = try #require(list.items.first)
            #expect(attachment.name == "名单.pdf" && attachment.contentType == "application/pdf")
            let bytes = try await Self.fetch(api, attachment.url, type: "application/pdf", startsWith: "%PDF")
            #expect(SHA256Hex.of(bytes) == attachment.sha256 && bytes.count == attachment.size)
            _ = try await Self.fetch(api, list.printURL, type: "text/html", startsWith: "<!")
            _ = try await Self.fetch(api, list.ofdURL, type: "application/ofd", startsWith: "PK")
            // A person of another unit cannot see the draft, nor its files.
            let stranger = try await APIClient.signIn(app, "guoyn")
            #expect(try await stranger.get("/api/v1/outgoing/\(id)/attachments").status == .notFound)
            #expect(try await stranger.get(attachment.url).status == .notFound)
            #expect(try await stranger.get(list.ofdURL).status == .notFound)
            #expect(try await api.get("/api/v1/outgoing/\(id)/attachments/\(UUID())").status == .notFound)
        }
    }

    @Test("交换与收文：送达公文的打印稿和 OFD 用返回的 API 地址下载；签收后收文给出来文打印稿、OFD；手工登记的扫描件可下载；其他单位 404")
    func exchangeAndIncoming() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let delivery = try await CityFixture.delivery(to: "清河县人民政府", on: app)
            let clerk = try await APIClient.signIn(app, "guoyn")
            // given the delivery as its recipient's clerk sees it
            let summary = try await clerk.get("/api/v1/exchange/\(try delivery.requireID())").content.decode(ExchangeAPIController.DeliverySummary.self)
            // then its URLs are API routes that take the token
            let ofdURL = try #require(summary.ofdURL)
            _ = try await Self.fetch(clerk, ofdURL, type: "application/ofd", startsWith: "PK")
            let printView = try await Self.fetch(clerk, summary.printURL, type: "text/html", startsWith: "<!")
            #expect(String(decoding: printView, as: UTF8.self).contains("<svg"))
            #expect(summary.files != nil)
            let outsider = try await APIClient.signIn(app, "gaoy")
            #expect(try await outsider.get(summary.printURL).status == .notFound)
            #expect(try await outsider.get(ofdURL).status == .notFound)

            // when she signs for it, the 收文 points at the document as dispatched
            let accepted = try await clerk.request(.POST, "/api/v1/exchange/\(try delivery.requireID())/accept")
            let incomingID = try accepted.content.get(UUID.self, at: "incomingDocumentID")
            let incoming = try await clerk.get("/api/v1/incoming/\(incomingID)").content.decode(IncomingView.self)
            _ = try await Self.fetch(clerk, try #require(incoming.originalURL), type: "text/html", startsWith: "<!")
            _ = try await Self.fetch(clerk, try #require(incoming.originalOFDURL), type: "application/ofd", startsWith: "PK")
            #expect(try await outsider.get(try #require(incoming.originalOFDURL)).status == .notFound)

            // A paper document registered through the API with its scan: the scan comes back from its URL.
            let scan = Data("%PDF-1.4\n%扫描件\n".utf8).base64EncodedString()
            let registered = try await clerk.send(.POST, "/api/v1/incoming", body: #"""
                {"senderName": "清河县应急管理局", "title": "关于冬季防火的函", "kind": "letter", "source": "paper",
                 "file": {"name": "扫描件.pdf", "contentBase64": "\#(scan)"}}
                """#)
            #expect(registered.status == .created)
            let paper = try registered.content.decode(IncomingView.self)
            #expect(paper.originalURL == nil)
            let file = try #require(paper.files.first)
            let bytes = try await Self.fetch(clerk, file.url, type: "application/pdf", startsWith: "%PDF")
            #expect(SHA256Hex.of(bytes) == file.sha256)
            #expect(try await outsider.get(file.url).status == .notFound)
        }
    }

    @Test("档案：归档文件逐个下载且与校验值一致，盖章打印稿、目录 CSV 和档案包凭令牌下载；非档案员 404 或 403")
    func archive() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await DemoCity.seedArchive(app: app)
            let officer = try await APIClient.signIn(app, "qianf")
            let catalogue = try await officer.get("/api/v1/archive/items").content.decode(ArchiveAPIController.Catalogue.self)
            let item = try #require(catalogue.items.first)
            let detail = try await officer.get(item.url).content.decode(ArchiveAPIController.ItemDetail.self)
            #expect(!detail.files.isEmpty)
            for file in detail.files {
                let response = try await officer.get(file.url)
                #expect(response.status == .ok && response.headers.first(name: .contentType) == file.contentType)
                #expect(SHA256Hex.of(Data(response.body.readableBytesView)) == file.sha256)
            }
            let stamped = try #require(detail.files.first { $0.role == "document" })
            _ = try await Self.fetch(officer, stamped.url, type: "application/ofd", startsWith: "PK")
            _ = try await Self.fetch(officer, try #require(detail.printURL), type: "text/html", startsWith: "<!")
            let csv = try await Self.fetch(officer, "/api/v1/archive/catalogue.csv", type: "text/csv", startsWith: "\u{FEFF}")
            #expect(String(decoding: csv, as: UTF8.self).contains(item.archiveCode))
            _ = try await Self.fetch(officer, "/api/v1/archive/package?year=\(item.year)", type: "application/zip", startsWith: "PK")
            #expect(try await officer.get("/api/v1/archive/package").status == .unprocessableEntity)
            let clerk = try await APIClient.signIn(app, "zhaom")
            #expect(try await clerk.get(stamped.url).status == .notFound)
            #expect(try await clerk.get(try #require(detail.printURL)).status == .notFound)
            #expect(try await clerk.get("/api/v1/archive/catalogue.csv").status == .forbidden)
            #expect(try await clerk.get("/api/v1/archive/package?year=\(item.year)").status == .forbidden)
        }
    }
}

@Suite("通知的链接：页面地址之外给出 API 地址")
struct NotificationLinkTests {
    @Test("待签收、待办、待归档的通知带可凭令牌访问的 API 地址；不认识的链接没有")
    func apiURLs() {
        let id = UUID()
        #expect(NotificationLinks.apiURL(forPage: SiteURL.task.link(id)) == "/api/v1/tasks/\(id)")
        #expect(NotificationLinks.apiURL(forPage: SiteURL.delivery.link(id)) == "/api/v1/exchange/\(id)")
        #expect(NotificationLinks.apiURL(forPage: SiteURL.archivePending.path) == "/api/v1/archive/pending")
        #expect(NotificationLinks.apiURL(forPage: SiteURL.incoming.link(id) + "?tab=all") == "/api/v1/incoming/\(id)")
        #expect(NotificationLinks.apiURL(forPage: "/tasks/not-an-id") == nil)
        #expect(NotificationLinks.apiURL(forPage: "/admin/units") == nil)
        #expect(NotificationLinks.apiURL(forPage: nil) == nil)
    }
}
