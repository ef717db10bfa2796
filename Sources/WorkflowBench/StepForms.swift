import WorkflowEngine

/// What each step's form submits when the benchmark completes a task: 同意 everywhere, and at 办公室审核
/// the choices the default 发文 process branches on (whether to 会签 and with whom, who signs).
/// `bench_spiff.py` submits exactly the same to SpiffWorkflow.
struct StepForms: Sendable {
    /// The step of the default 发文 process that picks the countersigners and the signing leader.
    static let officeReview = "OfficeReview"

    let countersigners: [String]
    let signingLeader: String

    /// The outcome and variables of a completion, as the pages and the API hand them to the engine:
    /// an outcome also sets `approved`, as `WorkflowCommand.completion` does.
    func submission(for task: WorkTask) -> (outcome: String, variables: [String: ExpressionValue]) {
        var variables: [String: ExpressionValue] = ["approved": true]
        if task.node == Self.officeReview {
            variables["hasCountersign"] = .bool(!countersigners.isEmpty)
            variables["countersigners"] = .list(countersigners.map(ExpressionValue.string))
            variables["nextAssignee"] = .string(signingLeader)
        }
        return ("approve", variables)
    }
}
