import Foundation
import Guomi
import TextSearch

/// Everything the process reads from its environment, read and validated in one place.
///
/// Start-up stops with a ``ConfigurationError`` that names the variable to set, so an operator
/// never meets a half-configured server.
public struct AppConfig: Sendable {
    /// Where the data lives.
    public enum DatabaseTarget: Sendable, Equatable {
        /// An SQLite file (the embedded default).
        case sqlite(path: String)
        /// A throwaway SQLite database (tests).
        case sqliteMemory
        /// A PostgreSQL server (production).
        case postgres(url: String)
    }

    public var database: DatabaseTarget
    /// Data directory: the SQLite file (and, as features land, uploaded files).
    public var dataDirectory: String
    /// Password for the first system administrator; generated when absent.
    public var adminPassword: String?
    /// External address of the site; `https://` turns on Secure cookies and HSTS.
    public var publicURL: URL?
    /// Deployer's own templates, searched before the bundled ones.
    public var templatesDirectory: String?
    /// Deployer's own static files, instead of the bundled ones.
    public var publicDirectory: String?
    /// bcrypt work factor. Tests lower it; production keeps the default.
    public var bcryptCost: Int
    /// Largest request body accepted before 413.
    public var maxBodySize: Int
    /// Lifetime of an API token.
    public var apiTokenLifetime: TimeInterval
    /// Trust `X-Forwarded-For` / `Forwarded` for the client address (only behind a reverse proxy
    /// that sets them; otherwise any client could pick its own address and dodge the lockout).
    public var trustProxyHeaders: Bool
    /// How often the server looks for due background jobs (workflow timers, deadlines), in seconds.
    public var jobInterval: Int
    /// Only a network approved for classified information (涉密网络) may hold documents marked 秘密 and above.
    public var allowsClassified: Bool
    /// How much work reading one attachment's text for the search index may take (not from the environment:
    /// the standard limits suit every deployment; tests lower them).
    public var extractionLimits: ExtractionLimits
    /// The office's own font directories (`ZHENGTONG_FONT_DIRS`, separated by `:`), searched before the
    /// system's for the fonts OFD packages carry: an office with licensed 仿宋_GB2312 or 方正小标宋 puts them here.
    public var fontDirectories: [String]
    /// Scheduled backups inside `serve` (``BackupSchedule``); `nil` when off. Tests and tools leave it off.
    public var backupSchedule: BackupSchedule?
    /// The SMS gateway and the outside mail server messages leave by (``DeliveryConfig``); none by default.
    public var delivery: DeliveryConfig
    /// The key-encryption key for seal keys (`ZHENGTONG_SEAL_KEY`, 32 bytes as 64 hex digits); nil keeps one in the
    /// data directory (``SealKeyVault``). Several nodes must share it.
    public var sealKeyEncryptionKey: Data?
    /// How many seals a unit may hold (`ZHENGTONG_SEALS_PER_UNIT`, 1 to 10; 3 by default, the county contract's rule).
    public var sealsPerUnit: Int
    /// Single sign-on through the province's identity platform (``OIDCConfig``); `nil` when off.
    public var oidc: OIDCConfig?
    /// Sign-in with a certificate or USB key (``KeySignInConfig``); off by default.
    public var keySignIn: KeySignInConfig

    /// `path` on the platform's public address (`ZHENGTONG_PUBLIC_URL`), for what leaves the site (a mail, a feed,
    /// a gateway's callback); nil when the address is not configured.
    func address(of path: String) -> String? {
        guard let publicURL else { return nil }
        let base = publicURL.absoluteString
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
    }

    /// Secure cookies and HSTS only make sense when users reach the site over TLS.
    public var isBehindTLS: Bool { publicURL?.scheme == "https" }

