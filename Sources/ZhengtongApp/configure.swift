import Fluent
import Leaf
import LeafKit
import NIOCore
import NIOSSL
import Vapor

/// Builds the application: database, migrations, sessions, middleware, views, routes and commands.
///
/// The database is registered here only when `config` names one that is ready to use
/// (tests, `serve`); `demo` registers its own before running.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.storage[AppConfigKey.self] = config
    let persistentData = if case .sqliteMemory = config.database { false } else { true }
    app.storage[SealKeyVaultKey.self] = try SealKeyVault.make(configured: config.sealKeyEncryptionKey, dataDirectory: config.dataDirectory,
                                                              persistent: persistentData)
    DocumentFonts.use(officeDirectories: config.fontDirectories)
    _ = AppMetrics.registry

    try app.useDatabase(config.database)
    app.organizationCache = OrganizationCache()
    registerMigrations(app)

    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    // Same cost as real hashes, so an unknown name takes as long to refuse as a wrong password.
    app.storage[DecoyPasswordHashKey.self] = try app.password.hash([UInt8].random(count: 16).base64URLEncoded)
    app.routes.defaultMaxBodySize = ByteCount(value: config.maxBodySize)
    APIResponse.installEncoder()

    app.sessions.use { app in ChangedSessionWrites(base: app.fluent.sessions.driver()) }
    app.sessions.configuration.cookieName = "zhengtong_session"
    let secure = config.isBehindTLS
    app.sessions.configuration.cookieFactory = { sessionID in
        HTTPCookies.Value(string: sessionID.string, maxAge: 12 * 3600, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    try configureViews(app, config: config)

    // Order matters: the security headers wrap the error pages too; errors are rendered around everything else.
    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    // Logging out of an SSO session is a form post answered by a redirect to the provider's logout: the provider's
    // origin joins `form-action`, or browsers stop the redirect.
    app.middleware.use(SecurityHeadersMiddleware(strictTransport: secure, formActions: config.oidc.map { [$0.issuer.origin] } ?? [],
                                                 connectSources: config.keySignIn.connectSources))
    app.oidcClient = config.oidc.map(OIDCProviderClient.init(config:))
    if let caFile = config.oidc?.caFile {
        // The intranet's own CA for the identity platform's HTTPS, trusted besides the system's.
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = [.file(caFile)]
        app.http.client.configuration.tlsConfiguration = tls
    }
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: config.publicDirectory ?? BundledResources.publicDirectory))

    try routes(app)
    registerCommands(app)
}

struct AppConfigKey: StorageKey { typealias Value = AppConfig }
struct DecoyPasswordHashKey: StorageKey { typealias Value = String }

extension Application {
    /// The configuration the app was built with.
    var config: AppConfig {
        guard let config = storage[AppConfigKey.self] else { fatalError("configure(_:config:) has not run") }
        return config
    }
}

func registerMigrations(_ app: Application) {
    app.migrations.add(M0001_CreateUnits())
    app.migrations.add(M0002_CreateDepartments())
    app.migrations.add(M0003_CreateUsers())
    app.migrations.add(M0004_CreatePositions())
    app.migrations.add(M0005_CreateRoles())
    app.migrations.add(M0006_SeedCatalogue())
    app.migrations.add(M0007_CreateAuditEntries())
    app.migrations.add(M0008_CreateAuthTables())
    app.migrations.add(SessionRecord.migration)
    app.migrations.add(M0009_CreateWorkflowTables())
    app.migrations.add(M0010_CreateNumbering())
    app.migrations.add(M0011_CreateOutgoingDocuments())
    app.migrations.add(M0012_CreateSealsAndReviewRole())
    app.migrations.add(M0013_CreateNotifications())
    app.migrations.add(M0014_CreateExchange())
    app.migrations.add(M0015_CreateIncoming())
    app.migrations.add(M0016_CreateArchive())
    app.migrations.add(M0017_CreateSearchIndex())
    app.migrations.add(M0018_CreateOrganizationGeneration())
    app.migrations.add(M0019_AddOrganizationIndexes())
    app.migrations.add(M0020_SeparateProcessAdministration())
    app.migrations.add(M0021_CreateNotices())
    app.migrations.add(M0022_CreateDesk())
    app.migrations.add(M0023_WatchPeopleContacts())
    app.migrations.add(M0024_IndexPartsInInstances())
    app.migrations.add(M0025_CreateWorkflowEventTables())
    app.migrations.add(M0026_ScheduledBackups())
    app.migrations.add(M0027_CreateSupervision())
    app.migrations.add(M0028_CreateStatistics())
    app.migrations.add(M0029_CreateMeetings())
    app.migrations.add(M0030_CreateLeaderSchedule())
    app.migrations.add(M0031_CreateDuty())
    app.migrations.add(M0032_CreateMail())
    app.migrations.add(M0033_CreateAlerts())
    app.migrations.add(M0034_CreateDelivery())
    app.migrations.add(M0035_AddUnitMailLimits())
    app.migrations.add(M0036_SeedReportRoles())
    app.migrations.add(M0037_CreateReports())
    app.migrations.add(M0038_CreateBulletins())
    app.migrations.add(M0039_AddNationalSeals())
    app.migrations.add(M0040_CreateKeySignIn())
}

private func configureViews(_ app: Application, config: AppConfig) throws {
    app.views.use(.leaf)
    app.leaf.cache.isEnabled = app.environment.isRelease
    let sources = LeafSources()
    // Deployers' templates win; the bundled ones fill in whatever they did not override.
    if let custom = config.templatesDirectory {
        let directory = custom.hasSuffix("/") ? custom : custom + "/"
        try sources.register(source: "custom", using: NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
                                                                   sandboxDirectory: directory, viewDirectory: directory), searchable: true)
    }
    let bundled = BundledResources.viewsDirectory + "/"
    try sources.register(source: "bundled", using: NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
                                                                sandboxDirectory: bundled, viewDirectory: bundled), searchable: true)
    app.leaf.sources = sources
}

func registerCommands(_ app: Application) {
    app.asyncCommands.use(ZhengtongServeCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(OrgCommandGroup(), as: "org")
    app.asyncCommands.use(AuditCommandGroup(), as: "audit")
    app.asyncCommands.use(BackupCommandGroup(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(DoctorCommand(), as: "doctor")
    app.asyncCommands.use(AccountCommandGroup(), as: "account")
    app.asyncCommands.use(WorkflowCommandGroup(), as: "workflow")
    app.asyncCommands.use(GongwenCommandGroup(), as: "gongwen")
    app.asyncCommands.use(ArchiveCommandGroup(), as: "archive")
    app.asyncCommands.use(SearchCommandGroup(), as: "search")
    app.asyncCommands.use(StatisticsCommandGroup(), as: "statistics")
    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(DeliveryBenchmarkCommand(), as: "delivery-benchmark")
    app.asyncCommands.use(ReportsBenchmarkCommand(), as: "reports-benchmark")
}
