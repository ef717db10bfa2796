import ConsoleKit
import Fluent
import Vapor

/// `zhengtong demo`: the one command a newcomer runs — an embedded database with a demo city, then serve.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "port", short: "p", help: "端口（默认 8080）")
        var port: Int?
        @Option(name: "hostname", short: "H", help: "监听地址（默认 127.0.0.1）")
        var hostname: String?
        @Option(name: "data-dir", help: "数据目录（默认 ./demo-data）")
        var dataDirectory: String?
        @Option(name: "password", help: "演示账户的密码（默认 \(DemoCity.defaultPassword)）")
        var password: String?
    }

    var help: String { "以演示数据启动：嵌入式数据库（./demo-data）中的示范城市，然后提供服务。" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let password = signature.password ?? DemoCity.defaultPassword
        if let problem = PasswordPolicy.problem(with: password, username: "") {
            throw ConfigurationError(variable: "--password", problem: "不符合密码规则：\(problem)", example: DemoCity.defaultPassword)
        }
        try await app.prepareDatabase()
        let seeded = try await DemoCity.seedIfEmpty(app: app, password: password)
        let port = signature.port ?? 8080
        let host = signature.hostname ?? "127.0.0.1"
        let console = context.console
        console.output("")
        console.output("政通 演示环境\(seeded ? "（已创建示范城市）" : "（沿用已有数据）")：数据目录 \(app.config.dataDirectory)".consoleText(.info))
        console.output("打开 http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/ 登录。".consoleText(.success))
        if seeded {
            console.output("演示账户（密码均为 \(password)）：")
        } else {
            console.output("演示账户（密码为首次创建时所设，默认 \(DemoCity.defaultPassword)）：")
        }
        for account in DemoCity.highlightedAccounts {
            console.output("  \(account.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(account.description)")
        }
        console.output("")
        try await serveHTTP(app: app, context: context, hostname: host, port: port)
    }
}

extension AppConfig {
    /// The demo's configuration: SQLite under `--data-dir` (default `./demo-data`), whatever the environment says.
    /// `main` reads `--data-dir` before the command runs because the database is registered first.
    public static func demo(arguments: [String]) -> AppConfig {
        var dataDirectory = "./demo-data"
        if let index = arguments.firstIndex(of: "--data-dir"), index + 1 < arguments.count {
            dataDirectory = arguments[index + 1]
        } else if let inline = arguments.first(where: { $0.hasPrefix("--data-dir=") }) {
            dataDirectory = String(inline.dropFirst("--data-dir=".count))
        }
        return AppConfig(database: .sqlite(path: (dataDirectory as NSString).appendingPathComponent("zhengtong.sqlite")),
                         dataDirectory: dataDirectory, bcryptCost: 10)
    }
}
