import Foundation
import NIOHTTP1
import NIOPosix
import WorkflowEngine

/// A BPMN file an administrator hands in — on the 流程管理 page, through `POST /api/v1/workflow/definitions`
/// or with `zhengtong workflow deploy` — read the same bounded way at every door: at most 4 MB, refused
/// unparsed when it declares a DTD (entity expansion once turned a preview into 20 MB and five seconds of a
/// blocked server), and parsed and checked on the thread pool, never on an event loop or inside the write
/// transaction that deploys it.
struct BPMNUpload: Sendable {
    /// Far above any real model (the bundled processes are under 40 KB), the limit the routes' bodies have too.
    static let maximumSize = 4 * 1024 * 1024

    let data: Data
    /// What `BPMNCheck` finds wrong, as the administrator reads it (element id first).
    let problems: [String]
    let processes: [ProcessDefinition]

    static func read(_ data: Data, on threadPool: NIOThreadPool) async throws -> BPMNUpload {
        guard data.count <= maximumSize else {
            throw AppError(status: .payloadTooLarge, code: "payload_too_large", message: Strings.Workflow.fileTooLarge)
        }
        guard !BPMNImport.declaresDocumentType(data) else {
            throw AppError(status: .unprocessableEntity, code: "model_doctype_refused", message: Strings.Workflow.documentTypeRefused)
        }
        return try await threadPool.runIfActive {
            guard !data.isEmpty, String(data: data, encoding: .utf8) != nil else { throw AppError.validation(Strings.Workflow.fileNotXML) }
            let problems = BPMNCheck.check(data).filter(\.isError).map { problem in
                problem.elementID.map { "\($0)：\(problem.message)" } ?? problem.message
            }
            return BPMNUpload(data: data, problems: problems, processes: BPMNImport.parse(data).processes)
        }
    }
}
