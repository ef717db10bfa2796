import Foundation
import Guomi
import Testing

struct SM4Tests {
    /// GB/T 32907-2016, appendix A, example 1: key and plaintext 0123456789abcdeffedcba9876543210.
    @Test func standardExample() throws {
        let key = try #require(Data(guomiHex: "0123456789abcdeffedcba9876543210"))
        let cipher = try SM4.encrypt(key, key: key, mode: .ecb)
        #expect(cipher.guomiHex == "681edf34d206965e86b3e94f536e4246")
        #expect(try SM4.decrypt(cipher, key: key, mode: .ecb) == key)
    }

    /// Example 2: the same block encrypted 1,000,000 times.
    @Test func standardExampleMillionRounds() throws {
        let key = try #require(Data(guomiHex: "0123456789abcdeffedcba9876543210"))
        var block = key
        for _ in 0..<1_000_000 { block = try SM4.encrypt(block, key: key, mode: .ecb) }
        #expect(block.guomiHex == "595298c7c6fd271f0402f804c33d3f66")
    }

    @Test func cbcRoundTripPadsAndChains() throws {
        let key = Data(repeating: 7, count: 16)
        let iv = Data(repeating: 1, count: 16)
        let text = Data("印章密钥，十七个字节以上的明文。".utf8)
        let cipher = try SM4.encrypt(text, key: key, mode: .cbc(iv: iv))
        #expect(cipher.count % 16 == 0 && cipher.count > text.count)
        #expect(try SM4.decrypt(cipher, key: key, mode: .cbc(iv: iv)) == text)
        #expect(try SM4.encrypt(text, key: key, mode: .cbc(iv: Data(repeating: 2, count: 16))) != cipher)
        #expect(throws: GuomiError.self) { try SM4.encrypt(text, key: Data(count: 15), mode: .cbc(iv: iv)) }
    }

    @Test func sealingRefusesChangesOtherKeysAndOtherRecords() throws {
        let sealing = try SM4Sealing(key: SM4Sealing.generateKey())
        let secret = Data("-----BEGIN PRIVATE KEY-----".utf8)
        let sealed = try sealing.seal(secret, associated: Data("seal-1".utf8))
        #expect(try sealing.open(sealed, associated: Data("seal-1".utf8)) == secret)
        #expect(!sealed.contains(secret.first!) || sealed.range(of: secret) == nil)
        // Another record's id, a changed byte, another key: all refused, none decrypted.
        #expect(throws: GuomiError.self) { try sealing.open(sealed, associated: Data("seal-2".utf8)) }
        var changed = sealed
        changed[20] ^= 1
        #expect(throws: GuomiError.self) { try sealing.open(changed, associated: Data("seal-1".utf8)) }
        let other = try SM4Sealing(key: SM4Sealing.generateKey())
        #expect(throws: GuomiError.self) { try other.open(sealed, associated: Data("seal-1".utf8)) }
    }
}
