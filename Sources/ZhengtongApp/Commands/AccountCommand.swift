import ConsoleKit
import Fluent
import Vapor

/// `zhengtong account reset-password USERNAME`: the way back in for any account, done on the server
/// itself (三员分立 keeps the security and audit administrators' accounts out of the pages' reach).
struct AccountCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["reset-password": ResetPasswordCommand()] }
    var help: String { "账户工具" }
}

struct ResetPasswordCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "username", help: "用户名")
        var username: String
    }

    var help: String { "为账户生成新的初始密码（首次登录须修改），记入审计日志。" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        guard let user = try await User.query(on: app.db).filter(\.$username == signature.username).first() else {
            context.console.output("没有用户名为 \(signature.username) 的账户。".consoleText(.error))
            throw AccountNotFound(username: signature.username)
        }
        let password = PasswordPolicy.generate()
        let hash = try await app.password.async.hash(password)
        try await app.write { db in
            try await Credentials.replacePassword(of: user, hash: hash, mustChange: true, action: "user.password.reset", by: .system("console"), on: db)
        }
        context.console.output("账户 \(user.username)（\(user.name)）的新初始密码：\(password)".consoleText(.warning))
        context.console.output("首次登录须修改；该账户的锁定与 API 令牌已清除。")
    }
}

struct AccountNotFound: Error, CustomStringConvertible {
    var username: String
    var description: String { "no account named \(username)" }
}
