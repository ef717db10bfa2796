import Fluent
import Foundation
import Guomi
import SQLKit
import Vapor

/// Signing in with a certificate (issue 22), by either method:
/// - A, `clientCertificate`: nginx verified the TLS client certificate against the CA and passed it in a header
///   (``clientCertificate(of:)``), believed only from the configured proxy addresses;
/// - B, `keyChallenge`: the person's USB key signed a challenge (``issueChallenge(on:)``) through the vendor's
///   local signing service, or a phone signed it; the server checks the SM2 signature.
///
/// Every certificate sign-in checks: an active binding, the certificate valid now, a chain to a configured CA
/// (``SM2CertificateCheck`` for SM2 certificates; for a non-SM2 certificate through the proxy, nginx's
/// `ssl_verify_client` did it and the issuer must be a configured CA), and for B the signature; then the rules of
/// every sign-in (``SignInAdmission``).
enum KeySignIn {
    /// How the person proved they hold the certificate's key.
    enum Proof: Sendable {
        case proxy
        /// The challenge's nonce and the signature (DER, or 64-byte r‖s).
        case challenge(nonce: String, signature: Data)
    }

    /// A challenge to sign: the signer signs the UTF-8 bytes of `challenge` exactly (SM2 with SM3, ID
    /// 1234567812345678), and the answer names `nonce`.
    struct Challenge: Content {
        var nonce: String
        var challenge: String
        var expiresAt: Date
    }

    /// `zhengtong-sign-in|v1|<site>|<nonce>|<expiry, RFC 3339 UTC>`: the site (the public URL's host, or
    /// `zhengtong` when none is configured) so a signature for one platform is no use at another.
    static func challengeText(nonce: String, expiresAt: Date, config: AppConfig) -> String {
        let site = config.publicURL?.host ?? "zhengtong"
        let expiry = ISO8601DateFormatter().string(from: expiresAt)
        return "zhengtong-sign-in|v1|\(site)|\(nonce)|\(expiry)"
    }

