import Foundation
import Vapor

/// What every upload goes through, whichever feature takes it: the size limit, the type judged by the
/// file's own bytes (not only its name), and the stored name cleaned once, here.
enum UploadedFiles {
    static let maximumSize = 20 * 1024 * 1024
    /// The longest stored name, in characters.
    static let maximumNameLength = 120

    /// The name a file is stored and later offered under: the last part after any `/` or `\` (a browser on
    /// Windows may send a whole path; a hostile client sends `..\..\x`), without control or formatting
    /// characters, without leading dots or spaces (no hidden files, no `..`), at most 120 characters with
    /// the extension kept. Archive packages and downloads build their entry names only from it.
    static func cleanName(_ raw: String, fallback: String = "文件") -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in last.unicodeScalars {
            let category = scalar.properties.generalCategory
            guard category != .control, category != .format, category != .lineSeparator, category != .paragraphSeparator,
                  !":*?\"<>|".unicodeScalars.contains(scalar) else { continue }
            scalars.append(scalar)
        }
        var name = String(scalars).trimmingCharacters(in: .whitespaces)
        while let first = name.first, first == "." || first == " " { name.removeFirst() }
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
        if name.count > maximumNameLength {
            let ext = (name as NSString).pathExtension
            let keep = ext.isEmpty || ext.count > 10 ? "" : "." + ext
            name = String(name.prefix(maximumNameLength - keep.count)) + keep
        }
        return name.isEmpty ? fallback : name
    }

    /// An upload a feature keeps, checked: not empty, at most ``maximumSize`` (413), a type its bytes confirm
    /// (422 naming the field `file` with `refused`, the feature's own list of what it takes); its cleaned name and type.
    static func accepted(name raw: String, data: Data, refused: String) throws -> (name: String, type: String) {
        guard !data.isEmpty else { throw AppError.validation(refused, fields: ["file": refused]) }
        guard data.count <= maximumSize else {
            throw AppError(status: .payloadTooLarge, code: "payload_too_large", message: Strings.Outgoing.attachmentTooLarge, fields: [:])
        }
        let name = cleanName(raw)
        guard let type = contentType(name: name, data: data) else { throw AppError.validation(refused, fields: ["file": refused]) }
        return (name, type)
    }

    /// `1.2 MB`, `35 KB`.
    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? String(format: "%.1f MB", Double(bytes) / 1048576) : "\(max(1, bytes / 1024)) KB"
    }

    /// The content type for an accepted file, judged by extension and confirmed by the first bytes.
    static func contentType(name: String, data: Data) -> String? {
        let ext = (name as NSString).pathExtension.lowercased()
        let head = [UInt8](data.prefix(8))
        func starts(_ bytes: [UInt8]) -> Bool { head.starts(with: bytes) }
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0]
        switch ext {
        case "pdf": return starts([0x25, 0x50, 0x44, 0x46]) ? "application/pdf" : nil
        case "ofd": return starts(zip) ? "application/ofd" : nil
        case "docx": return starts(zip) ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : nil
        case "xlsx": return starts(zip) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : nil
        case "doc", "wps": return starts(ole) ? "application/msword" : nil
        case "xls", "et": return starts(ole) ? "application/vnd.ms-excel" : nil
        case "png": return starts([0x89, 0x50, 0x4E, 0x47]) ? "image/png" : nil
        case "jpg", "jpeg": return starts([0xFF, 0xD8, 0xFF]) ? "image/jpeg" : nil
        case "txt": return String(data: data, encoding: .utf8) != nil ? "text/plain; charset=utf-8" : nil
        default: return nil
        }
    }
}
