import Fluent
import Foundation

/// Where an item comes from: a 收文 with a leader's 批示.
enum SupervisionSources {
    /// The latest 批办 opinion on `document` (the leader's 批示 the item carries), if any.
    static func instruction(on document: IncomingDocument, on db: any Database) async throws -> String? {
        guard let instanceID = document.instanceID else { return nil }
        let task = try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instanceID).filter(\.$node == IncomingSteps.Node.instruct)
            .filter(\.$state == "completed").sort(\.$completedAt, .descending).first()
        let text = task?.opinion?.trimmingCharacters(in: .whitespacesAndNewlines)
        return (text?.isEmpty ?? true) ? nil : text
    }
}
