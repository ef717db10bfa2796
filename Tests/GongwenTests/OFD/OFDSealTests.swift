import Crypto
import Foundation
import Testing
import Gongwen
import OFDCheck

@Suite("OFD 电子印章与签名")
struct OFDSealTests {
    static func sealedPackage(value: OFDSignature.Value = .bytes(Data([0x30, 0x45, 0x02, 0x20, 0x01, 0x02, 0x03]))) throws -> OFDPackageReader {
        try OFDPackageReader(OFDWriter.package(OFDFixtures.sampleLayout(), metadata: OFDFixtures.metadata(),
                                               seal: OFDFixtures.seal(value: value)))
    }

    /// The page IDs in order, from Document.xml.
    static func pageIDs(_ package: OFDPackageReader) throws -> [String] {
        try package.xml("Doc_0/Document.xml").all("Page").compactMap { $0.attributes["ID"] }
    }

    @Test("盖章的 OFD 含签名列表、签名描述、签名值和印章注释")
    func sealedFiles() throws {
        // given
        let package = try Self.sealedPackage()
        // then
        #expect(package.paths.isSuperset(of: [
            "Doc_0/Annots/Annotations.xml", "Doc_0/Annots/Page_1/Annotation.xml",
            "Doc_0/Signs/Signatures.xml", "Doc_0/Signs/Sign_0/Signature.xml", "Doc_0/Signs/Sign_0/SignedValue.dat",
        ]))
        #expect(try package.xml("OFD.xml").all("Signatures").first?.text == "Doc_0/Signs/Signatures.xml")
        #expect(try package.xml("Doc_0/Document.xml").all("Annotations").first?.text == "Annots/Annotations.xml")
        let signature = try #require(package.xml("Doc_0/Signs/Signatures.xml").all("Signature").first)
        #expect(signature.attributes["Type"] == "Seal")
        #expect(signature.attributes["BaseLoc"] == "/Doc_0/Signs/Sign_0/Signature.xml")
        #expect(try package.xml("Doc_0/Signs/Signatures.xml").all("MaxSignId").first?.text == signature.attributes["ID"])
    }

    @Test("签名描述中每个受保护文件的 SHA-256 摘要都与文件一致")
    func digestsMatch() throws {
        // given
        let package = try Self.sealedPackage()
        // when
        let info = try #require(package.xml("Doc_0/Signs/Sign_0/Signature.xml").child("SignedInfo"))
        let references = try #require(info.child("References"))
        // then
        #expect(references.attributes["CheckMethod"] == "2.16.840.1.101.3.4.2.1")
        var covered: Set<String> = []
        for reference in references.all("Reference") {
            let ref = try #require(reference.attributes["FileRef"])
            #expect(ref.hasPrefix("/"))
            let path = String(ref.dropFirst())
            let digest = Data(SHA256.hash(data: try package.data(path))).base64EncodedString()
            #expect(reference.child("CheckValue")?.text == digest, "\(path)")
            covered.insert(path)
        }
        #expect(covered.isSuperset(of: [
            "OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml",
            "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Pages/Page_1/Content.xml",
            "Doc_0/Annots/Annotations.xml", "Doc_0/Annots/Page_1/Annotation.xml",
        ]))
        #expect(covered.allSatisfy { !$0.hasPrefix("Doc_0/Signs/") })
        #expect(info.child("SignatureMethod")?.text == "1.2.840.10045.4.3.2")
        #expect(info.child("SignatureDateTime")?.text == "20260105023000Z")
        #expect(info.child("Provider")?.attributes["ProviderName"] == "政通 Zhengtong")
        #expect(try package.xml("Doc_0/Signs/Sign_0/Signature.xml").child("SignedValue")?.text == "/Doc_0/Signs/Sign_0/SignedValue.dat")
    }

    @Test("改动正文后摘要对不上")
    func tamperingShows() throws {
        // given
        let package = try Self.sealedPackage()
        let info = try #require(package.xml("Doc_0/Signs/Sign_0/Signature.xml").child("SignedInfo"))
        let recorded = info.all("Reference").first { $0.attributes["FileRef"] == "/Doc_0/Pages/Page_0/Content.xml" }?.child("CheckValue")?.text
        // when
        let altered = try package.text("Doc_0/Pages/Page_0/Content.xml").replacingOccurrences(of: "安全生产", with: "安全生活")
        // then
        #expect(recorded != nil)
        #expect(Data(SHA256.hash(data: Data(altered.utf8))).base64EncodedString() != recorded)
    }

    @Test("SignedValue.dat 保存给定的签名值")
    func signedValueAsGiven() throws {
        // given
        let value = Data((0..<72).map { UInt8($0) })
        // when
        let package = try Self.sealedPackage(value: .bytes(value))
        // then
        #expect(try package.data("Doc_0/Signs/Sign_0/SignedValue.dat") == value)
    }

    @Test("用单位印章密钥签 Signature.xml，公钥可验证，改动后验证失败")
    func p256SignatureVerifies() throws {
        // given
        let key = P256.Signing.PrivateKey()
        let signature = OFDSignature.p256(signerName: "王五", time: OFDFixtures.issued, key: key)
        let seal = OFDSeal(design: OFDFixtures.sealDesign(), placement: OFDFixtures.sample().sealPlacement, pageIndex: 1, signature: signature)
        // when
        let package = try OFDPackageReader(OFDWriter.package(OFDFixtures.sampleLayout(), metadata: OFDFixtures.metadata(), seal: seal))
        // then
        let message = try package.data("Doc_0/Signs/Sign_0/Signature.xml")
        let value = try P256.Signing.ECDSASignature(derRepresentation: package.data("Doc_0/Signs/Sign_0/SignedValue.dat"))
        #expect(key.publicKey.isValidSignature(value, for: message))
        var altered = message
        altered[altered.count / 2] ^= 0x01
        #expect(!key.publicKey.isValidSignature(value, for: altered))
    }

    @Test("已有的用印记录可写入 OFD")
    func fromSealRecord() throws {
        // given
        let document = OfficialDocument(kind: .notice, title: "关于测试的通知", body: "正文。")
        let record = try SealSigning.sign(document, sealName: OFDFixtures.issuer, signer: "王五", signerID: "u-9",
                                          at: OFDFixtures.issued, key: SealKey.generate())
        // when
        let signature = try #require(OFDSignature(record))
        // then
        #expect(signature.signerName == "王五")
        #expect(signature.time == OFDFixtures.issued)
        guard case let .bytes(bytes) = signature.value else { Issue.record("expected the recorded bytes"); return }
        #expect(bytes.base64EncodedString() == record.signature)
    }

    @Test("印章注释：落在盖章页，画出圆环、实心五角星和沿弧转动的单位名称")
    func stampAppearance() throws {
        // given
        let design = OFDFixtures.sealDesign()
        let placement = OFDFixtures.sample().sealPlacement
        let package = try Self.sealedPackage()
        let pageIDs = try Self.pageIDs(package)
        // when
        let annotations = try package.xml("Doc_0/Annots/Annotations.xml")
        let annot = try #require(package.xml("Doc_0/Annots/Page_1/Annotation.xml").all("Annot").first)
        let appearance = try #require(annot.child("Appearance"))
        // then
        #expect(annotations.all("Page").first?.attributes["PageID"] == pageIDs[1])
        #expect(annotations.all("FileLoc").first?.text == "Page_1/Annotation.xml")
        #expect(annot.attributes["Type"] == "Stamp")
        #expect(annot.attributes["Creator"] == "王五")
        #expect(annot.attributes["LastModDate"] == "2026-01-05")
        let box = ofdNumbers(appearance.attributes["Boundary"])
        let expectedBox = [placement.centerX - 21, placement.centerY - 21, 42, 42]
        #expect(box.count == 4 && zip(box, expectedBox).allSatisfy { abs($0 - $1) < 0.001 })

        let stamp = try #require(package.xml("Doc_0/Signs/Sign_0/Signature.xml").all("StampAnnot").first)
        #expect(stamp.attributes["PageRef"] == pageIDs[1])
        #expect(stamp.attributes["Boundary"] == appearance.attributes["Boundary"])

        let paths = appearance.all("PathObject")
        #expect(paths.count == 2)
        let ring = try #require(paths.first)
        let ringData = try #require(ring.child("AbbreviatedData")?.text).split(separator: " ")
        #expect(ringData.first == "M" && ringData.last == "C")
        #expect(ringData.filter { $0 == "B" }.count == 4)
        #expect(ring.attributes["LineWidth"] == "1.2")
        #expect(ring.child("StrokeColor")?.attributes["Value"] == "230 0 18")
        // The first point is on the ring's centre line, right of the centre.
        let start = ringData.dropFirst().prefix(2).compactMap { Double($0) }
        #expect(abs(start[0] - (21 + 20.4)) < 0.001 && abs(start[1] - 21) < 0.001)

        let star = paths[1]
        #expect(star.attributes["Fill"] == "true")
        #expect(star.child("FillColor")?.attributes["Value"] == "230 0 18")
        let starData = try #require(star.child("AbbreviatedData")?.text).split(separator: " ")
        #expect(starData.filter { $0 == "M" }.count == 1 && starData.filter { $0 == "L" }.count == 9 && starData.last == "C")

        let glyphs = appearance.all("TextObject")
        #expect(glyphs.map { $0.child("TextCode")?.text ?? "" }.joined() == OFDFixtures.issuer)
        for (object, glyph) in zip(glyphs, design.glyphs) {
            let ctm = ofdNumbers(object.attributes["CTM"])
            #expect(ctm.count == 6)
            let degrees = atan2(ctm[1], ctm[0]) * 180 / .pi
            #expect(abs(degrees - glyph.rotation) < 0.1, "\(glyph.character)")
            // The CTM's origin (the glyph's centre) is where the design puts the glyph.
            let boundary = ofdNumbers(object.attributes["Boundary"])
            #expect(abs(boundary[0] + ctm[4] - (21 + glyph.x)) < 0.002 && abs(boundary[1] + ctm[5] - (21 + glyph.y)) < 0.002)
            #expect(object.child("FillColor")?.attributes["Value"] == "230 0 18")
        }
        // The seal's characters use the 宋体 font entry.
        let songti = try package.xml("Doc_0/PublicRes.xml").all("Font").first { $0.attributes["FontName"] == "宋体" }?.attributes["ID"]
        #expect(glyphs.allSatisfy { $0.attributes["Font"] == songti })
    }

    @Test("印章按落位直径缩放")
    func scalesToPlacement() throws {
        // given
        let seal = OFDSeal(design: OFDFixtures.sealDesign(diameter: 42), placement: SealPlacement(centerX: 100, centerY: 100, diameter: 21),
                           pageIndex: 0, signature: OFDSignature(signerName: "王五", time: OFDFixtures.issued, value: .bytes(Data([1]))))
        // when
        let package = try OFDPackageReader(OFDWriter.package(OFDFixtures.sampleLayout(), metadata: OFDFixtures.metadata(), seal: seal))
        // then
        let appearance = try #require(package.xml("Doc_0/Annots/Page_0/Annotation.xml").all("Appearance").first)
        #expect(ofdNumbers(appearance.attributes["Boundary"]) == [89.5, 89.5, 21, 21])
        #expect(appearance.all("PathObject").first?.attributes["LineWidth"] == "0.6")
        let size = try #require(Double(appearance.all("TextObject").first?.attributes["Size"] ?? ""))
        #expect(abs(size - 17 * 25.4 / 72 / 2) < 0.001)
    }
}

