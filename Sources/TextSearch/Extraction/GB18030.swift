import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one GB18030 decoder of the platform: the national standard that includes GBK and GB2312, in which
/// Chinese Windows tools still save text files, spreadsheets (Excel's CSV) and some OFD parts.
///
/// The C library's iconv, as the CSV import has always used: it follows the current edition of the standard,
/// so the few characters GB18030-2000 had put in the private-use area (`FE51` 𠂇 and its neighbours, common
/// in names) come out as the characters themselves, and a lone `0x80` is refused as the standard says.
/// Here, in the lowest target that needs it, so the app and the search index decode alike.
public enum GB18030 {
    /// The text, or nil when the bytes are not GB18030 (any invalid or incomplete sequence).
    public static func decode(_ data: Data) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = [UInt8](data)
        // Two bytes of GB18030 become at most three of UTF-8, four at most four: twice the input is room enough.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let written: Int? = input.withUnsafeMutableBytes { inBytes in
            output.withUnsafeMutableBytes { outBytes in
                var inPointer = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBytes.count
                var outPointer = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBytes.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBytes.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(decoding: output[..<written], as: UTF8.self)
    }
}
