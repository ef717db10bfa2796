import Foundation
import Guomi

/// Sign-in with a certificate or USB key (issue 22): the province's CAs, the reverse proxy that verifies TLS client
/// certificates, and the key vendor's local signing service. Read from the environment at start-up; all off by
/// default (password sign-in only).
public struct KeySignInConfig: Sendable {
    /// The configured CAs (`ZHENGTONG_CA_CERTS`): roots (self-signed) are anchors, the rest intermediates.
    public var anchors: [SM2Certificate]
    public var intermediates: [SM2Certificate]
    /// The header nginx puts the verified client certificate in (`$ssl_client_escaped_cert`, URL-encoded PEM),
    /// lowercased; nil when method A (client certificate through the proxy) is off.
    public var clientCertificateHeader: String?
    /// The socket addresses of the proxies whose header is believed; from anyone else it is ignored.
    public var clientCertificateProxies: Set<String>
    /// The vendor's local signing service the login page sends challenges to (method B); nil when off.
    public var keySignerURL: URL?
    /// How long a challenge may be answered.
    public var challengeLifetime: TimeInterval

    public init(anchors: [SM2Certificate] = [], intermediates: [SM2Certificate] = [], clientCertificateHeader: String? = nil,
                clientCertificateProxies: Set<String> = [], keySignerURL: URL? = nil, challengeLifetime: TimeInterval = 120) {
        self.anchors = anchors
        self.intermediates = intermediates
        self.clientCertificateHeader = clientCertificateHeader?.lowercased()
        self.clientCertificateProxies = clientCertificateProxies
        self.keySignerURL = keySignerURL
        self.challengeLifetime = challengeLifetime
    }

    /// A CA bundle's certificates split into anchors and intermediates.
    public init(caBundle: [SM2Certificate], clientCertificateHeader: String? = nil, clientCertificateProxies: Set<String> = [],
                keySignerURL: URL? = nil, challengeLifetime: TimeInterval = 120) {
        let roots = caBundle.filter { $0.subject.text == $0.issuer.text }
        self.init(anchors: roots, intermediates: caBundle.filter { !roots.contains($0) }, clientCertificateHeader: clientCertificateHeader,
                  clientCertificateProxies: clientCertificateProxies, keySignerURL: keySignerURL, challengeLifetime: challengeLifetime)
    }

    public var hasAuthorities: Bool { !anchors.isEmpty }
    /// Method A: a TLS client certificate passed on by the proxy.
    public var clientCertificateEnabled: Bool { hasAuthorities && clientCertificateHeader != nil && !clientCertificateProxies.isEmpty }
    /// Method B: a challenge signed by the USB key through the vendor's local service (and the API's phone flow).
    public var challengeEnabled: Bool { hasAuthorities }
    /// Whether a unit may require key sign-in on this server at all.
    public var isAvailable: Bool { clientCertificateEnabled || challengeEnabled }

    /// What the pages' CSP must let scripts connect to: the signing service's origin, exactly.
    public var connectSources: [String] {
        guard let url = keySignerURL, let scheme = url.scheme, let host = url.host else { return [] }
        return [scheme + "://" + host + (url.port.map { ":\($0)" } ?? "")]
    }

    /// The PEM certificates in a bundle, in order.
    public static func certificates(inPEMBundle text: String) throws -> [SM2Certificate] {
        var found: [SM2Certificate] = []
        var rest = Substring(text)
        let begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----"
        while let start = rest.range(of: begin), let stop = rest.range(of: end, range: start.upperBound..<rest.endIndex) {
            found.append(try SM2Certificate(pemRepresentation: String(rest[start.lowerBound..<stop.upperBound]) + "\n"))
            rest = rest[stop.upperBound...]
        }
        return found
    }

    /// `ZHENGTONG_CA_CERTS`, `ZHENGTONG_CLIENT_CERT_HEADER`, `ZHENGTONG_CLIENT_CERT_PROXIES`, `ZHENGTONG_KEY_SIGNER_URL`.
    static func fromEnvironment(_ value: (String) -> String?) throws -> KeySignInConfig {
        var bundle: [SM2Certificate] = []
        if let path = value("ZHENGTONG_CA_CERTS") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(variable: "ZHENGTONG_CA_CERTS", problem: Strings.KeySignIn.caBundleMissing(path),
                                         example: "/etc/zhengtong/ca-bundle.pem")
            }
            do {
                bundle = try certificates(inPEMBundle: String(decoding: data, as: UTF8.self))
            } catch {
                throw ConfigurationError(variable: "ZHENGTONG_CA_CERTS", problem: Strings.KeySignIn.caBundleUnreadable(path),
                                         example: "/etc/zhengtong/ca-bundle.pem")
            }
            guard !bundle.isEmpty, bundle.allSatisfy(\.isAuthority) else {
                throw ConfigurationError(variable: "ZHENGTONG_CA_CERTS", problem: Strings.KeySignIn.caBundleUnreadable(path),
                                         example: "/etc/zhengtong/ca-bundle.pem")
            }
            guard bundle.contains(where: { $0.subject.text == $0.issuer.text }) else {
                throw ConfigurationError(variable: "ZHENGTONG_CA_CERTS", problem: Strings.KeySignIn.caBundleWithoutRoot(path),
                                         example: "/etc/zhengtong/ca-bundle.pem")
            }
        }
        let header = value("ZHENGTONG_CLIENT_CERT_HEADER")
        let proxies = Set((value("ZHENGTONG_CLIENT_CERT_PROXIES") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        if let header {
            guard header.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw ConfigurationError(variable: "ZHENGTONG_CLIENT_CERT_HEADER", problem: Strings.KeySignIn.headerInvalid(header),
                                         example: "X-SSL-Client-Cert")
            }
            guard !proxies.isEmpty else {
                throw ConfigurationError(variable: "ZHENGTONG_CLIENT_CERT_PROXIES", problem: Strings.KeySignIn.proxiesMissing,
                                         example: "127.0.0.1")
            }
        }
        var signer: URL?
        if let raw = value("ZHENGTONG_KEY_SIGNER_URL") {
            guard let url = URL(string: raw), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ConfigurationError(variable: "ZHENGTONG_KEY_SIGNER_URL", problem: Strings.Config.urlInvalid(raw),
                                         example: "http://127.0.0.1:21061/sign")
            }
            signer = url
        }
        if (header != nil || signer != nil), bundle.isEmpty {
            throw ConfigurationError(variable: "ZHENGTONG_CA_CERTS", problem: Strings.KeySignIn.caBundleRequired,
                                     example: "/etc/zhengtong/ca-bundle.pem")
        }
        return KeySignInConfig(caBundle: bundle, clientCertificateHeader: header, clientCertificateProxies: proxies, keySignerURL: signer)
    }
}
