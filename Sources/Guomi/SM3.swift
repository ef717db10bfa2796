import COpenSSL
import Foundation

/// SM3 (GB/T 32905-2016), the 256-bit digest of the national algorithms: seals' protected-file digests, the
/// digest SM2 signs, and (when chosen) the audit chain.
public enum SM3 {
    /// `1.2.156.10197.1.401`.
    public static let oid = "1.2.156.10197.1.401"
    public static let byteCount = 32

    public static func hash(_ data: Data) -> Data {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = data.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, EVP_sm3(), nil)
        }
        // EVP_Digest fails only when memory runs out; a digest that silently came back empty would be worse.
        precondition(done == 1 && length == UInt32(byteCount), "SM3 failed: \(GuomiError.lastOpenSSLError())")
        return Data(digest.prefix(Int(length)))
    }

    public static func hash(_ text: String) -> Data { hash(Data(text.utf8)) }

    /// HMAC (RFC 2104) with SM3.
    public static func hmac(key: Data, _ data: Data) -> Data {
        var out = [UInt8](repeating: 0, count: byteCount)
        var length = 0
        let done = key.withUnsafeBytes { keyBytes in
            data.withUnsafeBytes { dataBytes in
                EVP_Q_mac(nil, "HMAC", nil, "SM3", nil, keyBytes.baseAddress, keyBytes.count,
                          dataBytes.baseAddress, dataBytes.count, &out, out.count, &length)
            }
        }
        precondition(done != nil && length == byteCount, "HMAC-SM3 failed: \(GuomiError.lastOpenSSLError())")
        return Data(out)
    }
}
