import Foundation
import Vapor

/// A table as the pages show it and as it is exported: CSV (UTF-8 with a BOM, so spreadsheets read Chinese) and
/// XLSX (``XLSXWriter``, zipped on the thread pool).
struct StatisticsTable: Sendable {
    var title: String
    var header: [String]
    var rows: [[XLSXWriter.Cell]]

    enum Format: String, Sendable {
        case csv, xlsx
    }

    var csv: String {
        var text = "\u{FEFF}" + CSVField.line(header)
        for row in rows {
            text += CSVField.line(row.map { cell in
                switch cell {
                case .text(let value): value
                case .number(let value): XLSXWriter.numberText(value)
                case .empty: ""
                }
            })
        }
        return text
    }

    /// The file to download, named after the table.
    func download(_ format: Format, on app: Application) async throws -> Response {
        switch format {
        case .csv:
            return FileDownload.response(Data(csv.utf8), contentType: "text/csv; charset=utf-8", name: title + ".csv")
        case .xlsx:
            let sheet = XLSXWriter.Sheet(name: title, rows: [header.map { XLSXWriter.Cell.text($0) }] + rows)
            let data = try await app.threadPool.runIfActive { try XLSXWriter.workbook([sheet]) }
            return FileDownload.response(data, contentType: XLSXWriter.contentType, name: title + ".xlsx")
        }
    }

    /// A number cell, or empty for no value.
    static func cell(_ value: Double?) -> XLSXWriter.Cell { value.map { .number($0) } ?? .empty }
}
