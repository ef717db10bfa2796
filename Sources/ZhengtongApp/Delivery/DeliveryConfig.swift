import Foundation

/// Where messages leave the platform: the province's SMS gateway and the outside mail server. Read from the
/// environment, like the database — an address and a secret of the server's network, which no web page may set:
///
/// - `ZHENGTONG_SMS_WEBHOOK_URL` and `ZHENGTONG_SMS_WEBHOOK_SECRET`: each text message is POSTed there as JSON,
///   signed with HMAC-SHA256 of the secret (``SMSGateway``); the gateway reports delivery to
///   `/api/v1/delivery/sms/callback`, signed the same way.
/// - `ZHENGTONG_SMTP_HOST`, `ZHENGTONG_SMTP_PORT` (587), `ZHENGTONG_SMTP_SECURITY` (`starttls`, `tls` or `none`),
///   `ZHENGTONG_SMTP_USERNAME`, `ZHENGTONG_SMTP_PASSWORD`, `ZHENGTONG_SMTP_FROM` (the sender address) and
///   `ZHENGTONG_SMTP_CA_FILE` (a PEM file of the intranet's own certificate authority, trusted besides the system's).
///
/// Either may be missing: messages for a channel without its settings wait in the outbox.
public struct DeliveryConfig: Sendable, Equatable {
    public struct SMSGateway: Sendable, Equatable {
        public var url: URL
        public var secret: String
        public init(url: URL, secret: String) {
            self.url = url
            self.secret = secret
        }
    }

    public struct SMTP: Sendable, Equatable {
        public enum Security: String, Sendable, Equatable {
            /// Plain connection upgraded with STARTTLS before logging in (port 587).
            case starttls
            /// TLS from the first byte (port 465).
            case tls
            /// No encryption: only for a relay on the same host.
            case none
        }

        public var host: String
        public var port: Int
        public var security: Security
        public var username: String?
        public var password: String?
        public var from: String
        public var caFile: String?

        public init(host: String, port: Int = 587, security: Security = .starttls, username: String? = nil, password: String? = nil,
                    from: String, caFile: String? = nil) {
            self.host = host
            self.port = port
            self.security = security
            self.username = username
            self.password = password
            self.from = from
            self.caFile = caFile
        }
    }

    public var sms: SMSGateway?
    public var smtp: SMTP?
    /// How many text messages one process sends at the same time.
    public var concurrency: Int

    public init(sms: SMSGateway? = nil, smtp: SMTP? = nil, concurrency: Int = 16) {
        self.sms = sms
        self.smtp = smtp
        self.concurrency = concurrency
    }

    static func fromEnvironment(_ value: (String) -> String?) throws -> DeliveryConfig {
        var config = DeliveryConfig()
        if let raw = value("ZHENGTONG_SMS_WEBHOOK_URL") {
            guard let url = URL(string: raw), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ConfigurationError(variable: "ZHENGTONG_SMS_WEBHOOK_URL", problem: Strings.Config.urlInvalid(raw), example: "https://sms.gov.example/zhengtong")
            }
            guard let secret = value("ZHENGTONG_SMS_WEBHOOK_SECRET"), secret.count >= 16 else {
                throw ConfigurationError(variable: "ZHENGTONG_SMS_WEBHOOK_SECRET", problem: Strings.Config.secretTooShort, example: "a-long-random-shared-secret")
            }
            config.sms = SMSGateway(url: url, secret: secret)
        }
        if let host = value("ZHENGTONG_SMTP_HOST") {
            var port = 587
            if let raw = value("ZHENGTONG_SMTP_PORT") {
                guard let number = Int(raw), (1...65535).contains(number) else {
                    throw ConfigurationError(variable: "ZHENGTONG_SMTP_PORT", problem: Strings.Config.portInvalid(raw), example: "587")
                }
                port = number
            }
            var security = SMTP.Security.starttls
            if let raw = value("ZHENGTONG_SMTP_SECURITY") {
                guard let chosen = SMTP.Security(rawValue: raw) else {
                    throw ConfigurationError(variable: "ZHENGTONG_SMTP_SECURITY", problem: Strings.Config.smtpSecurityInvalid(raw), example: "starttls")
                }
                security = chosen
            }
            guard let from = value("ZHENGTONG_SMTP_FROM"), from.contains("@") else {
                throw ConfigurationError(variable: "ZHENGTONG_SMTP_FROM", problem: Strings.Config.smtpFromMissing, example: "oa@qh.gov.example")
            }
            config.smtp = SMTP(host: host, port: port, security: security, username: value("ZHENGTONG_SMTP_USERNAME"),
                               password: value("ZHENGTONG_SMTP_PASSWORD"), from: from, caFile: value("ZHENGTONG_SMTP_CA_FILE"))
        }
        return config
    }
}
