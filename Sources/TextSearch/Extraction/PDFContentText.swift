/// Reads the text shown by a PDF content stream: the strings of `Tj`, `TJ`, `'` and `"` between `BT` and `ET`.
///
/// A small lexer walks the operands and operators and keeps only what text needs; line moves (`Td` with a
/// vertical offset, `T*`, `Tm`, `'`, `ET`) become line breaks and wide `TJ` gaps spaces, through
/// ``TextCollector/softBreak(_:)`` so Chinese split over lines reads on. Inline images (`BI … ID … EI`) are
/// stepped over, since their bytes are not syntax.
struct PDFContentText {
    private enum Operand {
        case string([UInt8])
        case number(Double)
        case array([Operand])
        case other
    }

    /// A `TJ` gap wider than this (thousandths of an em) separates words.
    private static let wordGap = -200.0
    /// Operands, arrays and their nesting are bounded, so a hostile stream cannot fill memory with them;
    /// real content never comes near (a `TJ` array holds one line).
    private static let maximumOperands = 64
    private static let maximumArrayLength = 4096
    private static let maximumNesting = 16

    private let bytes: [UInt8]
    private var index = 0
    private var operands: [Operand] = []
    private var arrays: [[Operand]] = []
    private var isInTextObject = false

    static func extract(from bytes: [UInt8], into collector: inout TextCollector, budget: ExtractionBudget) {
        var reader = PDFContentText(bytes: bytes)
        reader.run(into: &collector, budget: budget)
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func run(into collector: inout TextCollector, budget: ExtractionBudget) {
        while index < bytes.count, !collector.isFull, budget.hasTime() {
            let byte = bytes[index]
            switch byte {
            case _ where PDFSyntax.isWhitespace(byte):
                index += 1
            case UInt8(ascii: "%"):
                while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D {
                    index += 1
                }
            case UInt8(ascii: "("):
                let (string, next) = PDFSyntax.literalString(in: bytes, at: index)
                push(.string(string))
                index = next
            case UInt8(ascii: "<"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<") {
                    index += 2
                } else {
                    let (string, next) = PDFSyntax.hexString(in: bytes, at: index)
                    push(.string(string))
                    index = next
                }
            case UInt8(ascii: "["):
                index += 1
                if arrays.count < Self.maximumNesting { arrays.append([]) }
            case UInt8(ascii: "]"):
                index += 1
                if let array = arrays.popLast() { push(.array(array)) }
            case UInt8(ascii: "/"):
                index += 1
                skipRegular()
                push(.other)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                push(number())
            case _ where PDFSyntax.isRegular(byte):
                let start = index
                skipRegular()
                perform(bytes[start..<index], into: &collector)
                operands.removeAll(keepingCapacity: true)
                arrays.removeAll()
            default:
                // `>`, `{`, `}` and stray `)`: structure text does not need.
                index += 1
            }
        }
    }

    private mutating func perform(_ name: ArraySlice<UInt8>, into collector: inout TextCollector) {
        switch String(decoding: name, as: UTF8.self) {
        case "BT":
            isInTextObject = true
        case "ET":
            isInTextObject = false
            collector.softBreak()
        case "Tj" where isInTextObject:
            show(operands.last, into: &collector)
        case "'" where isInTextObject, "\"" where isInTextObject:
            collector.softBreak()
            show(operands.last, into: &collector)
        case "TJ" where isInTextObject:
            guard case .array(let elements) = operands.last else { return }
            for element in elements {
                if case .number(let gap) = element, gap < Self.wordGap {
                    collector.softBreak(" ")
                } else {
                    show(element, into: &collector)
                }
            }
        case "Td", "TD":
            if case .number(let vertical) = operands.last, vertical != 0 {
                collector.softBreak()
            } else {
                collector.softBreak(" ")
            }
        case "T*", "Tm":
            collector.softBreak()
        case "BI":
            skipInlineImage()
        default:
            break
        }
    }

    private func show(_ operand: Operand?, into collector: inout TextCollector) {
        guard case .string(let bytes) = operand, let text = PDFSyntax.shownText(bytes) else { return }
        collector.append(text)
    }

    private mutating func push(_ operand: Operand) {
        if !arrays.isEmpty {
            if arrays[arrays.count - 1].count < Self.maximumArrayLength { arrays[arrays.count - 1].append(operand) }
        } else {
            if operands.count == Self.maximumOperands { operands.removeFirst() }
            operands.append(operand)
        }
    }

    private mutating func skipRegular() {
        while index < bytes.count, PDFSyntax.isRegular(bytes[index]) {
            index += 1
        }
    }

    private mutating func number() -> Operand {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] == UInt8(ascii: ".") || (0x30...0x39).contains(bytes[index]) {
            index += 1
        }
        return Double(String(decoding: bytes[start..<index], as: UTF8.self)).map(Operand.number) ?? .other
    }

    /// After `BI`: to the `ID` that starts the image data, then past the `EI` that ends it.
    private mutating func skipInlineImage() {
        guard let dataStart = bytes.firstRange(of: Array("ID".utf8), from: index) else {
            index = bytes.count
            return
        }
        var from = dataStart.upperBound
        while let end = bytes.firstRange(of: Array("EI".utf8), from: from) {
            let before = end.lowerBound > 0 ? bytes[end.lowerBound - 1] : 0x20
            let after = end.upperBound < bytes.count ? bytes[end.upperBound] : 0x20
            if PDFSyntax.isWhitespace(before), PDFSyntax.isWhitespace(after) {
                index = end.upperBound
                return
            }
            from = end.upperBound
        }
        index = bytes.count
    }
}
