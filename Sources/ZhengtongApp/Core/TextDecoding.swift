import Foundation
import TextSearch

/// Decodes text files from Chinese office software: UTF-8 (with or without BOM), else GB18030
/// (a superset of GBK and GB2312, what Excel writes on Chinese Windows) through TextSearch's one decoder.
enum TextDecoding {
    enum Failure: Error { case undecodable }

    static func decodeSpreadsheetText(_ data: Data) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        guard let text = GB18030.decode(bytes) else { throw Failure.undecodable }
        return text
    }
}
