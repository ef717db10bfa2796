import ConsoleKit
import Vapor

/// `zhengtong org import FILE.csv`: units, departments and people from a spreadsheet export.
struct OrgCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["import": OrgImportCommand()] }
    var help: String { Strings.Console.orgHelp }
}

struct OrgImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: Strings.Console.orgFileArgument)
        var file: String
        @Option(name: "password", help: Strings.Console.orgPasswordOption)
        var password: String?
    }

    var help: String { Strings.Console.orgImportHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: signature.file))
        } catch {
            throw OrgImportFailed(lines: [Strings.Console.orgFileUnreadable(signature.file, error.localizedDescription)])
        }
        let outcome = try await OrgImport(app: app).run(data: data, initialPassword: signature.password)
        switch outcome {
        case .rejected(let problems):
            for problem in problems { context.console.output(problem.description.consoleText(.error)) }
            context.console.output(Strings.Console.orgImportRejected(problems: problems.count).consoleText(.error))
            throw OrgImportFailed(lines: problems.map(\.description))
        case .imported(let summary):
            context.console.output(Strings.Console.orgImportDone(units: summary.units, departments: summary.departments, people: summary.people, positions: summary.positions).consoleText(.success))
            if !summary.passwords.isEmpty {
                let path = signature.file + ".passwords.csv"
                let csv = Strings.Console.passwordsFileHeader + "\n" + summary.passwords.map { "\($0.username),\($0.name),\($0.password)" }.joined(separator: "\n") + "\n"
                _ = FileManager.default.createFile(atPath: path, contents: Data(csv.utf8), attributes: [.posixPermissions: 0o600])
                context.console.output(Strings.Console.passwordsWritten(path).consoleText(.warning))
            }
        }
    }
}

struct OrgImportFailed: Error, CustomStringConvertible {
    var lines: [String]
    var description: String { lines.joined(separator: "\n") }
}