    public init(
        database: DatabaseTarget,
        dataDirectory: String = "./data",
        adminPassword: String? = nil,
        publicURL: URL? = nil,
        templatesDirectory: String? = nil,
        publicDirectory: String? = nil,
        bcryptCost: Int = 12,
        maxBodySize: Int = 20 * 1024 * 1024,
        apiTokenLifetime: TimeInterval = 12 * 3600,
        trustProxyHeaders: Bool = false,
        jobInterval: Int = 10,
        allowsClassified: Bool = false,
        extractionLimits: ExtractionLimits = .standard,
        fontDirectories: [String] = [],
        backupSchedule: BackupSchedule? = nil,
        delivery: DeliveryConfig = DeliveryConfig(),
        sealKeyEncryptionKey: Data? = nil,
        sealsPerUnit: Int = 3,
        oidc: OIDCConfig? = nil,
        keySignIn: KeySignInConfig = KeySignInConfig()
    ) {
        self.database = database
        self.dataDirectory = dataDirectory
        self.adminPassword = adminPassword
        self.publicURL = publicURL
        self.templatesDirectory = templatesDirectory
        self.publicDirectory = publicDirectory
        self.bcryptCost = bcryptCost
        self.maxBodySize = maxBodySize
        self.apiTokenLifetime = apiTokenLifetime
        self.trustProxyHeaders = trustProxyHeaders
        self.jobInterval = jobInterval
        self.allowsClassified = allowsClassified
        self.extractionLimits = extractionLimits
        self.fontDirectories = fontDirectories
        self.backupSchedule = backupSchedule
        self.delivery = delivery
        self.sealKeyEncryptionKey = sealKeyEncryptionKey
        self.sealsPerUnit = sealsPerUnit
        self.oidc = oidc
        self.keySignIn = keySignIn
    }

    /// `ZHENGTONG_SEAL_KEY`: 64 hex digits.
    static func sealKey(_ raw: String?) throws -> Data? {
        guard let raw else { return nil }
        guard raw.count == 64, let key = Data(guomiHex: raw) else {
            throw ConfigurationError(variable: "ZHENGTONG_SEAL_KEY", problem: Strings.Config.sealKeyInvalid, example: "openssl rand -hex 32")
        }
        return key
    }

    /// `ZHENGTONG_SEALS_PER_UNIT`: 1 to 10.
    static func sealsPerUnit(_ raw: String?) throws -> Int {
        guard let raw else { return SealRules.defaultPerUnit }
        guard let count = Int(raw), (1...10).contains(count) else {
            throw ConfigurationError(variable: "ZHENGTONG_SEALS_PER_UNIT", problem: Strings.Config.sealsPerUnitInvalid(raw), example: "3")
        }
        return count
    }

