import Foundation
import Gongwen
import OFDCheck
import Testing

/// Every OFD the writer makes passes the GB/T 33190 structure check (``OFDStructureCheck``, written apart from the
/// writer), and the check finds each kind of defect it looks for — so a passing package means something.
@Suite("OFD 结构检查（GB/T 33190）")
struct OFDStructureTests {
    static func files(sealed: Bool) throws -> [String: Data] {
        try OFDPackage(OFDWriter.package(OFDFixtures.sampleLayout(), metadata: OFDFixtures.metadata(), seal: sealed ? OFDFixtures.seal() : nil)).files
    }

    static func problems(_ files: [String: Data]) -> [String] {
        OFDStructureCheck.problems(in: OFDPackage(files: files)).map(\.description)
    }

    /// `files` with `path`'s text changed by `change`.
    static func editing(_ files: [String: Data], _ path: String, _ change: (String) -> String) throws -> [String: Data] {
        var files = files
        let text = try #require(files[path].flatMap { String(data: $0, encoding: .utf8) }, "no \(path)")
        let changed = change(text)
        #expect(changed != text, "the edit of \(path) changed nothing")
        files[path] = Data(changed.utf8)
        return files
    }

    @Test("两页通知、盖章的通知、带图片附件的公文都通过结构检查", arguments: [false, true])
    func writerOutputPasses(sealed: Bool) throws {
        #expect(Self.problems(try Self.files(sealed: sealed)) == [])
    }

    @Test("带图片附件、多页的公文通过结构检查")
    func documentWithPicturesPasses() throws {
        let image = try #require(LayoutImage(data: LayoutAttachmentTests.png))
        let document = LayoutAttachmentTests.document(["辖区示意图", "辖区示意图（副本）"])
        let layout = DocumentLayout.layout(document, attachments: [.image(image), .image(image)])
        let data = try OFDWriter.package(layout, metadata: OFDMetadata(document: document, creationDate: Date()), seal: OFDFixtures.seal())
        #expect(OFDStructureCheck.problems(in: data).map(\.description) == [])
    }