/// 联合行文: one signed Stamp per issuer, each signature over the same files.
@Suite("OFD 联合行文的多枚印章")
struct OFDJointSealTests {
    @Test("三个机关各一枚印章：三个 Stamp 注释、三个签名，各自的摘要都与包内文件一致，结构检查通过")
    func threeSeals() throws {
        // given
        var document = LayoutFixtures.notice()
        document.coIssuers = LayoutJointTests.coIssuers
        let layout = DocumentLayout.layout(document)
        let names = ["江北市人民政府办公室"] + LayoutJointTests.coIssuers
        var seals: [OFDSeal] = []
        for (index, page) in layout.pages.enumerated() {
            for case .seal(let placement) in page.items {
                seals.append(OFDSeal(design: SealDesign.make(unitName: names[placement.issuer]), placement: placement, pageIndex: index,
                                     signature: .p256(signerName: names[placement.issuer], time: OFDFixtures.issued, key: P256.Signing.PrivateKey())))
            }
        }
        #expect(seals.count == 3)
        // when
        let data = try OFDWriter.package(layout, metadata: OFDFixtures.metadata(), seals: seals)
        // then
        #expect(OFDStructureCheck.problems(in: data).map(\.description) == [])
        let reader = try OFDPackageReader(data)
        #expect(try reader.xml("Doc_0/Signs/Signatures.xml").all("Signature").map { $0.attributes["ID"] } == ["s001", "s002", "s003"])
        let page = try #require(seals.first?.pageIndex)
        let stamps = try reader.xml("Doc_0/Annots/Page_\(page)/Annotation.xml").all("Annot")
        #expect(stamps.map { $0.attributes["Creator"] } == seals.map(\.signature.signerName))
        for index in 0..<3 {
            #expect(reader.paths.contains("Doc_0/Signs/Sign_\(index)/SignedValue.dat"))
        }
    }
}
