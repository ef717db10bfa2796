import ConsoleKit
import Vapor

/// `zhengtong org import FILE.csv`: units, departments and people from a spreadsheet export.
struct OrgCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["import": OrgImportCommand()] }
    var help: String { "组织机构工具" }
}

struct OrgImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV 文件（UTF-8 或 GBK）")
        var file: String
        @Option(name: "password", help: "所有导入人员的初始密码（首次登录须修改）；不给则为每人生成并写入 FILE.passwords.csv")
        var password: String?
    }

    var help: String { "从 CSV 导入单位、部门和人员；任何一行有误则整批不导入。" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: signature.file))
        } catch {
            throw OrgImportFailed(lines: ["无法读取文件 \(signature.file)：\(error.localizedDescription)"])
        }
        let outcome = try await OrgImport(app: app).run(data: data, initialPassword: signature.password)
        switch outcome {
        case .rejected(let problems):
            for problem in problems { context.console.output(problem.description.consoleText(.error)) }
            context.console.output("导入未执行：共 \(problems.count) 处错误，未写入任何数据。".consoleText(.error))
            throw OrgImportFailed(lines: problems.map(\.description))
        case .imported(let summary):
            context.console.output("导入完成：新建单位 \(summary.units) 个，部门 \(summary.departments) 个，人员 \(summary.people) 人，职务 \(summary.positions) 个。".consoleText(.success))
            if !summary.passwords.isEmpty {
                let path = signature.file + ".passwords.csv"
                let csv = "用户名,姓名,初始密码\n" + summary.passwords.map { "\($0.username),\($0.name),\($0.password)" }.joined(separator: "\n") + "\n"
                _ = FileManager.default.createFile(atPath: path, contents: Data(csv.utf8), attributes: [.posixPermissions: 0o600])
                context.console.output("初始密码已写入 \(path)（仅本机管理员可读；分发后请删除）。".consoleText(.warning))
            }
        }
    }
}

struct OrgImportFailed: Error, CustomStringConvertible {
    var lines: [String]
    var description: String { lines.joined(separator: "\n") }
}
