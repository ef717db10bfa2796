import ElectronicSeal
import Fluent
import Foundation
import Gongwen
import Guomi
import OFDCheck
import Testing
import Vapor
import VaporTesting
import ZIPFoundation
@testable import ZhengtongApp

/// Seals made on the platform are national seals (GB/T 38540): SM2 keys stored sealed with SM4, an SESeal signed by
/// the platform's 印章制作 authority, and OFDs signed with an SES_Signature; seals made before keep verifying.
@Suite("国密电子印章：制作、用印、OFD 签章与验证")
struct NationalSealTests {
    @Test("封发的通知盖的是国密印章：私钥加密存放，OFD 的 SES_Signature 由平台制章机构签发并可验证")
    func dispatchedNoticeCarriesANationalSeal() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let notice = try await CityFixture.dispatched(on: app)
            let seal = try #require(try await UnitSeal.query(on: app.db).filter(\.$unitID == notice.$unit.id).first())
            #expect(seal.algorithm == "sm2")
            #expect(seal.privateKeyPEM.isEmpty)
            let sealed = try #require(seal.sealedPrivateKey)
            #expect(sealed.hasPrefix("zt1:"))
            // The stored key is not the key: opening needs the vault, and the key then signs for the seal's certificate.
            let key = try #require(try NationalSeals.key(of: seal))
            #expect(!sealed.contains(key.key.derRepresentation.base64EncodedString()))
            #expect(try key.certificate.publicKey().x962Representation == key.key.publicKey.x962Representation)
            #expect(key.seal.info.name == seal.name)
            #expect(key.seal.isSignedByMaker)

            // The 用印 record is an SES_Signature over the document.
            let check = try await OutgoingActionsController.check(notice, on: app.db)
            #expect(check.result == SealVerification.valid.rawValue)
            #expect(check.matchesUnitKey == true)
            #expect(check.algorithm == "sm2" && check.maker == "政通印章制作中心")

            // The OFD: SM3 references, Seal.esl, an SES_Signature whose maker is the platform's authority.
            let clerk = try await CityFixture.signedIn("zhaom", app)
            let response = try await clerk.get(SiteURL.outgoingOFD.link(try notice.requireID()))
            #expect(response.status == .ok)
            let data = Data(response.body.readableBytesView)
            #expect(OFDStructureCheck.problems(in: data).map(\.description) == [])
            let package = try OFDPackage(data)
            let ses = try SESSignature(derRepresentation: try #require(package.files["Doc_0/Signs/Sign_0/SignedValue.dat"]))
            let makers = try await NationalSeals.trustedMakers(on: app.db)
            #expect(makers.count == 1)
            #expect(SESVerification.check(ses, signedData: try #require(package.files["Doc_0/Signs/Sign_0/Signature.xml"]),
                                          trustedMakers: makers) == .valid)
            #expect(ses.seal.info.name == seal.name)
        }
    }

    @Test("国密印章之前制作的 P-256 印章照常用印、照常验证")
    func olderP256SealsKeepWorking() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let notice = try await CityFixture.dispatched(on: app)
            let document = try notice.document()
            // A seal as made before national seals (algorithm NULL, PEM key), with a record it made.
            let legacy = SealKey.generate()
            let record = try SealSigning.sign(document, sealName: "江北市人民政府办公室", signer: "王五", signerID: "u-1", at: Date(), key: legacy)
            let seal = try #require(try await UnitSeal.query(on: app.db).filter(\.$unitID == notice.$unit.id).first())
            seal.algorithm = nil
            seal.privateKeyPEM = legacy.pemRepresentation
            seal.publicKey = legacy.publicKeyBase64
            seal.certificate = nil
            seal.sealedPrivateKey = nil
            seal.eseal = nil
            try await seal.save(on: app.db)
            let application = try #require(try await SealApplication.query(on: app.db).filter(\.$documentID == notice.requireID()).first())
            application.signature = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
            try await application.save(on: app.db)

            let check = try await OutgoingActionsController.check(notice, on: app.db)
            #expect(check.result == SealVerification.valid.rawValue)
            #expect(check.matchesUnitKey == true)
            #expect(check.algorithm == "p256" && check.maker == nil)
            let clerk = try await CityFixture.signedIn("zhaom", app)
            let data = Data(try await clerk.get(SiteURL.outgoingOFD.link(try notice.requireID())).body.readableBytesView)
            #expect(OFDStructureCheck.problems(in: data).map(\.description) == [])
            let package = try OFDPackage(data)
            let xml = try #require(package.files["Doc_0/Signs/Sign_0/Signature.xml"])
            #expect(String(decoding: xml, as: UTF8.self).contains("1.2.840.10045.4.3.2"))
        }
    }

    @Test("印章密钥加密密钥：配置的密钥优先；未配置时在数据目录生成 0600 的密钥文件，重启后沿用；换了密钥打不开")
    func keyEncryptionKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zt-vault-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try SealKeyVault.make(configured: nil, dataDirectory: directory, persistent: true)
        let file = directory + "/keys/seal.key"
        // Nothing is written until a seal key is sealed (commands that never seal leave no file behind).
        #expect(!FileManager.default.fileExists(atPath: file))
        let key = try SM2.PrivateKey()
        let id = UUID()
        let sealed = try first.seal(key, recordID: id)
        let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let again = try SealKeyVault.make(configured: nil, dataDirectory: directory, persistent: true)
        #expect(try again.keyID() == first.keyID())

        #expect(try SealKeyring.shared.open(sealed, recordID: id).publicKey.x962Representation == key.publicKey.x962Representation)
        // Bound to its record, and to its key-encryption key.
        #expect(throws: AppError.self) { try SealKeyring.shared.open(sealed, recordID: UUID()) }
        let other = try SealKeyVault.make(configured: Data(repeating: 0x42, count: 32), dataDirectory: directory, persistent: true)
        #expect(try other.keyID() != first.keyID())
        let forged = sealed.replacingOccurrences(of: try first.keyID(), with: try other.keyID())
        #expect(throws: AppError.self) { try SealKeyring.shared.open(forged, recordID: id) }
        #expect(throws: ConfigurationError.self) { try AppConfig.fromEnvironment(["ZHENGTONG_SEAL_KEY": "abc"]) }
        #expect(try AppConfig.fromEnvironment(["ZHENGTONG_SEAL_KEY": String(repeating: "0f", count: 32)]).sealKeyEncryptionKey?.count == 32)
    }
}
