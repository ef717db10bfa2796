import Foundation
import Gongwen
import Testing

/// The machine's fonts, as the OFD writer would find them. `scripts/test` installs the free faces the
/// tests need (fonts-arphic-gbsn00lp, fonts-arphic-gkai00mp, fonts-wqy-microhei); without them the tests
/// fail saying so rather than pass without looking.
enum InstalledFonts {
    static let library = FontLibrary.scanning(FontLibrary.systemDirectories)

    static func face(_ family: String) throws -> FontFace {
        try #require(library.faces.first { $0.familyNames.contains(family) },
                     "\(family) is not installed: apt-get install fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-microhei")
    }

    static var song: FontFace { get throws { try face("AR PL SungtiL GB") } }
    static var hei: FontFace { get throws { try face("WenQuanYi Micro Hei") } }
}
