import ConsoleKit
import Fluent
import Vapor

/// `zhengtong account reset-password USERNAME`: the way back in for any account, done on the server
/// itself (三员分立 keeps the security and audit administrators' accounts out of the pages' reach).
struct AccountCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["reset-password": ResetPasswordCommand(), "key-sign-in": KeySignInRequirementCommand()] }
    var help: String { Strings.Console.accountHelp }
}

struct ResetPasswordCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "username", help: Strings.Console.usernameArgument)
        var username: String
    }

    var help: String { Strings.Console.resetPasswordHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        guard let user = try await User.query(on: app.db).filter(\.$username == signature.username).first() else {
            context.console.output(Strings.Console.accountNotFound(signature.username).consoleText(.error))
            throw AccountNotFound(username: signature.username)
        }
        let password = PasswordPolicy.generate()
        let hash = try await app.password.async.hash(password)
        try await app.write { db in
            try await Credentials.replacePassword(of: user, hash: hash, mustChange: true, action: "user.password.reset", by: .system("console"), on: db)
        }
        context.console.output(Strings.Console.passwordReset(username: user.username, name: user.name, password: password).consoleText(.warning))
        context.console.output(Strings.Console.passwordResetNote.consoleText(.plain))
    }
}

struct AccountNotFound: Error, CustomStringConvertible {
    var username: String
    var description: String { "no account named \(username)" }
}
