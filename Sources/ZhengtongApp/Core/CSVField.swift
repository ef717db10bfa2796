import Foundation

/// A CSV cell for export: always quoted, quotes doubled, and a leading `= + - @` prefixed with `'` so a spreadsheet
/// shows it as text instead of running it as a formula.
enum CSVField {
    static func cell(_ text: String) -> String {
        let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of cells, CRLF-terminated.
    static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }
}
