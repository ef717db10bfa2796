import ElectronicSeal
import Foundation
import Guomi
import Testing

struct SESealTests {
    static let now = Date(timeIntervalSince1970: 1_767_580_200)  // 2026-01-05 02:30 UTC

    struct Kit {
        var maker: SealMaker
        var unitKey: SM2.PrivateKey
        var unitCertificate: SM2Certificate
        var seal: SESeal
    }

    static func kit(sealUntil: Date = now + 365 * 86_400) throws -> Kit {
        let maker = try SealMaker.create(name: "政通印章制作中心", organization: "江北市", now: now)
        let unitKey = try SM2.PrivateKey()
        let certificate = try maker.issueSignerCertificate(commonName: "江北市人民政府办公室", organization: "江北市", publicKey: unitKey.publicKey,
                                                           now: now, until: now + 2 * 365 * 86_400)
        let seal = try maker.makeSeal(name: "江北市人民政府办公室", esID: "3301000000001", signers: [certificate],
                                      picture: .init(type: "svg", data: Data("<svg/>".utf8), widthMM: 42, heightMM: 42),
                                      now: now, until: sealUntil)
        return Kit(maker: maker, unitKey: unitKey, unitCertificate: certificate, seal: seal)
    }

    @Test func sealReadsBackAndItsMakerSignatureHolds() throws {
        let kit = try Self.kit()
        let read = try SESeal(derRepresentation: kit.seal.derRepresentation)
        #expect(read == kit.seal)
        #expect(read.info.name == "江北市人民政府办公室")
        #expect(read.info.esID == "3301000000001")
        #expect(read.info.vendorID == "ZHENGTONG")
        #expect(read.info.picture.type == "svg" && read.info.picture.widthMM == 42)
        #expect(read.info.signerCertificates == [kit.unitCertificate.derRepresentation])
        #expect(read.info.validEnd == Self.now + 365 * 86_400)
        #expect(read.signatureAlgorithm == "1.2.156.10197.1.501")
        #expect(read.isSignedByMaker)
        // The DER starts as GB/T 38540 says: SEQUENCE { SEQUENCE { SEQUENCE { IA5String "ES", INTEGER 4 …
        let bytes = [UInt8](read.infoDER.prefix(12))
        #expect(bytes[0] == 0x30)
        #expect(read.infoDER.range(of: Data([0x16, 0x02, 0x45, 0x53, 0x02, 0x01, 0x04])) != nil)
    }

    @Test func aChangedSealNoLongerHolds() throws {
        let kit = try Self.kit()
        var der = kit.seal.derRepresentation
        let name = Data("办公室".utf8)
        let range = try #require(der.range(of: name))
        der.replaceSubrange(range, with: Data("财政局".utf8))
        #expect(try !SESeal(derRepresentation: der).isSignedByMaker)
    }

    @Test func signatureHoldsAndEachFailureIsNamed() throws {
        let kit = try Self.kit()
        let xml = Data("<ofd:Signature/>".utf8)
        let signature = try SESSignature.make(sealing: xml, propertyInfo: "/Doc_0/Signs/Sign_0/Signature.xml", seal: kit.seal,
                                              time: Self.now + 3600, signerCertificate: kit.unitCertificate, key: kit.unitKey)
        let read = try SESSignature(derRepresentation: signature.derRepresentation)
        #expect(read.propertyInfo == "/Doc_0/Signs/Sign_0/Signature.xml")
        #expect(read.dataHash == SM3.hash(xml))
        #expect(read.time == Self.now + 3600)
        #expect(read.seal == kit.seal)
        #expect(SESVerification.check(read, signedData: xml) == .valid)
        #expect(SESVerification.check(read, signedData: xml, trustedMakers: [kit.maker.certificate]) == .valid)
        #expect(SESVerification.check(read, signedData: Data("<ofd:Signature />".utf8)) == .dataAltered)

        let stranger = try SealMaker.create(name: "别的制作中心", organization: nil, now: Self.now)
        #expect(SESVerification.check(read, signedData: xml, trustedMakers: [stranger.certificate]) == .makerUntrusted)

        // A key the seal does not list, even with a certificate from the same maker.
        let otherKey = try SM2.PrivateKey()
        let otherCertificate = try kit.maker.issueSignerCertificate(commonName: "别人", organization: nil, publicKey: otherKey.publicKey,
                                                                    now: Self.now, until: Self.now + 86_400 * 30)
        let borrowed = try SESSignature.make(sealing: xml, propertyInfo: "/x", seal: kit.seal, time: Self.now + 60,
                                             signerCertificate: otherCertificate, key: otherKey)
        #expect(SESVerification.check(borrowed, signedData: xml) == .signerNotInSeal)

        // Signed with another key than the certificate's.
        let forged = try SESSignature.make(sealing: xml, propertyInfo: "/x", seal: kit.seal, time: Self.now + 60,
                                           signerCertificate: kit.unitCertificate, key: otherKey)
        #expect(SESVerification.check(forged, signedData: xml) == .signatureInvalid)

        // After the seal's validity.
        let late = try SESSignature.make(sealing: xml, propertyInfo: "/x", seal: kit.seal, time: Self.now + 400 * 86_400,
                                         signerCertificate: kit.unitCertificate, key: kit.unitKey)
        #expect(SESVerification.check(late, signedData: xml) == .sealNotValidAtSigning)
    }
}
