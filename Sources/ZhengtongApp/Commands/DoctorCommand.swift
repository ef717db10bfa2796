import ConsoleKit
import Vapor

/// `zhengtong doctor`: see ``Doctor``.
struct DoctorCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { Strings.Doctor.help }

    func run(using context: CommandContext, signature: Signature) async throws {
        DocumentFonts.useConfiguredDirectories()
        let findings = await Doctor.examine(app: context.application)
        for finding in findings {
            let mark = switch finding.level { case .ok: "✔"; case .warning: "!"; case .failure: "✘" }
            let style: ConsoleStyle = switch finding.level { case .ok: .success; case .warning: .warning; case .failure: .error }
            context.console.output("\(mark) \(finding.check)：\(finding.message)".consoleText(style))
        }
        if findings.contains(where: { $0.level == .failure }) { throw CommandExit(code: 1) }
    }
}
