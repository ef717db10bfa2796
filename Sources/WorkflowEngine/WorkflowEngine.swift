/// WorkflowEngine runs BPMN 2.0 workflow processes (公文流转) in pure Swift, with Foundation as its only dependency.
/// This first part is the safe condition-expression language evaluated on sequence flows; see `Expression`.
///
/// `ConditionExpression` is another name for `Expression`: Foundation also declares a generic `Expression`
/// (for predicates), so a file importing both modules must say `ConditionExpression` or `WorkflowEngine.Expression`.
/// (For the qualified spelling to keep working, do not declare a type named `WorkflowEngine` in this module.)
public typealias ConditionExpression = Expression
