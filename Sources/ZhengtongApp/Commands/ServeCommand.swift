import ConsoleKit
import Fluent
import Vapor

/// `zhengtong serve`: migrate, make sure the three administrators exist (one node at a time, ``Application/startUp()``),
/// then serve HTTP.
struct ZhengtongServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: Strings.Console.hostnameOption)
        var hostname: String?
        @Option(name: "port", short: "p", help: Strings.Console.portOption)
        var port: Int?
        @Option(name: "bind", short: "b", help: Strings.Console.bindOption)
        var bind: String?
    }

    var help: String { Strings.Console.serveHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let issued = try await app.startUp()
        for account in issued {
            context.console.output(Strings.Console.accountCreated(role: account.role, username: account.username, password: account.password).consoleText(.warning))
        }
        if !issued.isEmpty {
            context.console.output(Strings.Console.passwordsShownOnce.consoleText(.warning))
        }
        try await serveHTTP(app: app, context: context, hostname: signature.hostname, port: signature.port, bind: signature.bind)
    }
}

/// Hands over to Vapor's own serve command (signals, graceful shutdown) with the chosen address.
func serveHTTP(app: Application, context: CommandContext, hostname: String?, port: Int?, bind: String? = nil) async throws {
    // Background jobs (workflow timers, deadlines) run only in a serving process, never in tools or tests.
    // The application booted before this command ran, so the workers are started here; the handlers stop them.
    let jobs = JobWorkerLifecycle(interval: .seconds(Int64(app.config.jobInterval)))
    let search = SearchIndexLifecycle()
    let outbox = OutboxSenderLifecycle()
    app.lifecycle.use(jobs)
    app.lifecycle.use(search)
    app.lifecycle.use(outbox)
    jobs.start(app)
    search.start(app)
    outbox.start(app)
    var arguments = ["serve"]
    if let hostname { arguments += ["--hostname", hostname] }
    if let port { arguments += ["--port", String(port)] }
    if let bind { arguments += ["--bind", bind] }
    var serveContext = context
    serveContext.input = CommandInput(arguments: arguments)
    try await app.servers.asyncCommand.run(using: &serveContext)
}

/// Creates the first accounts on an empty database: 系统管理员 `admin`, 安全管理员 `secadmin`
/// and 审计管理员 `auditadmin` (三员分立 from the first minute), in a root unit to rename later.
enum AdministratorBootstrap {
    struct IssuedAccount: Sendable {
        var role: String
        var username: String
        var password: String
    }

    static func ensure(app: Application) async throws -> [IssuedAccount] {
        guard try await User.query(on: app.db).count() == 0 else { return [] }
        var accounts: [(BuiltinRole, String, String, String, Bool)] = []
        let adminPassword = app.config.adminPassword
        if let adminPassword, let problem = PasswordPolicy.problem(with: adminPassword, username: "admin") {
            throw ConfigurationError(variable: "ZHENGTONG_ADMIN_PASSWORD", problem: Strings.Config.passwordRejected(problem), example: "Zt@2026-Strong")
        }
        accounts.append((.sysAdmin, "admin", "系统管理员", adminPassword ?? PasswordPolicy.generate(), adminPassword == nil))
        accounts.append((.secAdmin, "secadmin", "安全管理员", PasswordPolicy.generate(), true))
        accounts.append((.auditAdmin, "auditadmin", "审计管理员", PasswordPolicy.generate(), true))
        var hashes: [String] = []
        for account in accounts { hashes.append(try await app.password.async.hash(account.3)) }

        let plan = accounts
        let planHashes = hashes
        let issued = try await app.write { db -> [IssuedAccount] in
            let root = Unit(name: "本级机关", code: "root", kind: .government, parentID: nil)
            try await root.create(on: db)
            var issued: [IssuedAccount] = []
            for (index, account) in plan.enumerated() {
                let (role, username, name, password, generated) = account
                let user = User(unitID: try root.requireID(), username: username, name: name, passwordHash: planHashes[index], mustChangePassword: generated)
                try await user.create(on: db)
                guard let roleRecord = try await Role.query(on: db).filter(\.$code == role.rawValue).first() else { throw AppError.notFound() }
                try await RoleGrants.grant(roleRecord, to: user, scope: nil, by: .system(), on: db)
                if generated || role != .sysAdmin { issued.append(IssuedAccount(role: role.name, username: username, password: password)) }
            }
            try await AuditLog.record(AuditEvent(action: "system.bootstrap", targetType: "unit", targetID: root.id?.uuidString,
                                                 targetLabel: root.name), by: .system(), on: db)
            return issued
        }
        return issued
    }
}
