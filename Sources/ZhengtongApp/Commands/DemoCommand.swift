import ConsoleKit
import Fluent
import Vapor

/// `zhengtong demo`: the one command a newcomer runs — an embedded database with a demo city, then serve.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "port", short: "p", help: Strings.Console.portOption)
        var port: Int?
        @Option(name: "hostname", short: "H", help: Strings.Console.hostnameOption)
        var hostname: String?
        @Option(name: "data-dir", help: Strings.Console.demoDataDirOption)
        var dataDirectory: String?
        @Option(name: "password", help: Strings.Console.demoPasswordOption(default: DemoCity.defaultPassword))
        var password: String?
        @Option(name: "database-url", help: Strings.Console.demoDatabaseURLOption)
        var databaseURL: String?
    }

    var help: String { Strings.Console.demoHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let password = signature.password ?? DemoCity.defaultPassword
        if let problem = PasswordPolicy.problem(with: password, username: "") {
            throw ConfigurationError(variable: "--password", problem: Strings.Config.passwordRejected(problem), example: DemoCity.defaultPassword)
        }
        try await app.prepareDatabase()
        let seeded = try await DemoCity.seedIfEmpty(app: app, password: password)
        // The 备份 page has a result on first sign-in: the job worker makes this one seconds after the server starts.
        if seeded { try await ScheduledBackup.request(by: .system("demo"), app: app) }
        let port = signature.port ?? 8080
        let host = signature.hostname ?? "127.0.0.1"
        let console = context.console
        console.output("")
        console.output(Strings.Console.demoStarted(seeded: seeded, dataDirectory: app.config.dataDirectory).consoleText(.info))
        console.output(Strings.Console.demoOpen("http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/").consoleText(.success))
        if seeded {
            console.output(Strings.Console.demoAccountsSeeded(password: password).consoleText(.plain))
        } else {
            console.output(Strings.Console.demoAccountsExisting(defaultPassword: DemoCity.defaultPassword).consoleText(.plain))
        }
        for account in DemoCity.highlightedAccounts {
            console.output("  \(account.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(account.description)")
        }
        console.output("")
        try await serveHTTP(app: app, context: context, hostname: host, port: port)
    }
}

extension AppConfig {
    /// The demo's configuration: SQLite under `--data-dir` (default `./demo-data`), or the PostgreSQL
    /// database `--database-url` names, whatever the environment says. `main` reads these before the
    /// command runs because the database is registered first.
    public static func demo(arguments: [String]) throws -> AppConfig {
        var dataDirectory = "./demo-data"
        if let index = arguments.firstIndex(of: "--data-dir"), index + 1 < arguments.count {
            dataDirectory = arguments[index + 1]
        } else if let inline = arguments.first(where: { $0.hasPrefix("--data-dir=") }) {
            dataDirectory = String(inline.dropFirst("--data-dir=".count))
        }
        var database = AppConfig.DatabaseTarget.sqlite(path: (dataDirectory as NSString).appendingPathComponent("zhengtong.sqlite"))
        if let index = arguments.firstIndex(of: "--database-url"), index + 1 < arguments.count {
            database = try parseDatabaseURL(arguments[index + 1])
        } else if let inline = arguments.first(where: { $0.hasPrefix("--database-url=") }) {
            database = try parseDatabaseURL(String(inline.dropFirst("--database-url=".count)))
        }
        // The demo may send its messages somewhere real: the same SMS gateway and mail server settings as `serve`
        // (``DeliveryConfig``), the identity platform's (``OIDCConfig``), and the public address for links and the gateway's callback.
        let environment = ProcessInfo.processInfo.environment
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        let publicURL = value("ZHENGTONG_PUBLIC_URL").flatMap(URL.init(string:))
        return AppConfig(database: database, dataDirectory: dataDirectory, publicURL: publicURL, bcryptCost: 10,
                         backupSchedule: BackupSchedule(directory: (dataDirectory as NSString).appendingPathComponent("backups")),
                         delivery: try DeliveryConfig.fromEnvironment(value), oidc: try OIDCConfig.fromEnvironment(value, publicURL: publicURL))
    }
}
