import ConsoleKit
import Gongwen
import Vapor

/// `zhengtong gongwen fonts`: which font each role of GB/T 9704 is embedded in, so the information centre
/// sees when a preferred face (仿宋_GB2312, 方正小标宋 …) is missing and a free one stands in. Exits 1 when
/// some role has no embeddable face at all (OFD packages would then only name it).
struct GongwenFontsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { Strings.Console.gongwenFontsHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        DocumentFonts.useConfiguredDirectories()
        let library = DocumentFonts.library
        var missing = false
        for role in FontRole.allCases {
            if let face = library.primaryFace(for: role) {
                context.console.output(Strings.Console.gongwenFontRole(role.ofdFontName, family: face.familyName, path: face.path,
                                                                       preferred: library.hasPreferredFace(for: role)).consoleText())
            } else {
                missing = true
                context.console.output(Strings.Console.gongwenFontMissing(role.ofdFontName).consoleText(.error))
            }
        }
        for skipped in library.skipped {
            context.console.output(Strings.Console.gongwenFontSkipped(skipped.path, skipped.reason).consoleText(.info))
        }
        if missing { throw CommandExit(code: 1) }
    }
}
