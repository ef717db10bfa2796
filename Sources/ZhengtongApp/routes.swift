import Fluent
import Vapor

/// Every route of the application, grouped by who may reach it.
func routes(_ app: Application) throws {
    OutgoingOutputController.registerStylesheet(on: app)
    OperationsController(poolSize: System.coreCount * (app.isPostgres ? 8 : 1)).register(on: app)

    // JSON API: bearer tokens, no cookies, no CSRF (no ambient credentials to forge).
    let api = app.grouped("api", "v1")
    OpenAPIController().register(on: api)
    let apiWithToken = api.grouped(APITokenAuthenticator())
    APIAuthController().registerPublic(on: apiWithToken)
    let apiSignedIn = apiWithToken.grouped(APIAuthGuard())
    APIAuthController().register(on: apiSignedIn)
    OrganizationAPIController().register(on: apiSignedIn)
    WorkflowAPIController().register(on: apiSignedIn)
    OutgoingAPIController().register(on: apiSignedIn)
    OutgoingActionsController().register(api: apiSignedIn)
    OutgoingOutputController().register(api: apiSignedIn)
    NotificationsController().register(api: apiSignedIn)
    ExchangeAPIController().register(on: apiSignedIn)
    IncomingAPIController().register(on: apiSignedIn)
    SearchPagesController().register(api: apiSignedIn)

    // Pages: database sessions, CSRF on every form.
    let pages = app.grouped(app.sessions.middleware, SessionAvailableMiddleware(), SessionAuthenticator(), CSRFMiddleware())
    AuthController().registerPublic(on: pages)
    let signedIn = pages.grouped(PageAuthGuard())
    AuthController().register(on: signedIn)
    HomeController().register(on: signedIn)
    DirectoryController().register(on: signedIn)
    AdminController().register(on: signedIn)
    UnitAdminController().register(on: signedIn)
    DepartmentAdminController().register(on: signedIn)
    UserAdminController().register(on: signedIn)
    PositionAdminController().register(on: signedIn)
    RoleAdminController().register(on: signedIn)
    AuditController().register(on: signedIn)
    TaskPagesController().register(on: signedIn)
    InstancePagesController().register(on: signedIn)
    DelegationController().register(on: signedIn)
    OverduePagesController().register(on: signedIn)
    WorkflowAdminController().register(on: signedIn)
    IssuerCodeAdminController().register(on: signedIn)
    ReceivingSettingsAdminController().register(on: signedIn)
    NumberRegisterController().register(on: signedIn)
    OutgoingPagesController().register(on: signedIn)
    OutgoingAttachments().register(on: signedIn)
    OutgoingActionsController().register(pages: signedIn)
    OutgoingRevisionsController().register(on: signedIn)
    OutgoingOutputController().register(pages: signedIn)
    ProcessingFormController().register(on: signedIn)
    NotificationsController().register(pages: signedIn)
    ExchangePagesController().register(on: signedIn)
    DistributionController().register(on: signedIn)
    ReceiptsController().register(on: signedIn)
    IncomingPagesController().register(on: signedIn)
    ArchivePagesController().register(on: signedIn)
    SearchPagesController().register(pages: signedIn)
    ArchiveSettingsController().register(on: signedIn)

    // Any other page path: a 404 rendered with the visitor's session, so a signed-in person keeps the navigation.
    pages.get("**") { _ -> Response in throw AppError.notFound() }
}
