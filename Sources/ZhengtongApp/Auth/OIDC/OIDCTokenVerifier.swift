import Foundation
import JWTKit
import Vapor

/// The registered claims of an ID token; the configured account claim is read from the payload separately.
struct OIDCIDTokenClaims: JWTPayload {
    var iss: String
    var sub: String
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var nonce: String?
    var azp: String?

    /// The claims are checked by ``OIDCTokenVerifier`` against the expected values, after the signature.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// What a verified ID token says about the person.
struct OIDCIdentity: Sendable, Equatable {
    var subject: String
    /// The configured claim's value (``OIDCConfig/claim``), nil when the token lacks it.
    var accountClaim: String?
    /// The token itself, kept in the session as the `id_token_hint` of the provider's logout.
    var idToken: String
}

/// Checks an ID token as OpenID Connect Core §3.1.3.7 asks: the signature with one of the provider's published
/// keys (RS256/384/512, PS256/384/512, ES256/384/512; never `none` or a shared-secret HS*), then `iss`, `aud`
/// (and `azp` when several audiences), `exp` and `iat` within ``OIDCConfig/leeway``, and the `nonce` of this sign-in.
/// Each failure names its check (``OIDCFailure/tokenInvalid(_:)``) for the audit log.
enum OIDCTokenVerifier {
    static let algorithms: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]

    private struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    static func verify(_ token: String, nonce expectedNonce: String, config: OIDCConfig, provider: OIDCProviderClient,
                       client: any Client, now: Date = Date()) async throws(OIDCFailure) -> OIDCIdentity {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]), let payloadData = Base64URL.decode(parts[1]),
              let header = try? JSONDecoder().decode(Header.self, from: headerData)
        else { throw .tokenInvalid("malformed_token") }
        guard let alg = header.alg, algorithms.contains(alg) else { throw .tokenInvalid("unsupported_algorithm") }

        let keys = try await provider.keys(for: header.kid, client: client)
        let claims: OIDCIDTokenClaims
        do {
            claims = try await keys.verify(token, as: OIDCIDTokenClaims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw .tokenInvalid("bad_signature")
        } catch let error as JWTError where error.errorType == .malformedToken || error.errorType == .claimVerificationFailure {
            throw .tokenInvalid("malformed_token")
        } catch {
            // A key of another type than the header's algorithm, a claim of the wrong type: not a valid token either.
            throw .tokenInvalid("bad_signature")
        }

        guard claims.iss == config.issuerString else { throw .tokenInvalid("wrong_issuer") }
        guard claims.aud.value.contains(config.clientID) else { throw .tokenInvalid("wrong_audience") }
        let allowed = config.trustedAudiences.union([config.clientID])
        guard claims.aud.value.allSatisfy(allowed.contains) else { throw .tokenInvalid("untrusted_audience") }
        if claims.aud.value.count > 1 || claims.azp != nil {
            guard claims.azp == config.clientID else { throw .tokenInvalid("wrong_azp") }
        }
        guard claims.exp.value.addingTimeInterval(config.leeway) > now else { throw .tokenInvalid("expired") }
        guard claims.iat.value.addingTimeInterval(-config.leeway) <= now else { throw .tokenInvalid("issued_in_future") }
        guard let nonce = claims.nonce, CSRFMiddleware.constantTimeEquals(nonce, expectedNonce) else {
            throw .tokenInvalid("wrong_nonce")
        }

        // The configured claim, and its `_verified` companion where the standard has one (email, phone_number).
        let payload = (try? JSONSerialization.jsonObject(with: payloadData)) as? [String: Any] ?? [:]
        var value: String?
        switch payload[config.claim] {
        case let text as String: value = text.trimmingCharacters(in: .whitespaces)
        case let number as NSNumber: value = number.stringValue
        default: value = nil
        }
        if let verified = payload[config.claim + "_verified"] as? Bool, !verified { value = nil }
        return OIDCIdentity(subject: claims.sub, accountClaim: value?.isEmpty == false ? value : nil, idToken: token)
    }
}

/// Base64url without padding (RFC 7515 §2).
enum Base64URL {
    static func decode(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
