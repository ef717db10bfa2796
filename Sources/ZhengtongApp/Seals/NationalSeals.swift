import ElectronicSeal
import Fluent
import Foundation
import Gongwen
import Guomi

/// Making national seals (GB/T 38540): the platform's 印章制作 authority (made with the first seal, then kept) issues
/// each unit's seal key a certificate and signs the unit's SESeal listing it. Keys are stored sealed (``SealKeyVault``).
enum NationalSeals {
    /// How long a seal made here is valid.
    static let sealYears = 5

    /// A new national seal of `unit` named `name` (the unit's name when nil), stored on `seal` (a new row, not yet saved
    /// by the caller).
    static func make(_ seal: UnitSeal, for unit: Unit, name: String? = nil, vault: SealKeyVault, now: Date, on db: any Database) async throws {
        let name = name ?? unit.name
        let maker = try await maker(vault: vault, now: now, on: db)
        let key = try SM2.PrivateKey()
        let until = SealMaker.add(years: sealYears, to: now)
        let certificate = try maker.issueSignerCertificate(commonName: name, organization: unit.name, publicKey: key.publicKey, now: now, until: until)
        let id = seal.id ?? UUID()
        seal.id = id
        let picture = SESeal.Picture(type: "svg", data: Data(SealDesign.make(unitName: name).svg().utf8), widthMM: 42, heightMM: 42)
        let eseal = try maker.makeSeal(name: name, esID: id.uuidString.replacingOccurrences(of: "-", with: ""), signers: [certificate],
                                       picture: picture, now: now, until: until)
        seal.name = name
        seal.validUntil = until
        seal.algorithm = UnitSeal.Algorithm.sm2.rawValue
        seal.privateKeyPEM = ""
        seal.publicKey = certificate.derRepresentation.base64EncodedString()
        seal.certificate = certificate.derRepresentation.base64EncodedString()
        seal.sealedPrivateKey = try vault.seal(key, recordID: id)
        seal.eseal = eseal.derRepresentation.base64EncodedString()
    }

    /// The seal's key material for signing; nil for a P-256 seal.
    static func key(of seal: UnitSeal) throws -> NationalSealKey? {
        guard seal.algorithm == UnitSeal.Algorithm.sm2.rawValue, let id = seal.id,
              let certificate = seal.certificate.flatMap({ Data(base64Encoded: $0) }),
              let eseal = seal.eseal.flatMap({ Data(base64Encoded: $0) }),
              let sealed = seal.sealedPrivateKey
        else { return nil }
        return NationalSealKey(seal: try SESeal(derRepresentation: eseal), certificate: try SM2Certificate(derRepresentation: certificate),
                               key: try SealKeyring.shared.open(sealed, recordID: id))
    }

    /// The platform's authority, made on first use.
    static func maker(vault: SealKeyVault, now: Date, on db: any Database) async throws -> SealMaker {
        if let record = try await SealMakerRecord.query(on: db).sort(\.$createdAt).first(), let id = record.id,
           let der = Data(base64Encoded: record.certificate) {
            return SealMaker(certificate: try SM2Certificate(derRepresentation: der), key: try SealKeyring.shared.open(record.sealedPrivateKey, recordID: id))
        }
        let maker = try SealMaker.create(name: Strings.Seals.makerName, organization: nil, now: now)
        let record = SealMakerRecord()
        let id = UUID()
        record.id = id
        record.name = Strings.Seals.makerName
        record.certificate = maker.certificate.derRepresentation.base64EncodedString()
        record.sealedPrivateKey = try vault.seal(maker.key, recordID: id)
        record.createdAt = now
        try await record.create(on: db)
        return maker
    }

    /// The authority named in a national seal's record (its SESeal's maker certificate); nil for P-256 records.
    static func makerName(of record: SealSignature) -> String? {
        guard record.algorithm == SealSignature.sm2SES, let bytes = Data(base64Encoded: record.signature),
              let ses = try? SESSignature(derRepresentation: bytes),
              let maker = try? SM2Certificate(derRepresentation: ses.seal.makerCertificate)
        else { return nil }
        return maker.subject.commonName
    }

    /// The authorities' certificates a verification trusts: the platform's own.
    static func trustedMakers(on db: any Database) async throws -> [SM2Certificate] {
        try await SealMakerRecord.query(on: db).all().compactMap { Data(base64Encoded: $0.certificate) }.map { try SM2Certificate(derRepresentation: $0) }
    }
}
