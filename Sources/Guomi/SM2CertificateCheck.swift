import Foundation

/// What checking a certificate against the configured authorities found (key sign-in, seal keepers' keys).
public enum SM2CertificateCheck: String, Sendable, Hashable, CaseIterable {
    case valid
    /// Past its notAfter.
    case expired
    /// Before its notBefore.
    case notYetValid
    /// No configured authority (directly or through the given intermediates) signed it.
    case untrusted
    /// Its key is not SM2.
    case notSM2

    /// Checks `certificate` at `time`: its key, its validity, then a path to one of `anchors` through
    /// `intermediates` (each issuer an authority, valid at `time`, its signature checked).
    public static func check(_ certificate: SM2Certificate, at time: Date, anchors: [SM2Certificate],
                             intermediates: [SM2Certificate] = []) -> SM2CertificateCheck {
        guard (try? certificate.publicKey()) != nil else { return .notSM2 }
        if time < certificate.notBefore { return .notYetValid }
        if time > certificate.notAfter { return .expired }
        var current = certificate
        // A path is at most as long as the intermediates given, plus the anchor.
        for _ in 0...intermediates.count {
            if anchors.contains(where: { $0.subject.text == current.issuer.text && current.isSigned(by: $0) && $0.isAuthority
                                      && $0.notBefore <= time && time <= $0.notAfter }) {
                return .valid
            }
            guard let next = intermediates.first(where: { $0.subject.text == current.issuer.text && current.isSigned(by: $0) && $0.isAuthority
                                                       && $0.notBefore <= time && time <= $0.notAfter && $0 != current })
            else { return .untrusted }
            current = next
        }
        return .untrusted
    }
}
