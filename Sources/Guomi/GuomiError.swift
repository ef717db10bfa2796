import COpenSSL

/// A 国密 operation that failed in OpenSSL, or input that is not what the operation reads (a key, a certificate).
public struct GuomiError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done, e.g. `sm2.sign`.
    public var operation: String
    /// OpenSSL's reason, when it gave one.
    public var reason: String

    init(_ operation: String, reason: String? = nil) {
        self.operation = operation
        self.reason = reason ?? GuomiError.lastOpenSSLError()
    }

    public var description: String { reason.isEmpty ? operation : "\(operation): \(reason)" }

    /// Empties OpenSSL's thread-local error queue and returns its first reason (the queue would otherwise
    /// carry stale errors into the next call on this thread).
    static func lastOpenSSLError() -> String {
        var first: String?
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if first == nil {
                var buffer = [CChar](repeating: 0, count: 256)
                ERR_error_string_n(code, &buffer, buffer.count)
                first = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        return first ?? ""
    }
}
