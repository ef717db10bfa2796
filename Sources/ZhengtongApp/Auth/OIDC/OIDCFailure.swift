import Vapor

/// Why a single sign-on attempt failed: `reason` goes to the audit log (each check its own word), `code` is the
/// stable code of the API and the error, and the message is what the person reads on the login page.
struct OIDCFailure: Error, Sendable, Equatable {
    var reason: String
    var code: String
    var status: HTTPResponseStatus
    var message: String
    /// What the server log gets besides the reason (the provider's answer, the unreachable URL); never shown to people.
    var detail: String = ""
    /// Already in the audit log (refused by ``SignInAdmission``, which records its own refusals).
    var audited = false

    var appError: AppError { AppError(status: status, code: code, message: message) }

    static let notConfigured = OIDCFailure(reason: "oidc_not_configured", code: "oidc_not_configured", status: .notFound,
                                           message: Strings.OIDC.notConfigured)
    /// No sign-in was waiting in this session for the `state` that came back: forged, replayed, or too old.
    static let stateMismatch = OIDCFailure(reason: "oidc_state_mismatch", code: "oidc_state_mismatch", status: .badRequest,
                                           message: Strings.OIDC.stateMismatch)
    static func providerError(_ error: String) -> OIDCFailure {
        OIDCFailure(reason: "oidc_provider_error:" + String(error.prefix(40)), code: "oidc_provider_error", status: .unauthorized,
                    message: error == "access_denied" ? Strings.OIDC.accessDenied : Strings.OIDC.providerError)
    }
    static func providerUnavailable(_ detail: String) -> OIDCFailure {
        OIDCFailure(reason: "oidc_provider_unavailable", code: "oidc_provider_unavailable", status: .badGateway,
                    message: Strings.OIDC.providerUnavailable, detail: detail)
    }
    /// The token endpoint refused the code (used already, expired, wrong verifier or redirect URL).
    static let codeRejected = OIDCFailure(reason: "oidc_code_rejected", code: "oidc_code_rejected", status: .unauthorized,
                                          message: Strings.OIDC.codeRejected)
    /// The ID token failed a check: `check` names which (signature, issuer, audience, expiry, nonce …).
    static func tokenInvalid(_ check: String) -> OIDCFailure {
        OIDCFailure(reason: "oidc_" + check, code: "oidc_token_invalid", status: .unauthorized, message: Strings.OIDC.tokenInvalid)
    }
    static let claimMissing = OIDCFailure(reason: "oidc_claim_missing", code: "oidc_account_unmatched", status: .forbidden,
                                          message: Strings.OIDC.claimMissing)
    static let unmatched = OIDCFailure(reason: "unmatched", code: "oidc_account_unmatched", status: .forbidden,
                                       message: Strings.OIDC.unmatched)
    static let ambiguous = OIDCFailure(reason: "ambiguous", code: "oidc_account_unmatched", status: .forbidden,
                                       message: Strings.OIDC.unmatched)
    static let disabled = OIDCFailure(reason: "disabled", code: "account_disabled", status: .forbidden,
                                      message: Strings.Auth.accountDisabled)
    static let administrator = OIDCFailure(reason: "administrator", code: "oidc_administrator_refused", status: .forbidden,
                                           message: Strings.OIDC.administratorRefused)
    /// Refused by the rules every sign-in method shares (``SignInAdmission``: disabled account, a unit requiring key
    /// sign-in), which audited it.
    static func refused(_ error: AppError) -> OIDCFailure {
        OIDCFailure(reason: error.code, code: error.code, status: error.status, message: error.message, audited: true)
    }
    static func locked(_ message: String) -> OIDCFailure {
        OIDCFailure(reason: "locked", code: "login_locked", status: .tooManyRequests, message: message)
    }
    static let redirectNotAllowed = OIDCFailure(reason: "oidc_redirect_not_allowed", code: "oidc_redirect_not_allowed",
                                                status: .badRequest, message: Strings.OIDC.redirectNotAllowed)
}