    @Test("不是 ZIP、缺 OFD.xml、入口文件不对都报出")
    func entryProblems() throws {
        #expect(OFDStructureCheck.problems(in: Data("not a zip".utf8)).map(\.file) == ["(package)"])
        var files = try Self.files(sealed: false)
        files["OFD.xml"] = nil
        #expect(Self.problems(files) == ["(package): no OFD.xml at the root of the package"])
        let wrongType = try Self.editing(try Self.files(sealed: false), "OFD.xml") { $0.replacingOccurrences(of: "DocType=\"OFD\"", with: "DocType=\"PDF\"") }
        #expect(Self.problems(wrongType) == ["OFD.xml: DocType is PDF, not OFD"])
        let shortID = try Self.editing(try Self.files(sealed: false), "OFD.xml") { text in
            text.replacingOccurrences(of: #"<ofd:DocID>[0-9a-f]{32}</ofd:DocID>"#, with: "<ofd:DocID>1234</ofd:DocID>", options: .regularExpression)
        }
        #expect(Self.problems(shortID) == ["OFD.xml: DocID \"1234\" is not 32 hexadecimal digits"])
    }

    @Test("元素不在 OFD 命名空间、属性带前缀、XML 不完整都报出")
    func xmlProblems() throws {
        let page = "Doc_0/Pages/Page_0/Content.xml"
        let foreign = try Self.editing(try Self.files(sealed: false), page) { $0.replacingOccurrences(of: "<ofd:Content>", with: "<Content xmlns=\"urn:other\">")
            .replacingOccurrences(of: "</ofd:Content>", with: "</Content>") }
        #expect(Self.problems(foreign).contains("\(page): element Content is not in the OFD namespace http://www.ofdspec.org/2016"))
        let prefixed = try Self.editing(try Self.files(sealed: false), page) { $0.replacingOccurrences(of: "<ofd:Layer ID=", with: "<ofd:Layer ofd:ID=") }
        #expect(Self.problems(prefixed).contains { $0.hasPrefix("\(page): attribute ofd:ID of Layer has a prefix") })
        let broken = try Self.editing(try Self.files(sealed: false), page) { String($0.dropLast(20)) }
        #expect(Self.problems(broken).contains("\(page): is not well-formed XML"))
    }

    @Test("页面、资源、注释指向包里没有的文件都报出，并说明指向哪里")
    func locationProblems() throws {
        var missingPage = try Self.files(sealed: false)
        missingPage["Doc_0/Pages/Page_1/Content.xml"] = nil
        #expect(Self.problems(missingPage) == [
            "Doc_0/Document.xml: Page BaseLoc \"Pages/Page_1/Content.xml\" names Doc_0/Pages/Page_1/Content.xml, which is not in the package",
        ])
        var missingAnnotation = try Self.files(sealed: true)
        missingAnnotation["Doc_0/Annots/Page_1/Annotation.xml"] = nil
        #expect(Self.problems(missingAnnotation).contains(
            "Doc_0/Annots/Annotations.xml: FileLoc \"Page_1/Annotation.xml\" names Doc_0/Annots/Page_1/Annotation.xml, which is not in the package"))
        let missingRes = try Self.editing(try Self.files(sealed: false), "Doc_0/Document.xml") {
            $0.replacingOccurrences(of: "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>", with: "<ofd:PublicRes>Res/PublicRes.xml</ofd:PublicRes>")
        }
        #expect(Self.problems(missingRes).contains("Doc_0/Document.xml: PublicRes \"Res/PublicRes.xml\" names Doc_0/Res/PublicRes.xml, which is not in the package"))
    }

    @Test("对象标识重复、不是正整数、超过 MaxUnitID 都报出")
    func identifierProblems() throws {
        let document = "Doc_0/Document.xml"
        let low = try Self.editing(try Self.files(sealed: false), document) { text in
            text.replacingOccurrences(of: #"<ofd:MaxUnitID>\d+</ofd:MaxUnitID>"#, with: "<ofd:MaxUnitID>3</ofd:MaxUnitID>", options: .regularExpression)
        }
        #expect(Self.problems(low).contains { $0.hasPrefix("\(document): MaxUnitID is 3 but an object has ID ") })
        let page = "Doc_0/Pages/Page_1/Content.xml"
        let firstLayer = try #require(String(data: try Self.files(sealed: false)["Doc_0/Pages/Page_0/Content.xml"]!, encoding: .utf8)?
            .firstMatch(of: /<ofd:Layer ID="(\d+)"/)?.1)
        let reused = try Self.editing(try Self.files(sealed: false), page) { text in
            text.replacingOccurrences(of: #"<ofd:Layer ID="\d+""#, with: "<ofd:Layer ID=\"\(firstLayer)\"", options: .regularExpression)
        }
        #expect(Self.problems(reused).contains("\(page): ID \(firstLayer) of Layer is used again (first in Doc_0/Pages/Page_0/Content.xml)"))
        let zero = try Self.editing(try Self.files(sealed: false), page) { text in
            text.replacingOccurrences(of: #"<ofd:Layer ID="\d+""#, with: "<ofd:Layer ID=\"0\"", options: .regularExpression)
        }
        #expect(Self.problems(zero).contains("\(page): Layer has ID \"0\", not a whole number above zero"))
    }

    @Test("文字对象引用未声明的字体、批注指向不存在的页面都报出")
    func referenceProblems() throws {
        let page = "Doc_0/Pages/Page_0/Content.xml"
        let unknownFont = try Self.editing(try Self.files(sealed: false), page) { text in
            text.replacingOccurrences(of: #"Font="\d+""#, with: "Font=\"999\"", options: .regularExpression)
        }
        #expect(Self.problems(unknownFont).contains { $0.hasPrefix("\(page): TextObject") && $0.hasSuffix("names Font 999, which no resource declares") })
        let annotations = "Doc_0/Annots/Annotations.xml"
        let nowhere = try Self.editing(try Self.files(sealed: true), annotations) { text in
            text.replacingOccurrences(of: #"PageID="\d+""#, with: "PageID=\"999\"", options: .regularExpression)
        }
        #expect(Self.problems(nowhere).contains("\(annotations): annotations name PageID 999, which is no page"))
    }

    @Test("签名：改动受保护的文件、缺签名值、未受保护的文件、盖章页不存在都报出")
    func signatureProblems() throws {
        let signature = "Doc_0/Signs/Sign_0/Signature.xml"
        let page = "Doc_0/Pages/Page_0/Content.xml"
        // A changed page no longer matches its digest (the tamper a seal must reveal).
        let tampered = try Self.editing(try Self.files(sealed: true), page) { $0.replacingOccurrences(of: "江北市", with: "江南市") }
        #expect(Self.problems(tampered) == ["\(signature): the digest of \(page) does not match its CheckValue"])
        // A file added after sealing is not protected.
        var added = try Self.files(sealed: true)
        added["Doc_0/Res/extra.png"] = Data([1, 2, 3])
        #expect(Self.problems(added) == ["\(signature): Doc_0/Res/extra.png is not protected by the signature"])
        // The signed value missing.
        var unsigned = try Self.files(sealed: true)
        unsigned["Doc_0/Signs/Sign_0/SignedValue.dat"] = nil
        #expect(Self.problems(unsigned) == [
            "\(signature): SignedValue \"/Doc_0/Signs/Sign_0/SignedValue.dat\" names Doc_0/Signs/Sign_0/SignedValue.dat, which is not in the package",
        ])
        // The stamp on a page the document does not have.
        let offPage = try Self.editing(try Self.files(sealed: true), signature) { text in
            text.replacingOccurrences(of: #"PageRef="\d+""#, with: "PageRef=\"999\"", options: .regularExpression)
        }
        #expect(Self.problems(offPage) == ["\(signature): StampAnnot names PageRef 999, which is no page"])
        // An algorithm this check cannot recompute is said, not passed.
        let otherMethod = try Self.editing(try Self.files(sealed: true), signature) {
            $0.replacingOccurrences(of: "CheckMethod=\"\(OFDStructureCheck.sha256)\"", with: "CheckMethod=\"1.2.3\"")
        }
        let said = Self.problems(otherMethod)
        #expect(!said.isEmpty && said.allSatisfy { $0.contains("CheckMethod 1.2.3 cannot be checked here") })
    }

    @Test("相对与绝对位置按 ST_Loc 的规则解析")
    func locations() {
        #expect(OFDStructureCheck.resolve("Pages/Page_0/Content.xml", from: "Doc_0/Document.xml") == "Doc_0/Pages/Page_0/Content.xml")
        #expect(OFDStructureCheck.resolve("/Doc_0/Signs/Sign_0/Signature.xml", from: "Doc_0/Signs/Signatures.xml") == "Doc_0/Signs/Sign_0/Signature.xml")
        #expect(OFDStructureCheck.resolve("../Res/a.png", from: "Doc_0/Pages/p.xml") == "Doc_0/Res/a.png")
        #expect(OFDStructureCheck.resolve("./Doc_0/Document.xml", from: "OFD.xml") == "Doc_0/Document.xml")
    }
}
