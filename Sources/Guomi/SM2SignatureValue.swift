import COpenSSL
import Foundation

extension SM2 {
    /// An SM2 signature's two forms: DER `SEQUENCE { r, s }` (what OpenSSL, seals and certificates carry) and the
    /// 64-byte `r ‖ s` many USB-key signing services return.
    public enum SignatureValue {
        public static func der(fromRaw raw: Data) throws -> Data {
            guard raw.count == 64 else { throw GuomiError("sm2.signature", reason: "a raw SM2 signature is 64 bytes") }
            guard let signature = ECDSA_SIG_new() else { throw GuomiError("sm2.signature") }
            defer { ECDSA_SIG_free(signature) }
            let r = raw.prefix(32).withUnsafeBytes { BN_bin2bn($0.bindMemory(to: UInt8.self).baseAddress, 32, nil) }
            let s = raw.suffix(32).withUnsafeBytes { BN_bin2bn($0.bindMemory(to: UInt8.self).baseAddress, 32, nil) }
            guard let r, let s, ECDSA_SIG_set0(signature, r, s) == 1 else { throw GuomiError("sm2.signature") }
            return try OpenSSLBytes.der("sm2.signature") { i2d_ECDSA_SIG(signature, $0) }
        }

        public static func raw(fromDER der: Data) throws -> Data {
            let decoded: OpaquePointer? = der.withUnsafeBytes { bytes in
                var cursor = bytes.bindMemory(to: UInt8.self).baseAddress
                return d2i_ECDSA_SIG(nil, &cursor, bytes.count)
            }
            guard let decoded else { throw GuomiError("sm2.signature") }
            defer { ECDSA_SIG_free(decoded) }
            var out = [UInt8](repeating: 0, count: 64)
            guard BN_bn2binpad(ECDSA_SIG_get0_r(decoded), &out, 32) == 32,
                  out.withUnsafeMutableBufferPointer({ BN_bn2binpad(ECDSA_SIG_get0_s(decoded), $0.baseAddress! + 32, 32) }) == 32
            else { throw GuomiError("sm2.signature") }
            return Data(out)
        }
    }
}
