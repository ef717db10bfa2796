import Foundation
import Guomi
import Testing

/// The examples of GB/T 32905-2016, appendix A.
struct SM3Tests {
    @Test func exampleOne() {
        #expect(SM3.hash("abc").guomiHex == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    }

    @Test func exampleTwo() {
        #expect(SM3.hash(String(repeating: "abcd", count: 16)).guomiHex
            == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
    }

    @Test func hmacDependsOnKeyAndMessage() {
        let a = SM3.hmac(key: Data("k1".utf8), Data("m".utf8))
        #expect(a.count == 32)
        #expect(a != SM3.hmac(key: Data("k2".utf8), Data("m".utf8)))
        #expect(a != SM3.hmac(key: Data("k1".utf8), Data("n".utf8)))
        #expect(a == SM3.hmac(key: Data("k1".utf8), Data("m".utf8)))
    }
}
