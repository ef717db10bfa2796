import Fluent
import Vapor

/// The session store: Fluent's table, but a session is written back only when a request changed it. Vapor's
/// sessions middleware saves the session after every page, so each page view was a database write — on SQLite
/// one more turn at the single writer for every page anyone opens. Signing in, a new CSRF token and a flash
/// message change the data and are written as before.
struct ChangedSessionWrites: SessionDriver {
    let base: any SessionDriver

    private struct LoadedKey: StorageKey { typealias Value = SessionData }

    /// The key under which a new session keeps its creation time (milliseconds): ``Upkeep`` deletes sessions past
    /// their lifetime by it, signed in or not.
    static let createdKey = "ct"

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        var data = data
        data[Self.createdKey] = String(Int64(Date().timeIntervalSince1970 * 1000))
        return base.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        base.readSession(sessionID, for: request).map { data in
            if let data { request.storage[LoadedKey.self] = data }
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if request.storage[LoadedKey.self] == data { return request.eventLoop.makeSucceededFuture(sessionID) }
        return base.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        base.deleteSession(sessionID, for: request)
    }
}
