import Fluent
import Foundation
import SwiftCSV
import TextSearch
import Vapor

/// 批量立项 from a task list (a 政府工作报告's tasks, a meeting's decisions): a CSV or XLSX sheet whose first row names the
/// columns; every row is checked as a hand-made item would be, every bad row is reported with its number, and the items
/// are opened all together or not at all.
enum SupervisionImport {
    /// A bad row: its number in the sheet (the header is row 1) and what is wrong.
    struct Problem: Sendable, Codable, Equatable {
        var row: Int
        var message: String
    }

    /// The sheet was refused: nothing was opened.
    struct Refused: Error, Sendable {
        var problems: [Problem]
    }

    static let headers: [String: String] = [
        "事项名称": "title", "督办类别": "category", "主办单位": "lead", "协办单位": "assist", "责任领导": "leader",
        "办理要求": "requirements", "办结时限": "deadline", "反馈周期": "cycle", "来源": "source",
    ]

    /// Reads, checks and opens; `sourceText` names the list (e.g. 2026年政府工作报告) for rows without their own 来源.
    static func run(data: Data, fileName: String, sourceText: String?, access: Access, actor: SupervisionService.Actor, app: Application,
                    now: Date = Date()) async throws -> [SupervisionItem] {
        guard access.has(.supervisionManage) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        let rows = try await app.threadPool.runIfActive { try Self.rows(data: data, fileName: fileName) }
        // Rows without their own 来源 name the list: as typed, else the file's name (任务清单.xlsx → 任务清单).
        var source = FieldRules.trimmed(sourceText)
        if source.isEmpty { source = String(UploadedFiles.cleanName((fileName as NSString).deletingPathExtension).prefix(200)) }
        let inputs = try await inputs(rows, sourceText: source, access: access, app: app, now: now)
        return try await SupervisionService.openAll(inputs, access: access, actor: actor, app: app, now: now)
    }

