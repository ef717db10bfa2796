import Fluent
import Foundation
import SQLKit

/// The two SQL dialects the application runs on.
enum SQLDialectKind: Sendable, Equatable {
    case sqlite
    case postgres
}

/// The one seam to raw SQL. Every statement the schema builder and Fluent cannot express goes through
/// `db.sqlDatabase()` (not `sql()`: the SQLite driver's database already has a method of that name, and the
/// two resolved into endless recursion), which fails loudly when the database is not an SQL one: a silent fallback (a check that
/// returns early on a failed cast) would let a rule pass without ever running — a login-throttle bump
/// that quietly did nothing, say.
extension Database {
    /// The SQL database behind this Fluent database; throws if there is none.
    func sqlDatabase() throws -> any SQLDatabase {
        guard let database = self as? any SQLDatabase else { throw SQLAccessError.notSQL(String(describing: type(of: self))) }
        return database
    }

    /// Which dialect the statements must be written in.
    func dialectKind() throws -> SQLDialectKind {
        try sqlDatabase().dialectKind
    }
}

extension SQLDatabase {
    /// The dialect, or a thrown error for a database the application does not know.
    var dialectKind: SQLDialectKind {
        get throws {
            switch dialect.name {
            case "sqlite": return .sqlite
            case "postgresql": return .postgres
            default: throw SQLAccessError.unknownDialect(dialect.name)
            }
        }
    }
}

/// A database the raw-SQL seam cannot serve: a programming or deployment error, never a user's.
enum SQLAccessError: Error, CustomStringConvertible {
    case notSQL(String)
    case unknownDialect(String)

    var description: String {
        switch self {
        case .notSQL(let type): "database \(type) does not speak SQL"
        case .unknownDialect(let name): "unsupported SQL dialect \(name)"
        }
    }
}
