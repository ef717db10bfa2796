import ElectronicSeal
import Foundation
import Guomi

/// What applies a national seal: the unit's seal (SESeal), and the certificate and key of the seal keeper's key it
/// lists.
public struct NationalSealKey: Sendable {
    public var seal: SESeal
    public var certificate: SM2Certificate
    public var key: SM2.PrivateKey

    public init(seal: SESeal, certificate: SM2Certificate, key: SM2.PrivateKey) {
        self.seal = seal
        self.certificate = certificate
        self.key = key
    }
}

extension SealSigning {
    /// The propertyInfo of a seal applied to a document's content (not to a file of a package).
    public static let documentPropertyInfo = "zhengtong:OfficialDocument"

    /// Applies a national seal: an SES_Signature over the same bytes the P-256 form signs (content ‖ metadata).
    public static func sign(_ document: OfficialDocument, sealName: String, signer: String, signerID: String, at: Date,
                            national: NationalSealKey) throws -> SealSignature {
        let signedAt = at.formatted(Date.ISO8601FormatStyle())
        let content = canonicalContent(of: document)
        let message = content + (try metadataBytes(algorithm: SealSignature.sm2SES, signedAt: signedAt, signerID: signerID,
                                                   signerName: signer, unitName: sealName))
        let ses = try SESSignature.make(sealing: message, propertyInfo: documentPropertyInfo, seal: national.seal,
                                        time: Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down)),
                                        signerCertificate: national.certificate, key: national.key)
        return SealSignature(signerName: signer, signerID: signerID, unitName: sealName, signedAt: signedAt, algorithm: SealSignature.sm2SES,
                             publicKey: national.certificate.derRepresentation.base64EncodedString(),
                             documentDigest: SM3.hash(content).guomiHex, signature: ses.derRepresentation.base64EncodedString())
    }

    /// ``verify(_:document:)`` for ``SealSignature/sm2SES``.
    static func verifyNational(_ signature: SealSignature, document: OfficialDocument) -> SealVerification {
        guard let bytes = Data(base64Encoded: signature.signature), let ses = try? SESSignature(derRepresentation: bytes),
              Data(base64Encoded: signature.publicKey) == ses.signerCertificate
        else { return .signatureInvalid }
        let content = canonicalContent(of: document)
        guard SM3.hash(content).guomiHex == signature.documentDigest.lowercased() else { return .documentAltered }
        guard let metadata = try? metadataBytes(algorithm: signature.algorithm, signedAt: signature.signedAt, signerID: signature.signerID,
                                                signerName: signature.signerName, unitName: signature.unitName)
        else { return .signatureInvalid }
        switch SESVerification.check(ses, signedData: content + metadata) {
        case .valid: return .valid
        default: return .signatureInvalid
        }
    }
}
