import ElectronicSeal
import Foundation
import Gongwen
import Guomi
import OFDCheck
import Testing

@Suite("OFD 国密电子签章（GB/T 38540）")
struct OFDNationalSealTests {
    struct Sealed {
        var package: Data
        var maker: SealMaker
    }

    static func sealed() throws -> Sealed {
        let maker = try SealMaker.create(name: "政通印章制作中心", organization: "江北市", now: OFDFixtures.issued)
        let key = try SM2.PrivateKey()
        let certificate = try maker.issueSignerCertificate(commonName: OFDFixtures.issuer, organization: nil, publicKey: key.publicKey,
                                                           now: OFDFixtures.issued, until: OFDFixtures.issued + 86_400 * 365)
        let seal = try maker.makeSeal(name: OFDFixtures.issuer, esID: "1", signers: [certificate],
                                      picture: .init(type: "svg", data: Data(OFDFixtures.sealDesign().svg().utf8), widthMM: 42, heightMM: 42),
                                      now: OFDFixtures.issued - 86_400, until: OFDFixtures.issued + 86_400 * 365)
        let signature = OFDSignature.sm2(signerName: "王五", time: OFDFixtures.issued, seal: seal, signerCertificate: certificate, key: key)
        let ofdSeal = OFDSeal(design: OFDFixtures.sealDesign(), placement: OFDFixtures.sample().sealPlacement, pageIndex: 1, signature: signature)
        return Sealed(package: try OFDWriter.package(OFDFixtures.sampleLayout(), metadata: OFDFixtures.metadata(), seal: ofdSeal), maker: maker)
    }

    @Test("SM2 签章：SM3 摘要、Seal.esl 与 SES_Signature 俱全，结构检查无误")
    func writesTheNationalStructure() throws {
        let sealed = try Self.sealed()
        #expect(OFDStructureCheck.problems(in: sealed.package) == [])
        let package = try OFDPackageReader(sealed.package)
        let info = try #require(package.xml("Doc_0/Signs/Sign_0/Signature.xml").child("SignedInfo"))
        #expect(info.child("SignatureMethod")?.text == "1.2.156.10197.1.501")
        #expect(info.child("References")?.attributes["CheckMethod"] == "1.2.156.10197.1.401")
        #expect(info.child("Seal")?.child("BaseLoc")?.text == "Seal.esl")
        let ses = try SESSignature(derRepresentation: package.data("Doc_0/Signs/Sign_0/SignedValue.dat"))
        #expect(ses.propertyInfo == "/Doc_0/Signs/Sign_0/Signature.xml")
        #expect(try ses.seal.derRepresentation == package.data("Doc_0/Signs/Sign_0/Seal.esl"))
        #expect(SESVerification.check(ses, signedData: try package.data("Doc_0/Signs/Sign_0/Signature.xml"),
                                      trustedMakers: [sealed.maker.certificate]) == .valid)
    }

    @Test("改动正文或签名描述都被发现")
    func tamperingIsCaught() throws {
        let sealed = try Self.sealed()
        let content = try OFDPackage(sealed.package)
        var files = content.files
        let page = try #require(files["Doc_0/Pages/Page_0/Content.xml"])
        files["Doc_0/Pages/Page_0/Content.xml"] = Data(String(decoding: page, as: UTF8.self).replacingOccurrences(of: "安全生产", with: "安全生活").utf8)
        let pageProblems = OFDStructureCheck.problems(in: OFDPackage(files: files))
        #expect(pageProblems.contains { $0.message.contains("does not match its CheckValue") })

        // Changing Signature.xml itself (here the signing time it states) breaks the SES_Signature.
        var signatureFiles = content.files
        let xml = try #require(signatureFiles["Doc_0/Signs/Sign_0/Signature.xml"])
        signatureFiles["Doc_0/Signs/Sign_0/Signature.xml"] = Data(String(decoding: xml, as: UTF8.self).replacingOccurrences(of: "20260105023000Z", with: "20260106023000Z").utf8)
        let problems = OFDStructureCheck.problems(in: OFDPackage(files: signatureFiles))
        #expect(problems.contains { $0.message.contains("dataAltered") })
    }
}
