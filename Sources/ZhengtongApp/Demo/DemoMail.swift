import Fluent
import Foundation
import Vapor

extension DemoCity {
    /// 内部邮件 in a few boxes: 赵敏 (文电科) mails 秘书一科 and 清河县政府办公室 a notice with a file and 需回执; 张伟 replies
    /// and 赵敏 answers (a thread); 周强's 重要 message with 需回执 waits unread in 赵敏's inbox; 赵敏 has a draft, a
    /// personal group 文电科同事 and a message in 已删除.
    static func seedMail(app: Application, now: Date = Date()) async throws {
        func person(_ username: String) async throws -> (Access, WorkflowService.Actor) {
            guard let found = try await User.query(on: app.db).filter(\.$username == username).first() else { throw AppError.notFound() }
            let audit = AuditActor(userID: found.id, username: found.username, unitID: found.$unit.id, clientAddress: "demo")
            return (try await Access.load(for: found, on: app.db), WorkflowService.Actor(userID: found.id, audit: audit))
        }
        func id(_ username: String) async throws -> String {
            guard let found = try await User.query(on: app.db).filter(\.$username == username).first() else { throw AppError.notFound() }
            return try found.requireID().uuidString
        }
        func send(_ from: String, _ subject: String, _ body: String, to: [MailAddress], cc: [MailAddress] = [], important: Bool = false,
                  receipt: Bool = false, file: (String, String)? = nil, at time: Date) async throws -> UUID {
            let (access, actor) = try await person(from)
            let messageID = UUID()
            try await MailService.save(messageID, .init(subject: subject, body: body, addressing: MailAddressing(to: to, cc: cc), important: important,
                                                        receiptRequested: receipt), expectedVersion: nil, access: access, actor: actor, app: app, now: time)
            if let file { try await MailService.attach(messageID, name: file.0, data: Data(file.1.utf8), access: access, actor: actor, app: app, now: time) }
            try await MailService.send(messageID, access: access, actor: actor, app: app, now: time)
            return messageID
        }
        guard let department = try await Department.query(on: app.db).filter(\.$name == "秘书一科").first(),
              let county = try await Unit.query(on: app.db).filter(\.$name == "清河县人民政府办公室").first() else { return }
        let first = try await send("zhaom", "关于报送2026年度工作总结的通知",
                                   "各科室、清河县政府办公室：\n请于本月25日前报送2026年度工作总结，格式见附件。\n- 字数3000字以内\n- 电子版发至本邮箱",
                                   to: [MailAddress(kind: .department, id: try department.requireID().uuidString), MailAddress(kind: .unit, id: try county.requireID().uuidString)],
                                   receipt: true, file: ("工作总结格式要求.txt", "工作总结格式要求：标题用二号小标宋，正文用三号仿宋。"), at: now.addingTimeInterval(-2 * 86_400))
        let (zhang, zhangActor) = try await person("zhangw")
        _ = try await MailService.open(first, by: zhang.userID, app: app, now: now.addingTimeInterval(-2 * 86_400 + 3_600))
        let reply = try await MailService.respond(first, .reply, access: zhang, actor: zhangActor, app: app, now: now.addingTimeInterval(-2 * 86_400 + 4_000))
        let replyID = try reply.requireID()
        try await MailService.save(replyID, .init(subject: reply.subject, body: "收到，秘书一科按时报送。\n\n" + reply.body,
                                                  addressing: MailAddressing.decode(reply.addressing), important: false, receiptRequested: false),
                                   expectedVersion: reply.version, access: zhang, actor: zhangActor, app: app, now: now.addingTimeInterval(-2 * 86_400 + 4_100))
        try await MailService.send(replyID, access: zhang, actor: zhangActor, app: app, now: now.addingTimeInterval(-2 * 86_400 + 4_200))
        let (zhao, zhaoActor) = try await person("zhaom")
        _ = try await MailService.open(replyID, by: zhao.userID, app: app, now: now.addingTimeInterval(-86_400))
        let answer = try await MailService.respond(replyID, .reply, access: zhao, actor: zhaoActor, app: app, now: now.addingTimeInterval(-86_000))
        try await MailService.save(try answer.requireID(), .init(subject: answer.subject, body: "好的，谢谢。", addressing: MailAddressing.decode(answer.addressing),
                                                                 important: false, receiptRequested: false),
                                   expectedVersion: answer.version, access: zhao, actor: zhaoActor, app: app, now: now.addingTimeInterval(-85_900))
        try await MailService.send(try answer.requireID(), access: zhao, actor: zhaoActor, app: app, now: now.addingTimeInterval(-85_800))
        _ = try await send("zhouq", "请准备周五办公室主任会议材料", "**周五上午9时**召开办公室主任会议，请文电科准备近期收文办理情况汇总，周四下班前报我。",
                           to: [MailAddress(kind: .person, id: try await id("zhaom"))], important: true, receipt: true, at: now.addingTimeInterval(-3_600))
        let old = try await send("sunl", "印章使用登记表（旧版）", "旧版登记表已停用，请以新版为准。", to: [MailAddress(kind: .person, id: try await id("zhaom"))],
                                 at: now.addingTimeInterval(-5 * 86_400))
        try await MailService.delete(old, access: zhao, app: app, now: now.addingTimeInterval(-4 * 86_400))
        _ = try await MailService.saveGroup(nil, named: "文电科同事", members: [UUID(uuidString: try await id("sunl"))!, UUID(uuidString: try await id("qianf"))!],
                                            access: zhao, app: app, now: now)
        try await MailService.save(UUID(), .init(subject: "下周收文登记安排", body: "下周一起收文登记由钱芳负责，孙丽协助。",
                                                 addressing: MailAddressing(to: [MailAddress(kind: .group, id: try await MailGroup.query(on: app.db)
                                                     .filter(\.$ownerID == zhao.userID).first()!.requireID().uuidString)]),
                                                 important: false, receiptRequested: false),
                                   expectedVersion: nil, access: zhao, actor: zhaoActor, app: app, now: now)
    }
}
