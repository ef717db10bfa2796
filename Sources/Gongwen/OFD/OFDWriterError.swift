import Foundation

/// Why a layout could not be written as an OFD package.
public enum OFDWriterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An OFD document has at least one page.
    case noPages
    /// A text run's advances do not match its characters (a layout bug: positions would be guessed).
    case advancesMismatch(text: String, characters: Int, advances: Int)
    /// The seal is to be stamped on a page the layout does not have.
    case sealPageOutOfRange(pageIndex: Int, pageCount: Int)
    /// The seal's diameter is not a positive length.
    case invalidSealSize

    public var description: String {
        switch self {
        case .noPages:
            "版面没有页面，无法生成 OFD / the layout has no pages"
        case let .advancesMismatch(text, characters, advances):
            "文字“\(text)”有 \(characters) 个字符，却有 \(advances) 个字宽 / run has \(characters) characters but \(advances) advances"
        case let .sealPageOutOfRange(pageIndex, pageCount):
            "印章位于第 \(pageIndex + 1) 页，而版面只有 \(pageCount) 页 / seal on page index \(pageIndex) of \(pageCount)"
        case .invalidSealSize:
            "印章直径必须大于零 / the seal's diameter must be positive"
        }
    }
}
