/// WorkflowEngine runs BPMN 2.0 workflow processes (公文流转) in pure Swift, with Foundation as its only dependency.
///
/// - `Model/`: the executable process (`ProcessDefinition`, `FlowNode`, `SequenceFlow`, assignment, 会签, timers).
/// - `Expressions/`: the safe condition language (`Expression`), accepting JUEL, FEEL and Python spellings.
/// - `Timers/`: ISO 8601 durations, dates and cycles, and the working-day calendar (工作日, holidays, 调休).
/// - `Engine/`: `ProcessRunner` runs an instance (`ProcessInstance`, a value) one command at a time, to its next
///   wait states, through an app-provided `WorkflowEnvironment` (people, service hooks, called processes).
///
/// `ConditionExpression` is another name for `Expression`: Foundation also declares a generic `Expression`
/// (for predicates), so a file importing both modules must say `ConditionExpression` or `WorkflowEngine.Expression`.
/// (For the qualified spelling to keep working, do not declare a type named `WorkflowEngine` in this module.)
public typealias ConditionExpression = Expression
