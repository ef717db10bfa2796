import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengtongApp

/// The demo city (江北市 with 清河县, 柳林区, 东山县 and their offices) with its processes deployed and its sample
/// 发文: the dispatched 值班 notice has gone to the three county governments through 公文交换. Everyone's
/// password is `testPassword`.
enum CityFixture {
    static let dispatchedTitle = "江北市人民政府办公室关于做好2027年元旦期间值班工作的通知"

    static func make(on app: Application) async throws {
        try await app.write { db in try await DemoCity.seed(passwordHash: testPasswordHash, on: db) }
        try await DemoCity.seedWorkflow(app: app)
        try await DemoCity.seedOutgoing(app: app)
    }

    static func unit(_ name: String, on app: Application) async throws -> ZhengtongApp.Unit {
        try #require(try await ZhengtongApp.Unit.query(on: app.db).filter(\.$name == name).first(), "no unit \(name)")
    }

    static func user(_ username: String, on app: Application) async throws -> User {
        try #require(try await User.query(on: app.db).filter(\.$username == username).first(), "no user \(username)")
    }

    /// The delivery of the dispatched notice to `unitName`.
    static func delivery(to unitName: String, on app: Application) async throws -> Delivery {
        let unit = try await unit(unitName, on: app)
        return try #require(try await Delivery.query(on: app.db).filter(\.$recipientUnitID == unit.requireID()).sort(\.$sentAt, .descending).first(),
                            "no delivery to \(unitName)")
    }

    /// The dispatched notice.
    static func dispatched(on app: Application) async throws -> OutgoingDocument {
        try #require(try await OutgoingDocument.query(on: app.db).filter(\.$title == dispatchedTitle).first())
    }

    /// The open task at `node` of an instance (of `assignee`, when a step has several, as 承办 does).
    static func openTask(_ node: String, in instance: UUID, assignee: UUID? = nil, on app: Application) async throws -> WorkflowTaskRecord {
        var query = WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$node == node).filter(\.$state == "open")
        if let assignee { query = query.filter(\.$assigneeID == assignee) }
        return try #require(try await query.first(), "no open \(node)")
    }

    static func signedIn(_ username: String, _ app: Application) async throws -> Browser {
        let browser = Browser(app)
        try await browser.login(username)
        return browser
    }
}