    static func issueChallenge(on req: Request) async throws -> Challenge {
        let config = req.application.config
        guard config.keySignIn.challengeEnabled else {
            throw AppError(status: .notFound, code: "key_sign_in_unavailable", message: Strings.KeySignIn.unavailable, fields: [:])
        }
        let nonce = [UInt8].random(count: 32).base64URLEncoded
        let now = Date()
        let expiresAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + config.keySignIn.challengeLifetime).rounded(.down))
        try await req.write { db in
            try await SignInChallenge.query(on: db).filter(\.$expiresAt < now.addingTimeInterval(-3600)).delete()
            try await SignInChallenge(nonce: nonce, expiresAt: expiresAt).create(on: db)
        }
        return Challenge(nonce: nonce, challenge: challengeText(nonce: nonce, expiresAt: expiresAt, config: config), expiresAt: expiresAt)
    }

    /// The certificate the proxy passed on, when the request came from a configured proxy and carries one; anyone else's
    /// header is ignored.
    static func clientCertificate(of req: Request) throws -> SM2Certificate? {
        let config = req.application.config.keySignIn
        guard config.clientCertificateEnabled, let header = config.clientCertificateHeader,
              let peer = req.remoteAddress?.ipAddress, config.clientCertificateProxies.contains(peer),
              let raw = req.headers.first(name: header), !raw.isEmpty, raw != "(null)"
        else { return nil }
        guard let pem = raw.removingPercentEncoding, let certificate = try? SM2Certificate(pemRepresentation: pem) else {
            throw AppError(status: .badRequest, code: "certificate_unreadable", message: Strings.KeySignIn.certificateUnreadable, fields: [:])
        }
        return certificate
    }

    /// A signature as a signing service returns it: base64 of DER `SEQUENCE { r, s }` or of the 64-byte `r ‖ s`.
    static func signature(fromBase64 text: String) throws -> Data {
        guard let raw = Data(base64Encoded: text.filter { !$0.isWhitespace }), !raw.isEmpty else {
            throw AppError.validation(Strings.KeySignIn.signatureUnreadable, fields: ["signature": Strings.KeySignIn.signatureUnreadable])
        }
        if raw.count == 64 { return (try? SM2.SignatureValue.der(fromRaw: raw)) ?? raw }
        return raw
    }

    /// Signs in the person `certificate` is bound to, or refuses (audited, and counted towards the lockout).
    static func signIn(certificate: SM2Certificate, proof: Proof, on req: Request, now: Date = Date()) async throws -> User {
        let config = req.application.config.keySignIn
        let method: SignInMethod = if case .proxy = proof { .clientCertificate } else { .keyChallenge }
        guard method == .clientCertificate ? config.clientCertificateEnabled : config.challengeEnabled else {
            throw AppError(status: .notFound, code: "key_sign_in_unavailable", message: Strings.KeySignIn.unavailable, fields: [:])
        }
        let fingerprint = certificate.fingerprint
        let details = ["certificate": String(fingerprint.prefix(16)), "subject": String(certificate.subject.text.prefix(120))]
        let bindings = try await CertificateBinding.query(on: req.db).filter(\.$fingerprint == fingerprint).with(\.$user).all()
        let binding = bindings.first(where: \.isActive)
        let label = binding?.user.username ?? "certificate:" + fingerprint.prefix(16)
        let account = label
        try await SignInAdmission.checkLock(account: account, label: label, method: method, on: req)

        func refuse(_ reason: String, _ code: String, _ message: String, status: HTTPResponseStatus = .unauthorized) async throws -> AppError {
            try await SignInAdmission.failed(account: account, label: label, method: method, reason: reason, details: details,
                                             error: AppError(status: status, code: code, message: message, fields: [:]), on: req)
        }

        // A challenge is used up by any answer, right or wrong.
        if case .challenge(let nonce, _) = proof {
            switch try await consume(nonce: nonce, now: now, on: req) {
            case .valid: break
            case .unknown: throw try await refuse("challenge_invalid", "challenge_invalid", Strings.KeySignIn.challengeInvalid)
            case .expired: throw try await refuse("challenge_expired", "challenge_expired", Strings.KeySignIn.challengeExpired)
            }
        }
        guard let binding else {
            if bindings.isEmpty { throw try await refuse("unbound", "certificate_unbound", Strings.KeySignIn.unbound) }
            throw try await refuse("revoked", "certificate_revoked", Strings.KeySignIn.revoked)
        }
        if now < certificate.notBefore {
            throw try await refuse("not_yet_valid", "certificate_not_yet_valid", Strings.KeySignIn.notYetValid(DisplayFormat.time(certificate.notBefore)))
        }
        if now > certificate.notAfter {
            throw try await refuse("expired", "certificate_expired", Strings.KeySignIn.expired(DisplayFormat.time(certificate.notAfter)))
        }
        let publicKey = try? certificate.publicKey()
        if publicKey != nil {
            let check = SM2CertificateCheck.check(certificate, at: now, anchors: config.anchors, intermediates: config.intermediates)
            if check != .valid { throw try await refuse(check == .expired ? "expired" : "untrusted", "certificate_untrusted", Strings.KeySignIn.untrusted) }
        } else if method == .keyChallenge {
            throw try await refuse("not_sm2", "certificate_not_sm2", Strings.KeySignIn.notSM2)
        } else {
            // Not SM2 (RSA, P-256 through an ordinary nginx): nginx checked the chain (ssl_verify_client); its issuer must
            // still be one of ours, so a proxy configured with another CA file is not believed blindly.
            let authorities = config.anchors + config.intermediates
            guard authorities.contains(where: { $0.subject.text == certificate.issuer.text }) else {
                throw try await refuse("untrusted", "certificate_untrusted", Strings.KeySignIn.untrusted)
            }
        }
        if case .challenge(let nonce, let signature) = proof {
            guard let publicKey, let expiresAt = req.storage[ChallengeExpiryKey.self],
                  publicKey.isValidSignature(signature, for: Data(challengeText(nonce: nonce, expiresAt: expiresAt, config: req.application.config).utf8))
            else { throw try await refuse("bad_signature", "signature_invalid", Strings.KeySignIn.signatureInvalid) }
        }
        var admitted = details
        admitted["binding"] = binding.id?.uuidString
        return try await SignInAdmission.admit(binding.user, method: method, details: admitted, on: req)
    }

    private enum ChallengeState { case valid, unknown, expired }
    private struct ChallengeExpiryKey: StorageKey { typealias Value = Date }

    /// Deletes the challenge (atomically: of two answers to one challenge only one finds it) and says whether it was live.
    private static func consume(nonce: String, now: Date, on req: Request) async throws -> ChallengeState {
        guard !nonce.isEmpty, nonce.count <= 64, let challenge = try await SignInChallenge.query(on: req.db).filter(\.$nonce == nonce).first(),
              let id = challenge.id
        else { return .unknown }
        let deleted = try await req.write { db in
            try await db.sqlDatabase().raw("DELETE FROM sign_in_challenges WHERE id = \(bind: id) RETURNING 1").all().count
        }
        guard deleted == 1 else { return .unknown }
        guard challenge.expiresAt >= now else { return .expired }
        req.storage[ChallengeExpiryKey.self] = challenge.expiresAt
        return .valid
    }
}
