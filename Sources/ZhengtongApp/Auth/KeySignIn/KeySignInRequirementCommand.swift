import Fluent
import Vapor

/// `zhengtong account key-sign-in UNIT_CODE on|off`: a unit's key sign-in requirement from the server's console —
/// how an operator lets a unit's people (its administrators included) back in with a password when certificates are
/// lost or expired and nobody can sign in to change it. Audited as the system.
struct KeySignInRequirementCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "unit", help: "单位编码")
        var unit: String
        @Argument(name: "state", help: "on 或 off")
        var state: String
    }

    var help: String { "设置单位是否要求证书登录（on / off），用于证书丢失或过期时恢复密码登录" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        guard ["on", "off"].contains(signature.state) else {
            context.console.output("状态须为 on 或 off。".consoleText(.error))
            throw AppError.validation("on / off")
        }
        guard let unit = try await Unit.query(on: app.db).filter(\.$code == signature.unit).first(), let unitID = unit.id else {
            context.console.output("找不到编码为 \(signature.unit) 的单位。".consoleText(.error))
            throw AppError.notFound()
        }
        let required = signature.state == "on"
        let config = app.config.keySignIn
        do {
            try await app.write { db in
                try await KeySignInPolicy.set(unit: unitID, required: required, access: nil, actor: .system("console"), config: config, on: db)
            }
        } catch let error as AppError {
            context.console.output(error.message.consoleText(.error))
            throw error
        }
        context.console.output((required ? Strings.KeySignIn.requirementOn : Strings.KeySignIn.requirementOff).consoleText(.success))
    }
}
