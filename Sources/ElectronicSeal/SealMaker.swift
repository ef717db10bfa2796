import Foundation
import Guomi

/// The 印章制作 authority: the key and certificate that issue seal keepers' certificates and sign seals. A
/// platform without a province's seal platform makes its own (``create(name:organization:now:years:)``); one with
/// it is given the province's maker certificate and key (docs/deployment.md).
public struct SealMaker: Sendable {
    public let certificate: SM2Certificate
    public let key: SM2.PrivateKey

    public init(certificate: SM2Certificate, key: SM2.PrivateKey) {
        self.certificate = certificate
        self.key = key
    }

    /// A new self-signed authority, valid from a day before `now` for `years`.
    public static func create(name: String, organization: String?, now: Date, years: Int = 20) throws -> SealMaker {
        let key = try SM2.PrivateKey()
        let certificate = try SM2Certificate.issue(subject: .init(commonName: name, organization: organization), publicKey: key.publicKey,
                                                   kind: .authority, notBefore: now - 86_400, notAfter: Self.add(years: years, to: now),
                                                   issuer: nil, issuerKey: key)
        return SealMaker(certificate: certificate, key: key)
    }

    /// A signer certificate for the holder of `publicKey` (a unit's seal key), valid from a day before `now` until
    /// `until`.
    public func issueSignerCertificate(commonName: String, organization: String?, publicKey: SM2.PublicKey, now: Date,
                                       until: Date) throws -> SM2Certificate {
        try SM2Certificate.issue(subject: .init(commonName: commonName, organization: organization), publicKey: publicKey, kind: .signer,
                                 notBefore: now - 86_400, notAfter: until, issuer: certificate, issuerKey: key)
    }

    /// A unit's seal: `name`, usable by the `signers`, valid from `now` until `until`.
    public func makeSeal(name: String, esID: String, signers: [SM2Certificate], picture: SESeal.Picture, now: Date, until: Date,
                         vendorID: String = "ZHENGTONG") throws -> SESeal {
        try SESeal.make(SESeal.Info(vendorID: vendorID, esID: esID, type: .organization, name: name,
                                    signerCertificates: signers.map(\.derRepresentation), createDate: now, validStart: now - 60,
                                    validEnd: until, picture: picture),
                        maker: certificate, makerKey: key)
    }

    public static func add(years: Int, to date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .year, value: years, to: date) ?? date
    }
}
