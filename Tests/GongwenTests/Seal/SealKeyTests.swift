import Foundation
import Testing
import Gongwen

@Suite("印章密钥")
struct SealKeyTests {
    @Test("密钥导出为 PEM 再导入，签名仍能验证")
    func pemRoundTrip() throws {
        // given
        let key = SealKey.generate()
        // when
        let pem = key.pemRepresentation
        let restored = try SealKey(pem: pem)
        // then
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(restored.pemRepresentation == pem)
        #expect(restored.publicKeyBase64 == key.publicKeyBase64)
        #expect(key.publicKeyPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let document = OfficialDocument(kind: .notice, title: "关于测试的通知", body: "正文。")
        let signature = try SealSigning.sign(document, sealName: "江北市财政局", signer: "王五", signerID: "u-9", at: Date(), key: restored)
        #expect(SealSigning.verify(signature, document: document) == .valid)
        #expect(signature.publicKey == key.publicKeyBase64)
    }

    @Test("不是私钥的 PEM 被拒绝")
    func rejectsGarbage() {
        #expect(throws: SealKey.InvalidPEM.self) { try SealKey(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----") }
        #expect(throws: SealKey.InvalidPEM.self) { try SealKey(pem: SealKey.generate().publicKeyPEM) }
    }

    @Test("两把新密钥不同")
    func distinct() {
        #expect(SealKey.generate().publicKeyBase64 != SealKey.generate().publicKeyBase64)
    }
}
