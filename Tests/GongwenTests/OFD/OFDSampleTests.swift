import Crypto
import Foundation
import Testing
import Gongwen
import OFDCheck

/// The sample a person or a third-party reader looks at: the two-page 通知, sealed and signed.
///
/// With `ZHENGTONG_OFD_SAMPLE` set the package is also written to disk, to the path it names if that ends in
/// `.ofd`, else to `/tmp/gw-ofd/sample.ofd`; then `python3 scripts/lib/ofd_check.py FILE.ofd 安全生产 …`
/// opens it with easyofd. Without the variable the test only checks the package in memory.
@Suite("OFD 示例文件")
struct OFDSampleTests {
    @Test("盖章的两页通知生成 OFD，设置 ZHENGTONG_OFD_SAMPLE 时写到磁盘")
    func sample() throws {
        // given
        let sample = OFDFixtures.sample()
        let seal = OFDSeal(design: OFDFixtures.sealDesign(), placement: sample.sealPlacement, pageIndex: 1,
                           signature: .p256(signerName: "王五", time: OFDFixtures.issued, key: P256.Signing.PrivateKey()))
        // when
        let data = try OFDWriter.package(sample.layout, metadata: OFDFixtures.metadata(), seal: seal, fonts: InstalledFonts.library)
        // then
        let package = try OFDPackageReader(data)
        let text = try package.xml("Doc_0/Pages/Page_0/Content.xml").all("TextCode").map(\.text).joined()
        #expect(text.contains("江北市人民政府办公室文件"))
        #expect(text.contains("江政办发〔2026〕12号"))

        if let setting = ProcessInfo.processInfo.environment["ZHENGTONG_OFD_SAMPLE"] {
            let path = setting.hasSuffix(".ofd") ? setting : "/tmp/gw-ofd/sample.ofd"
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}
