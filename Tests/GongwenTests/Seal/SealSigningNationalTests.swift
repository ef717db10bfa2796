import ElectronicSeal
import Foundation
import Gongwen
import Guomi
import Testing

@Suite("用印：国密电子印章")
struct SealSigningNationalTests {
    static let now = Date(timeIntervalSince1970: 1_767_580_200)

    static func key() throws -> NationalSealKey {
        let maker = try SealMaker.create(name: "政通印章制作中心", organization: nil, now: now)
        let key = try SM2.PrivateKey()
        let certificate = try maker.issueSignerCertificate(commonName: "江北市人民政府办公室", organization: nil, publicKey: key.publicKey,
                                                           now: now, until: now + 86_400 * 365)
        let seal = try maker.makeSeal(name: "江北市人民政府办公室", esID: "7", signers: [certificate],
                                      picture: .init(type: "svg", data: Data("<svg/>".utf8), widthMM: 42, heightMM: 42),
                                      now: now, until: now + 86_400 * 365)
        return NationalSealKey(seal: seal, certificate: certificate, key: key)
    }

    @Test("SM2 用印记录可验证；正文改动、单位改动都被发现")
    func signAndVerify() throws {
        let document = OfficialDocument(kind: .notice, title: "关于测试的通知", body: "正文。")
        let record = try SealSigning.sign(document, sealName: "江北市人民政府办公室", signer: "王五", signerID: "u-9", at: Self.now + 60,
                                          national: Self.key())
        #expect(record.algorithm == SealSignature.sm2SES)
        #expect(SealSigning.verify(record, document: document) == .valid)

        var changed = document
        changed.body = "正文有改。"
        #expect(SealSigning.verify(record, document: changed) == .documentAltered)

        var renamed = record
        renamed.unitName = "江北市财政局"
        #expect(SealSigning.verify(renamed, document: document) == .signatureInvalid)

        let ses = try SESSignature(derRepresentation: #require(Data(base64Encoded: record.signature)))
        #expect(ses.propertyInfo == SealSigning.documentPropertyInfo)
        #expect(ses.seal.info.name == "江北市人民政府办公室")
    }
}