    /// Reads the configuration from environment variables (see `.env.example`).
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        func value(_ name: String) -> String? {
            guard let raw = env[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        let dataDirectory = value("ZHENGTONG_DATA_DIR") ?? "./data"
        let database: DatabaseTarget
        if let url = value("DATABASE_URL") {
            database = try parseDatabaseURL(url)
        } else {
            database = .sqlite(path: (dataDirectory as NSString).appendingPathComponent("zhengtong.sqlite"))
        }
        var publicURL: URL?
        if let raw = value("ZHENGTONG_PUBLIC_URL") {
            guard let url = URL(string: raw), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ConfigurationError(variable: "ZHENGTONG_PUBLIC_URL", problem: Strings.Config.urlInvalid(raw), example: "https://oa.example.gov.cn")
            }
            publicURL = url
        }
        var bcryptCost = 12
        if let raw = value("ZHENGTONG_BCRYPT_COST") {
            guard let cost = Int(raw), (4...16).contains(cost) else {
                throw ConfigurationError(variable: "ZHENGTONG_BCRYPT_COST", problem: Strings.Config.bcryptCostInvalid(raw), example: "12")
            }
            bcryptCost = cost
        }
        var maxBodySize = 20 * 1024 * 1024
        if let raw = value("ZHENGTONG_MAX_BODY_MB") {
            guard let mb = Int(raw), (1...1024).contains(mb) else {
                throw ConfigurationError(variable: "ZHENGTONG_MAX_BODY_MB", problem: Strings.Config.maxBodyInvalid(raw), example: "20")
            }
            maxBodySize = mb * 1024 * 1024
        }
        var trustProxyHeaders = false
        if let raw = value("ZHENGTONG_TRUST_PROXY") {
            guard ["0", "1", "true", "false"].contains(raw.lowercased()) else {
                throw ConfigurationError(variable: "ZHENGTONG_TRUST_PROXY", problem: Strings.Config.trustProxyInvalid(raw), example: "1")
            }
            trustProxyHeaders = raw == "1" || raw.lowercased() == "true"
        }
        var jobInterval = 10
        if let raw = value("ZHENGTONG_JOB_INTERVAL") {
            guard let seconds = Int(raw), (1...3600).contains(seconds) else {
                throw ConfigurationError(variable: "ZHENGTONG_JOB_INTERVAL", problem: Strings.Config.jobIntervalInvalid(raw), example: "10")
            }
            jobInterval = seconds
        }
        var allowsClassified = false
        if let raw = value("ZHENGTONG_CLASSIFIED") {
            guard ["0", "1", "true", "false"].contains(raw.lowercased()) else {
                throw ConfigurationError(variable: "ZHENGTONG_CLASSIFIED", problem: Strings.Config.flagInvalid(raw), example: "0")
            }
            allowsClassified = raw == "1" || raw.lowercased() == "true"
        }
        if let dir = value("ZHENGTONG_TEMPLATES_DIR") {
            try requireDirectory(dir, variable: "ZHENGTONG_TEMPLATES_DIR")
        }
        if let dir = value("ZHENGTONG_PUBLIC_DIR") {
            try requireDirectory(dir, variable: "ZHENGTONG_PUBLIC_DIR")
        }
        let fontDirectories = value("ZHENGTONG_FONT_DIRS")?.split(separator: ":").map(String.init) ?? []
        for dir in fontDirectories {
            try requireDirectory(dir, variable: "ZHENGTONG_FONT_DIRS")
        }
        return AppConfig(
            database: database,
            dataDirectory: dataDirectory,
            adminPassword: value("ZHENGTONG_ADMIN_PASSWORD"),
            publicURL: publicURL,
            templatesDirectory: value("ZHENGTONG_TEMPLATES_DIR"),
            publicDirectory: value("ZHENGTONG_PUBLIC_DIR"),
            bcryptCost: bcryptCost,
            maxBodySize: maxBodySize,
            trustProxyHeaders: trustProxyHeaders,
            jobInterval: jobInterval,
            allowsClassified: allowsClassified,
            fontDirectories: fontDirectories,
            backupSchedule: try BackupSchedule.fromEnvironment(value, dataDirectory: dataDirectory),
            delivery: try DeliveryConfig.fromEnvironment(value),
            sealKeyEncryptionKey: try sealKey(value("ZHENGTONG_SEAL_KEY")),
            sealsPerUnit: try sealsPerUnit(value("ZHENGTONG_SEALS_PER_UNIT")),
            oidc: try OIDCConfig.fromEnvironment(value, publicURL: publicURL),
            keySignIn: try KeySignInConfig.fromEnvironment(value)
        )
    }

    /// `postgres://user:pass@host:port/db` or `sqlite:///absolute/path.sqlite`.
    static func parseDatabaseURL(_ raw: String) throws -> DatabaseTarget {
        let example = Strings.Config.databaseURLExample
        if raw.hasPrefix("sqlite://") {
            let path = String(raw.dropFirst("sqlite://".count))
            guard path.hasPrefix("/"), path.count > 1 else {
                throw ConfigurationError(variable: "DATABASE_URL", problem: Strings.Config.sqlitePathNotAbsolute(raw), example: example)
            }
            return .sqlite(path: path)
        }
        guard let url = URL(string: raw), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw ConfigurationError(variable: "DATABASE_URL", problem: Strings.Config.databaseSchemeUnsupported(raw), example: example)
        }
        guard url.host?.isEmpty == false, url.user?.isEmpty == false, url.path.count > 1 else {
            throw ConfigurationError(variable: "DATABASE_URL", problem: Strings.Config.postgresURLIncomplete, example: example)
        }
        return .postgres(url: raw)
    }

    private static func requireDirectory(_ path: String, variable: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigurationError(variable: variable, problem: Strings.Config.directoryMissing(path), example: "/etc/zhengtong/\(variable == "ZHENGTONG_TEMPLATES_DIR" ? "Views" : "Public")")
        }
    }
}

/// A configuration mistake found at start-up; its text says what to set.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let variable: String
    public let problem: String
    public let example: String

    public var description: String {
        Strings.Config.error(variable: variable, problem: problem, example: example)
    }
}
