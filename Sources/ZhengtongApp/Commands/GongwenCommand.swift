import ConsoleKit
import Crypto
import Foundation
import Gongwen
import Vapor

/// `zhengtong gongwen render DOC.json --html OUT.html --ofd OUT.ofd`: lays out one document described in
/// JSON, without a database, so layout can be checked on its own. An invalid document lists every
/// problem in Chinese and exits 2.
struct GongwenCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["render": GongwenRenderCommand(), "fonts": GongwenFontsCommand()] }
    var help: String { Strings.Console.gongwenHelp }
}

struct GongwenRenderCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "document", help: "DOC.json")
        var document: String
        @Option(name: "html", help: "write the print view (HTML) here")
        var html: String?
        @Option(name: "ofd", help: "write the OFD package here")
        var ofd: String?
        @Option(name: "attachments", help: "the attachments' files, comma-separated, in the order of `attachments` (.txt set, .png/.jpg placed, others named)")
        var attachments: String?
    }

    var help: String { Strings.Console.gongwenRenderHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let console = context.console
        let data = try readInputFile(signature.document, console: console)
        let document: OfficialDocument
        do {
            document = try JSONDecoder().decode(OfficialDocument.self, from: data)
        } catch let error as OfficialDocument.InvalidField {
            console.output(error.description.consoleText(.error))
            throw CommandExit(code: 2)
        } catch {
            console.output(Strings.Console.gongwenUnreadable(String(describing: error)).consoleText(.error))
            throw CommandExit(code: 2)
        }
        let problems = DocumentRules.problems(in: document, stage: .drafting)
        guard problems.isEmpty else {
            for problem in problems { console.output("[\(problem.field)] \(problem.message)".consoleText(.error)) }
            throw CommandExit(code: 2)
        }
        guard signature.html != nil || signature.ofd != nil else {
            console.output(Strings.Console.gongwenNoOutput.consoleText(.error))
            throw CommandExit(code: 2)
        }
        var contents: [AttachmentContent] = []
        for path in (signature.attachments ?? "").split(separator: ",").map(String.init) {
            let data = try readInputFile(path, console: console)
            contents.append(AttachmentContent(fileName: (path as NSString).lastPathComponent, data: data))
        }
        let layout = DocumentLayout.layout(document, attachments: contents)
        DocumentFonts.useConfiguredDirectories()
        // A seal drawn from each issuer's 署名 (the 主办机关's, then a 联合行文's co-issuers'); outside the app there is
        // no unit key, so the OFD is signed with one-off keys (the file says sealed; a verifier would not know them).
        let designs = document.sealed
            ? ([document.signatureName].compactMap { $0 } + document.coIssuerNames).map { SealDesign.make(unitName: $0) }
            : []
        if let path = signature.html {
            try write(Data(PrintHTML.render(layout, title: document.title, seals: designs).utf8), to: path, console: console)
        }
        if let path = signature.ofd {
            let names = [document.signatureName ?? ""] + document.coIssuerNames
            var seals: [OFDSeal] = []
            for (index, page) in layout.pages.enumerated() {
                for case .seal(let placement) in page.items where designs.indices.contains(placement.issuer) {
                    seals.append(OFDSeal(design: designs[placement.issuer], placement: placement, pageIndex: index,
                                         signature: .p256(signerName: names[placement.issuer], time: Date(), key: P256.Signing.PrivateKey())))
                }
            }
            let package = try OFDWriter.package(layout, metadata: OFDMetadata(document: document, creationDate: Date()), seals: seals,
                                                fonts: DocumentFonts.library)
            try write(package, to: path, console: console)
        }
        console.output(Strings.Console.gongwenRendered(pages: layout.pages.count).consoleText(.success))
    }

    private func write(_ data: Data, to path: String, console: any Console) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            console.output(Strings.Console.unwritableFile(path, error.localizedDescription).consoleText(.error))
            throw CommandExit(code: 1)
        }
    }
}
