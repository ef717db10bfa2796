import COpenSSL
import Foundation

/// SM4 (GB/T 32907-2016), the national 128-bit block cipher.
public enum SM4 {
    public static let keyByteCount = 16
    public static let blockByteCount = 16

    public enum Mode: Sendable {
        /// One block at a time, no padding: only for checking the standard's examples.
        case ecb
        /// Cipher block chaining with PKCS #7 padding, with a 16-byte IV.
        case cbc(iv: Data)
    }

    public static func encrypt(_ plaintext: Data, key: Data, mode: Mode) throws -> Data {
        try run(plaintext, key: key, mode: mode, encrypting: true)
    }

    /// Throws when the key, IV or padding is wrong (a wrong key usually shows as bad padding; callers that must
    /// tell tampering from a wrong key authenticate first, as ``SM4Sealing`` does).
    public static func decrypt(_ ciphertext: Data, key: Data, mode: Mode) throws -> Data {
        try run(ciphertext, key: key, mode: mode, encrypting: false)
    }

    private static func run(_ input: Data, key: Data, mode: Mode, encrypting: Bool) throws -> Data {
        let operation = encrypting ? "sm4.encrypt" : "sm4.decrypt"
        guard key.count == keyByteCount else { throw GuomiError(operation, reason: "SM4 keys are 16 bytes") }
        let cipher: OpaquePointer?
        let iv: Data?
        switch mode {
        case .ecb:
            guard input.count % blockByteCount == 0 else { throw GuomiError(operation, reason: "ECB takes whole blocks") }
            cipher = EVP_sm4_ecb()
            iv = nil
        case .cbc(let vector):
            guard vector.count == blockByteCount else { throw GuomiError(operation, reason: "the IV is 16 bytes") }
            cipher = EVP_sm4_cbc()
            iv = vector
        }
        guard let context = EVP_CIPHER_CTX_new() else { throw GuomiError(operation) }
        defer { EVP_CIPHER_CTX_free(context) }
        let initialised = key.withUnsafeBytes { keyBytes in
            (iv ?? Data()).withUnsafeBytes { ivBytes in
                EVP_CipherInit_ex2(context, cipher, keyBytes.bindMemory(to: UInt8.self).baseAddress,
                                   iv == nil ? nil : ivBytes.bindMemory(to: UInt8.self).baseAddress, encrypting ? 1 : 0, nil)
            }
        }
        guard initialised == 1 else { throw GuomiError(operation) }
        if case .ecb = mode { EVP_CIPHER_CTX_set_padding(context, 0) }
        var output = [UInt8](repeating: 0, count: input.count + blockByteCount)
        var written: Int32 = 0
        var finalWritten: Int32 = 0
        let updated = input.withUnsafeBytes { raw in
            EVP_CipherUpdate(context, &output, &written, raw.bindMemory(to: UInt8.self).baseAddress, Int32(raw.count))
        }
        guard updated == 1 else { throw GuomiError(operation) }
        let finished = output.withUnsafeMutableBufferPointer { buffer in
            EVP_CipherFinal_ex(context, buffer.baseAddress! + Int(written), &finalWritten)
        }
        guard finished == 1 else { throw GuomiError(operation) }
        return Data(output.prefix(Int(written + finalWritten)))
    }
}
