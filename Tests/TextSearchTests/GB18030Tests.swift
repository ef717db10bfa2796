import Foundation
import Testing
import TextSearch

@Suite("GB18030 解码")
struct GB18030Tests {
    @Test("GBK 的双字节和 GB18030 的四字节都能解码；姓名常用的生僻字得到真正的字，不是私用区")
    func decodesTwoAndFourByteSequences() {
        #expect(GB18030.decode(Data([0xB0, 0xB2, 0xC8, 0xAB])) == "安全")
        #expect(GB18030.decode(Data([0x90, 0x30, 0x81, 0x30])) == "\u{10000}")
        #expect(GB18030.decode(Data([0xFE, 0x51])) == "\u{20087}")
        #expect(GB18030.decode(Data("ABC".utf8)) == "ABC")
    }

    @Test("不完整或不合法的字节：返回 nil，而不是乱码")
    func invalidBytesGiveNil() {
        #expect(GB18030.decode(Data([0xB0])) == nil)
        #expect(GB18030.decode(Data([0xFF, 0xFF])) == nil)
        #expect(GB18030.decode(Data([0x81, 0x30])) == nil)
    }
}