    /// The sheet's rows as text: XLSX by its ZIP signature, else CSV (UTF-8 or GB18030).
    static func rows(data: Data, fileName: String) throws -> [[String]] {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do { return try SpreadsheetRows.read(data) } catch {
                throw Refused(problems: [Problem(row: 0, message: Strings.Supervision.importUnreadable)])
            }
        }
        guard let text = try? TextDecoding.decodeSpreadsheetText(data),
              let csv = try? CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false) else {
            throw Refused(problems: [Problem(row: 0, message: Strings.Supervision.importUnreadable)])
        }
        return [csv.header] + csv.rows
    }

    static func inputs(_ rows: [[String]], sourceText: String, access: Access, app: Application, now: Date) async throws -> [SupervisionService.Input] {
        guard let header = rows.first else { throw Refused(problems: [Problem(row: 0, message: Strings.Supervision.importEmpty)]) }
        var columns: [String: Int] = [:]
        var problems: [Problem] = []
        for (index, name) in header.enumerated() {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if let key = headers[trimmed] { columns[key] = index } else if !trimmed.isEmpty { problems.append(Problem(row: 1, message: Strings.Supervision.importUnknownColumn(trimmed))) }
        }
        for required in ["title", "category", "lead", "deadline", "cycle"] where columns[required] == nil {
            problems.append(Problem(row: 1, message: Strings.Supervision.importMissingColumn(headers.first { $0.value == required }?.key ?? required)))
        }
        guard problems.isEmpty else { throw Refused(problems: problems) }
        let scope = access.scope(of: .supervisionManage)
        var unitQuery = Unit.query(on: app.db).filter(\.$isDisabled == false)
        if case .units(let set) = scope { unitQuery = unitQuery.filter(\.$id ~~ Array(set)) }
        let units = Dictionary(try await unitQuery.all().compactMap { unit in unit.id.map { (unit.name, $0) } }, uniquingKeysWith: { a, _ in a })
        let leaderIDs = Set(try await UserPosition.query(on: app.db).filter(\.$department.$id == nil).all().map(\.$user.id))
        let leaders = try await User.query(on: app.db).filter(\.$id ~~ Array(leaderIDs)).filter(\.$isDisabled == false).all()
        let categories = Dictionary(SupervisionItem.Category.allCases.map { (Strings.Supervision.categoryLabel($0), $0) }, uniquingKeysWith: { a, _ in a })
        var inputs: [SupervisionService.Input] = []
        for (index, row) in rows.enumerated().dropFirst() {
            let number = index + 1
            func cell(_ key: String) -> String {
                guard let column = columns[key], column < row.count else { return "" }
                return row[column].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var rowProblems: [String] = []
            func unitIDs(_ text: String) -> [UUID] {
                OrgImport.list(text).compactMap { name in
                    guard let id = units[name] else { rowProblems.append(Strings.Supervision.importUnitUnknown(name)); return nil }
                    return id
                }
            }
            let category = categories[cell("category")]
            if category == nil { rowProblems.append(Strings.Supervision.importCategoryUnknown(cell("category"))) }
            let cycle = parseCycle(cell("cycle"))
            if cycle == nil { rowProblems.append(Strings.Supervision.importCycleUnknown(cell("cycle"))) }
            var leader: UUID?
            let leaderText = cell("leader")
            if !leaderText.isEmpty {
                let found = leaders.filter { $0.name == leaderText || $0.username == leaderText }
                if found.count == 1 { leader = found[0].id } else { rowProblems.append(Strings.Supervision.importLeaderUnknown(leaderText)) }
            }
            var deadline = cell("deadline").replacingOccurrences(of: "/", with: "-")
            if let day = SpreadsheetRows.day(fromSerial: deadline) { deadline = day }
            if let parts = Optional(deadline.split(separator: "-")), parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
                deadline = String(format: "%04d-%02d-%02d", y, m, d)
            }
            let rowSource = cell("source")
            let input = SupervisionService.Input(
                title: cell("title"), source: .workReport, sourceText: rowSource.isEmpty ? sourceText : rowSource, category: category?.rawValue,
                leaderID: leader, leadUnitIDs: unitIDs(cell("lead")), assistUnitIDs: unitIDs(cell("assist")), requirements: cell("requirements"),
                deadline: deadline, cycle: cycle?.0.rawValue, cycleDays: cycle?.1.map(String.init), classification: nil)
            if rowProblems.isEmpty {
                do {
                    _ = try await SupervisionService.check(input, access: access, policy: app.documentPolicy, now: now, on: app.db)
                } catch let error as AppError where error.status == .unprocessableEntity {
                    rowProblems += error.fields.isEmpty ? [error.message] : error.fields.sorted { $0.key < $1.key }.map(\.value)
                }
            }
            if rowProblems.isEmpty { inputs.append(input) } else { problems.append(Problem(row: number, message: rowProblems.joined(separator: " "))) }
        }
        if inputs.isEmpty && problems.isEmpty { problems.append(Problem(row: 0, message: Strings.Supervision.importEmpty)) }
        if inputs.count > 1_000 { problems.append(Problem(row: 0, message: Strings.Supervision.importTooMany)) }
        guard problems.isEmpty else { throw Refused(problems: problems) }
        return inputs
    }

    /// 一次性 / 每周 / 每月 / 每N个工作日.
    static func parseCycle(_ text: String) -> (SupervisionItem.Cycle, Int?)? {
        for cycle in [SupervisionItem.Cycle.once, .weekly, .monthly] where Strings.Supervision.cycleLabel(cycle, days: nil) == text { return (cycle, nil) }
        let digits = text.filter(\.isNumber)
        if text.contains("工作日"), let days = Int(digits) { return (.custom, days) }
        return nil
    }
}

extension SupervisionImport.Refused {
    /// As the API and the pages answer it: 422, each row a field (`row3`).
    var appError: AppError {
        AppError(status: .unprocessableEntity, code: "import_rows_invalid", message: Strings.Supervision.importRefused(problems.count),
                 fields: Dictionary(problems.map { ("row\($0.row)", $0.message) }, uniquingKeysWith: { a, b in a + " " + b }))
    }
}
