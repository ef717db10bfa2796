import Foundation
import Guomi
import Testing

struct SM2CertificateTests {
    let day: TimeInterval = 86_400

    @Test func authorityIssuesASignerCertificateThatChecks() throws {
        let now = Date()
        let rootKey = try SM2.PrivateKey()
        let root = try SM2Certificate.issue(subject: .init(commonName: "政通印章制作中心", organization: "江北市"), publicKey: rootKey.publicKey,
                                            kind: .authority, notBefore: now - day, notAfter: now + 3650 * day, issuer: nil, issuerKey: rootKey)
        #expect(root.isAuthority)
        #expect(root.subject.commonName == "政通印章制作中心")
        #expect(root.isSigned(by: root))

        let sealKey = try SM2.PrivateKey()
        let leaf = try SM2Certificate.issue(subject: .init(commonName: "江北市人民政府办公室", organization: "江北市"), publicKey: sealKey.publicKey,
                                            kind: .signer, notBefore: now - day, notAfter: now + 365 * day, issuer: root, issuerKey: rootKey)
        #expect(!leaf.isAuthority)
        #expect(leaf.issuer.commonName == "政通印章制作中心")
        #expect(try leaf.publicKey().x962Representation == sealKey.publicKey.x962Representation)
        #expect(leaf.isSigned(by: root))
        #expect(!leaf.isSigned(by: leaf))
        #expect(SM2CertificateCheck.check(leaf, at: now, anchors: [root]) == .valid)
        #expect(SM2CertificateCheck.check(leaf, at: now + 400 * day, anchors: [root]) == .expired)
        #expect(SM2CertificateCheck.check(leaf, at: now - 2 * day, anchors: [root]) == .notYetValid)
        #expect(!leaf.serialNumber.isEmpty && leaf.serialNumber != root.serialNumber)
        #expect(try SM2Certificate(pemRepresentation: leaf.pemRepresentation) == leaf)
        #expect(leaf.fingerprint.count == 64)

        // Another authority with the same name signs nothing of this one's.
        let otherKey = try SM2.PrivateKey()
        let impostor = try SM2Certificate.issue(subject: .init(commonName: "政通印章制作中心", organization: "江北市"), publicKey: otherKey.publicKey,
                                                kind: .authority, notBefore: now - day, notAfter: now + day, issuer: nil, issuerKey: otherKey)
        #expect(SM2CertificateCheck.check(leaf, at: now, anchors: [impostor]) == .untrusted)
    }

    @Test func pathThroughAnIntermediate() throws {
        let now = Date()
        let rootKey = try SM2.PrivateKey()
        let root = try SM2Certificate.issue(subject: .init(commonName: "省CA根"), publicKey: rootKey.publicKey, kind: .authority,
                                            notBefore: now - day, notAfter: now + day * 100, issuer: nil, issuerKey: rootKey)
        let middleKey = try SM2.PrivateKey()
        let middle = try SM2Certificate.issue(subject: .init(commonName: "省CA二级"), publicKey: middleKey.publicKey, kind: .authority,
                                              notBefore: now - day, notAfter: now + day * 50, issuer: root, issuerKey: rootKey)
        let personKey = try SM2.PrivateKey()
        let person = try SM2Certificate.issue(subject: .init(commonName: "赵敏"), publicKey: personKey.publicKey, kind: .signer,
                                              notBefore: now - day, notAfter: now + day * 10, issuer: middle, issuerKey: middleKey)
        #expect(SM2CertificateCheck.check(person, at: now, anchors: [root], intermediates: [middle]) == .valid)
        #expect(SM2CertificateCheck.check(person, at: now, anchors: [root]) == .untrusted)
        // A signer certificate cannot act as an authority.
        let fakeKey = try SM2.PrivateKey()
        let fake = try SM2Certificate.issue(subject: .init(commonName: "伪造"), publicKey: fakeKey.publicKey, kind: .signer,
                                            notBefore: now - day, notAfter: now + day, issuer: person, issuerKey: personKey)
        #expect(SM2CertificateCheck.check(fake, at: now, anchors: [root], intermediates: [middle, person]) == .untrusted)
    }
}
