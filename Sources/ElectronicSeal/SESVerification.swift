import Foundation
import Guomi

/// What checking an ``SESSignature`` found, in the order GB/T 38540 checks: the first failure is the verdict.
public enum SESVerification: String, Sendable, Hashable, CaseIterable {
    case valid
    /// The signer's signature over `toSign` does not verify with the certificate it names.
    case signatureInvalid
    /// The signer's certificate is not among those the seal lists.
    case signerNotInSeal
    /// The authority's signature over the seal does not verify.
    case sealInvalid
    /// The seal was used outside its validity (the signing time is before validStart or after validEnd).
    case sealNotValidAtSigning
    /// The signer's certificate was not valid at the signing time.
    case signerCertificateNotValidAtSigning
    /// The authority is not one of those trusted (only when a list is given).
    case makerUntrusted
    /// What was sealed changed: its SM3 differs from `dataHash`.
    case dataAltered

    /// Checks `signature` over `signedData` (the bytes whose SM3 was sealed). `trustedMakers`, when not nil, lists the
    /// authorities' certificates accepted; nil accepts any maker whose signature holds (the package is checked on its
    /// own terms).
    public static func check(_ signature: SESSignature, signedData: Data, trustedMakers: [SM2Certificate]? = nil) -> SESVerification {
        guard signature.signatureAlgorithm == SM2.signatureOID,
              let signer = try? SM2Certificate(derRepresentation: signature.signerCertificate),
              let signerKey = try? signer.publicKey(),
              signerKey.isValidSignature(signature.signature, for: signature.toSignDER)
        else { return .signatureInvalid }
        let seal = signature.seal
        guard seal.info.signerCertificates.contains(signature.signerCertificate) else { return .signerNotInSeal }
        guard seal.isSignedByMaker else { return .sealInvalid }
        guard seal.info.validStart <= signature.time, signature.time <= seal.info.validEnd else { return .sealNotValidAtSigning }
        guard signer.notBefore <= signature.time, signature.time <= signer.notAfter else { return .signerCertificateNotValidAtSigning }
        if let trustedMakers {
            guard let maker = try? SM2Certificate(derRepresentation: seal.makerCertificate),
                  trustedMakers.contains(where: { $0 == maker || maker.isSigned(by: $0) })
            else { return .makerUntrusted }
        }
        guard SM3.hash(signedData) == signature.dataHash else { return .dataAltered }
        return .valid
    }

    /// The verdict as a verification page states it.
    public var title: String {
        switch self {
        case .valid: "签章有效，文件未被改动"
        case .signatureInvalid: "签章签名无效"
        case .signerNotInSeal: "签章人证书不属于该印章"
        case .sealInvalid: "印章数据无效（制章人签名不符）"
        case .sealNotValidAtSigning: "签章时印章不在有效期内"
        case .signerCertificateNotValidAtSigning: "签章时签章人证书不在有效期内"
        case .makerUntrusted: "制章机构不受信任"
        case .dataAltered: "文件已被改动"
        }
    }
}
