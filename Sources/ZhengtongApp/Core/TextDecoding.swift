import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Decodes text files from Chinese office software: UTF-8 (with or without BOM), else GB18030
/// (a superset of GBK and GB2312, what Excel writes on Chinese Windows).
enum TextDecoding {
    enum Failure: Error { case undecodable }

    static func decodeSpreadsheetText(_ data: Data) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        return try convert(bytes, from: "GB18030")
    }

    /// glibc's iconv: Foundation on Linux has no GBK decoder.
    static func convert(_ data: Data, from encoding: String) throws -> String {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { throw Failure.undecodable }
        defer { iconv_close(converter) }
        var input = [CChar](repeating: 0, count: data.count)
        data.withUnsafeBytes { raw in
            for (index, byte) in raw.enumerated() { input[index] = CChar(bitPattern: byte) }
        }
        var output = [CChar](repeating: 0, count: data.count * 4 + 16)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let converted else { throw Failure.undecodable }
        return String(decoding: output[0..<converted].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
