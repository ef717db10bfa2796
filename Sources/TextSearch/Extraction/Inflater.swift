import Foundation
import ZIPFoundation

/// Inflates DEFLATE data (ZIP entries, PDF FlateDecode streams) with a cap on the output.
///
/// Uses ZIPFoundation's public `Data.decompress` (zlib on Linux, Compression on Apple systems) and feeds it
/// itself: ZIPFoundation's own reader loops forever when a stream wants more input than the file holds, and
/// tells zlib a full buffer is there when the last chunk is shorter. Here the input ends with an error, and
/// on Linux every chunk is padded to the size zlib is told, so damaged or hostile attachments end quickly.
///
/// With a budget, every chunk that comes out is taken from the file's ``ExtractionBudget``: once the file's
/// bytes or time run out, inflating stops and nothing is returned.
enum Inflater {
    private struct InputExhausted: Error {}
    private struct OutputLimitReached: Error {}
    private struct BudgetExhausted: Error {}

    private static let bufferSize = 32 * 1024

    /// The inflated bytes, cut at `limit`; what came out before any damage; nil when nothing did.
    static func inflate(raw input: Data, limit: Int, budget: ExtractionBudget? = nil) -> Data? {
        let input = Data(input) // indices from 0
        var output = Data()
        do {
            _ = try Data.decompress(
                size: Int64(input.count), bufferSize: bufferSize, skipCRC32: true,
                provider: { position, size in
                    let start = Int(position)
                    guard start < input.count, size > 0 else { throw InputExhausted() }
                    var chunk = input.subdata(in: start..<min(start + size, input.count))
                    #if !canImport(Compression)
                    // zlib is told `size` bytes are there: make it true.
                    if chunk.count < size {
                        chunk.append(Data(count: size - chunk.count))
                    }
                    #endif
                    return chunk
                },
                consumer: { chunk in
                    let room = limit - output.count
                    if let budget, !budget.takeInflated(chunk.count) { throw BudgetExhausted() }
                    guard chunk.count < room else {
                        output.append(chunk.prefix(room))
                        throw OutputLimitReached()
                    }
                    output.append(chunk)
                }
            )
        } catch {
            // Keep what was read: best effort for a damaged stream, and exactly the cap for a large one.
        }
        if let budget, budget.isExhausted { return nil }
        return output.isEmpty ? nil : output
    }

    /// Inflates a zlib stream (RFC 1950, as PDF's FlateDecode uses): skips the header, then inflates the rest.
    static func inflate(zlib input: Data, limit: Int, budget: ExtractionBudget? = nil) -> Data? {
        let bytes = [UInt8](input.prefix(2))
        guard bytes.count == 2 else { return nil }
        let hasZlibHeader = bytes[0] & 0x0F == 8 && (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) % 31 == 0
        guard hasZlibHeader else {
            // Some writers leave the header out; raw DEFLATE is worth a try.
            return inflate(raw: input, limit: limit, budget: budget)
        }
        let headerLength = bytes[1] & 0x20 != 0 ? 6 : 2 // a preset dictionary id follows when FDICT is set
        return inflate(raw: input.dropFirst(headerLength), limit: limit, budget: budget)
    }
}
