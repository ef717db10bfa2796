import Foundation

/// A value an expression works with: the variables passed in and every result are one of these.
///
/// Numbers are `Decimal` so that money amounts compare exactly (`0.1 + 0.2 == 0.3`) and so that
/// integers and decimals are one kind (`5000 == 5000.0`). Decimal keeps 38 significant digits;
/// longer literals are rounded.
public enum ExpressionValue: Sendable, Equatable {
    /// The absence of a value (`null`, `None`, `nil`).
    case null
    /// A boolean (`true`/`True`, `false`/`False`).
    case bool(Bool)
    /// A number; integers and decimals share this representation.
    case number(Decimal)
    /// A string, compared and concatenated as Swift `String`s.
    case string(String)
    /// An ordered list, e.g. from a literal `["请示", "报告"]`.
    case list([ExpressionValue])
    /// A keyed object whose members are read with `doc.amount`.
    case object([String: ExpressionValue])

    /// Name of this value's type as used in error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .list: "list"
        case .object: "object"
        }
    }

    /// Wraps an integer as a number.
    public init(_ value: Int) {
        self = .number(Decimal(value))
    }

    /// Wraps a double as a number, or returns nil when it is not finite or outside `Decimal`'s range.
    public init?(_ value: Double) {
        // Going through the shortest round-trip text keeps 0.1 as 0.1 (not 0.1000000000000000055…),
        // and `Decimal(Double)` traps on values out of range, which the string initializer reports as nil.
        guard value.isFinite, let decimal = Decimal(string: value.description, locale: ExpressionValue.posixLocale) else {
            return nil
        }
        self = .number(decimal)
    }

    /// Locale for number text so that parsing never depends on the server's regional settings.
    static let posixLocale = Locale(identifier: "en_US_POSIX")
}
