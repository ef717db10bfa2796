import Fluent
import Foundation
import Vapor

/// The 导入督办事项 page: upload a task list, see every bad row, or find the items opened.
enum SupervisionImportPages {
    struct Page: Encodable, Sendable {
        var action: String
        var sourceText: String
        var problems: [Line]
        var error: String?
        var columns: String
    }

    struct Line: Encodable, Sendable {
        var row: String
        var message: String
    }

    @Sendable static func form(req: Request) async throws -> Response {
        guard try await req.access().has(.supervisionManage) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        return try await render(req, sourceText: "", problems: [], error: nil)
    }

    @Sendable static func upload(req: Request) async throws -> Response {
        let access = try await req.access()
        let sourceText = (try? req.content.get(String.self, at: "sourceText")) ?? ""
        guard let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 else {
            return try await render(req, sourceText: sourceText, problems: [], error: Strings.Supervision.importUnreadable, status: .unprocessableEntity)
        }
        do {
            let items = try await SupervisionImport.run(data: Data(file.data.readableBytesView), fileName: file.filename, sourceText: sourceText, access: access,
                                                        actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Supervision.imported(items.count))
            return req.redirect(to: SiteURL.supervision.path + "?view=all")
        } catch let refused as SupervisionImport.Refused {
            return try await render(req, sourceText: sourceText,
                                    problems: refused.problems.map { Line(row: Strings.Supervision.importRow($0.row), message: $0.message) },
                                    error: refused.appError.message, status: .unprocessableEntity)
        }
    }

    private static func render(_ req: Request, sourceText: String, problems: [Line], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.renderPage("supervision/import", title: Strings.Supervision.importTitle, section: .supervision, Page(
            action: SiteURL.supervisionImport.path, sourceText: sourceText, problems: problems, error: error,
            columns: SupervisionImport.headers.keys.sorted().joined(separator: "、")), status: status)
    }
}
