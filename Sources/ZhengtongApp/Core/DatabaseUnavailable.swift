import AsyncKit
import Foundation
import PostgresNIO
import SQLiteNIO

/// Tells an outage of the database (PostgreSQL restarting, unreachable, refusing connections while it starts; an
/// SQLite file that cannot be opened) from a fault of the request, so that ``ErrorPresentation`` answers 503
/// `database_unavailable` — "try again shortly" — instead of 500, which says the platform is broken.
///
/// Nothing needs undoing for such a request: every change runs in one transaction (``Application/write(_:)``), and a
/// transaction the database never committed left nothing behind. The connection pool drops closed connections and
/// opens new ones on demand, so the node serves again as soon as the database is back, without a restart.
enum DatabaseUnavailable {
    /// PostgreSQL's SQLSTATE classes of an outage: 08 connection exception, 53 insufficient resources (too many
    /// connections), 57 operator intervention (57P01 shutting down, 57P02 crashed, 57P03 starting up).
    static let postgresOutageClasses: Set<String> = ["08", "53", "57"]

    /// `true` when `error` says the database could not be reached or dropped the connection.
    static func matches(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                return true
            case .server:
                guard let state = error.serverInfo?[.sqlState] else { return false }
                return postgresOutageClasses.contains(String(state.prefix(2)))
            default:
                return false
            }
        case is DatabaseConnectionLost:
            // A statement on a connection PostgreSQL closed (PostgresConnectionGuard.swift).
            return true
        case is ConnectionPoolTimeoutError, is ConnectionPoolError:
            // No connection came within the pool's wait: the server is gone or every connection is stuck.
            return true
        case let error as SQLiteError:
            switch error.reason {
            case .cantOpen, .ioError:
                return true
            default:
                return false
            }
        default:
            return false
        }
    }
}
