import Foundation
import Testing
import Gongwen

@Suite("用印签名与验证")
struct SealSigningTests {
    static let key = SealKey.generate()
    static let time = Date(timeIntervalSince1970: 1_767_580_200.75) // 2026-01-05 10:30:00.75 北京时间

    static func document() -> OfficialDocument {
        OfficialDocument(kind: .notice, issuerMark: "江北市人民政府办公室文件", number: "江政办发〔2026〕12号",
                         title: "江北市人民政府办公室关于做好安全生产工作的通知", mainRecipients: ["各县（区）人民政府", "市政府各部门"],
                         body: "为做好安全生产工作，现通知如下。\n\n一、提高认识\n\n（一）加强领导。", signatureName: "江北市人民政府办公室",
                         date: DocumentDate(year: 2026, month: 1, day: 5), sealed: true, printedBy: "江北市人民政府办公室")
    }

    static func sign(_ document: OfficialDocument = document(), key: SealKey = key) throws -> SealSignature {
        try SealSigning.sign(document, sealName: "江北市人民政府办公室", signer: "张三", signerID: "u-7", at: time, privateKey: key.privateKey)
    }

    @Test("用印后验证有效，记下用印人、单位和时间")
    func signThenVerify() throws {
        // when
        let signature = try Self.sign()
        // then
        #expect(SealSigning.verify(signature, document: Self.document()) == .valid)
        #expect(signature.signerName == "张三" && signature.signerID == "u-7" && signature.unitName == "江北市人民政府办公室")
        #expect(signature.signedAt == "2026-01-05T02:30:00Z")
        #expect(signature.date == Date(timeIntervalSince1970: 1_767_580_200))
        #expect(signature.algorithm == "ECDSA-P256-SHA256")
        #expect(signature.publicKey == Self.key.publicKeyBase64)
        #expect(signature.documentDigest == SealSigning.digest(of: Self.document()))
        #expect(signature.documentDigest.count == 64)
    }

    @Test("签名记录经 JSON 存取后仍然有效")
    func roundTripsThroughJSON() throws {
        // given
        let signature = try Self.sign()
        // when
        let decoded = try JSONDecoder().decode(SealSignature.self, from: JSONEncoder().encode(signature))
        // then
        #expect(decoded == signature)
        #expect(SealSigning.verify(decoded, document: Self.document()) == .valid)
    }

    @Test("正文被改动：验证为文件已被改动")
    func bodyChanged() throws {
        // given
        let signature = try Self.sign()
        var altered = Self.document()
        altered.body += "\n\n二、落实责任"
        // then
        #expect(SealSigning.verify(signature, document: altered) == .documentAltered)
        var retitled = Self.document()
        retitled.number = "江政办发〔2026〕13号"
        #expect(SealSigning.verify(signature, document: retitled) == .documentAltered)
    }

    @Test("签名值被改：验证为签章无效")
    func signatureChanged() throws {
        // given
        var signature = try Self.sign()
        var bytes = try #require(Data(base64Encoded: signature.signature))
        bytes[bytes.count - 1] ^= 0x01
        signature.signature = bytes.base64EncodedString()
        // then
        #expect(SealSigning.verify(signature, document: Self.document()) == .signatureInvalid)
        signature.signature = "not base64!"
        #expect(SealSigning.verify(signature, document: Self.document()) == .signatureInvalid)
    }

    @Test("公钥被换：验证为签章无效")
    func publicKeyChanged() throws {
        // given
        var signature = try Self.sign()
        // when
        signature.publicKey = SealKey.generate().publicKeyBase64
        // then
        #expect(SealSigning.verify(signature, document: Self.document()) == .signatureInvalid)
        signature.publicKey = Data(repeating: 4, count: 65).base64EncodedString()
        #expect(SealSigning.verify(signature, document: Self.document()) == .signatureInvalid)
    }

    @Test("用印人、单位或时间被改：验证为签章无效")
    func metadataChanged() throws {
        let signature = try Self.sign()
        var signer = signature
        signer.signerName = "李四"
        var unit = signature
        unit.unitName = "江北市财政局"
        var time = signature
        time.signedAt = "2026-01-04T02:30:00Z"
        var algorithm = signature
        algorithm.algorithm = "SM2-SM3"
        for edited in [signer, unit, time, algorithm] {
            #expect(SealSigning.verify(edited, document: Self.document()) == .signatureInvalid)
        }
    }

    @Test("规范内容是排好键的 JSON，同一文件每次相同")
    func canonicalContent() throws {
        // when
        let content = SealSigning.canonicalContent(of: Self.document())
        let text = try #require(String(data: content, encoding: .utf8))
        // then
        #expect(content == SealSigning.canonicalContent(of: Self.document()))
        #expect(text.hasPrefix("{\"attachments\":[],\"body\":\"为做好安全生产工作"))
        #expect(text.contains("\"date\":\"2026-01-05\""))
        #expect(!text.contains("\\/"))
        let decoded = try JSONDecoder().decode(OfficialDocument.self, from: content)
        #expect(decoded == Self.document())
    }
}
