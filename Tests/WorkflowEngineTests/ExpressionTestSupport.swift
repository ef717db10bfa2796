@testable import WorkflowEngine

/// Parses and evaluates in one step, so a test reads as "source, variables → value".
func evaluate(_ source: String, _ variables: [String: ExpressionValue] = [:]) throws -> ExpressionValue {
    try Expression(parsing: source).evaluate(variables)
}

/// Parses and evaluates as a condition.
func condition(_ source: String, _ variables: [String: ExpressionValue] = [:]) throws -> Bool {
    try Expression(parsing: source).evaluateCondition(variables)
}

/// The error from parsing or evaluating `source`, or nil if it succeeded.
func failure(
    _ source: String, _ variables: [String: ExpressionValue] = [:], limits: ExpressionLimits = .standard
) -> ExpressionError? {
    do {
        _ = try Expression(parsing: source, limits: limits).evaluate(variables)
        return nil
    } catch {
        return error
    }
}
