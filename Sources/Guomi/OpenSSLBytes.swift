import COpenSSL
import Foundation

/// Moving bytes in and out of OpenSSL.
enum OpenSSLBytes {
    /// Everything written to a memory BIO.
    static func contents(of bio: OpaquePointer) -> Data {
        var pointer: UnsafeMutablePointer<CChar>?
        let count = zt_bio_mem_data(bio, &pointer)
        guard let pointer, count > 0 else { return Data() }
        return Data(bytes: pointer, count: count)
    }

    /// Runs `body` with a read-only memory BIO over `data`.
    static func withReadBIO<T>(_ data: Data, _ body: (OpaquePointer) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { throw GuomiError("bio") }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }

    /// Runs `body` with an empty memory BIO and returns what it wrote.
    static func writing(_ operation: String, _ body: (OpaquePointer) -> Int32) throws -> Data {
        guard let bio = BIO_new(BIO_s_mem()) else { throw GuomiError(operation) }
        defer { BIO_free(bio) }
        guard body(bio) == 1 else { throw GuomiError(operation) }
        return contents(of: bio)
    }

    /// An i2d_* encoding: the function writes into a buffer it allocates.
    static func der(_ operation: String, _ encode: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>) -> Int32) throws -> Data {
        var out: UnsafeMutablePointer<UInt8>?
        let count = encode(&out)
        guard count > 0, let out else { throw GuomiError(operation) }
        defer { zt_openssl_free(out) }
        return Data(bytes: out, count: Int(count))
    }
}

extension Data {
    /// Lowercase hexadecimal.
    public var guomiHex: String { map { String(format: "%02x", $0) }.joined() }

    /// Bytes from hexadecimal text (spaces allowed); nil when the text is not hexadecimal.
    public init?(guomiHex text: String) {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
