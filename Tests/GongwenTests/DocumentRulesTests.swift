import Foundation
import Testing
import Gongwen

@Suite("公文要素与规则")
struct DocumentRulesTests {
    static func notice() -> OfficialDocument {
        OfficialDocument(kind: .notice, issuerMark: "江北市人民政府办公室文件", title: "江北市人民政府办公室关于做好安全生产工作的通知",
                         mainRecipients: ["各县（区）人民政府"], body: "为做好安全生产工作，现通知如下。\n\n一、提高认识\n\n（一）加强领导。",
                         signatureName: "江北市人民政府办公室")
    }

    @Test("合格的通知草稿没有问题；封发前须有文号、成文日期和印章")
    func stages() {
        #expect(DocumentRules.problems(in: Self.notice(), stage: .drafting).isEmpty)
        let fields = Set(DocumentRules.problems(in: Self.notice(), stage: .dispatch).map(\.field))
        #expect(fields == ["number", "date", "sealed"])
        var ready = Self.notice()
        ready.number = "江政办发〔2026〕12号"
        ready.date = DocumentDate(year: 2026, month: 1, day: 5)
        ready.sealed = true
        #expect(DocumentRules.problems(in: ready, stage: .dispatch).isEmpty)
    }

    @Test("上行文须有签发人；请示只主送一个机关；标题以文种结尾")
    func upward() {
        var request = Self.notice()
        request.kind = .request
        request.title = "关于拨付防汛经费的请示"
        request.mainRecipients = ["市人民政府", "市财政局"]
        let fields = DocumentRules.problems(in: request, stage: .drafting).map(\.field)
        #expect(fields.contains("signers"))
        #expect(fields.contains("mainRecipients"))
        var wrongTitle = Self.notice()
        wrongTitle.title = "关于做好安全生产工作"
        #expect(DocumentRules.problems(in: wrongTitle, stage: .drafting).map(\.message).contains { $0.contains("通知") })
    }

    @Test("非涉密系统拒收涉密公文；涉密须有 6 位份号；电报专用的紧急程度不能用")
    func classified() {
        var secret = Self.notice()
        secret.classification = .secret
        secret.classificationPeriod = "1年"
        #expect(secret.securityMarking == "机密★1年")
        let refused = DocumentRules.problems(in: secret, stage: .drafting).map(\.field)
        #expect(refused.contains("classification"))
        #expect(refused.contains("copyNumber"))
        secret.copyNumber = "000012"
        #expect(DocumentRules.problems(in: secret, stage: .drafting, policy: .init(allowsClassified: true)).isEmpty)
        var flash = Self.notice()
        flash.urgency = .flash
        #expect(DocumentRules.problems(in: flash, stage: .drafting).map(\.field) == ["urgency"])
        var badNumber = Self.notice()
        badNumber.number = "江政办发[2026]第12号"
        #expect(DocumentRules.problems(in: badNumber, stage: .drafting).map(\.field) == ["number"])
    }

    @Test("正文的层次：一、（一）1.（1）；日期开头的段落不是标题")
    func headings() {
        let levels = BodyParagraph.parse("一、总体要求\n\n（一）指导思想\n\n1.坚持问题导向\n\n（1）摸清底数\n\n2026年工作安排如下。\n\n十二、其他").map(\.level)
        #expect(levels == [.first, .second, .third, .fourth, .text, .first])
        #expect(BodyParagraph.parse("第一行\n接着写\n\n第二段").map(\.text) == ["第一行接着写", "第二段"])
    }

    @Test("JSON：文种、密级、紧急程度可写代码或中文；日期用 ISO；无效取值报字段名")
    func json() throws {
        let text = #"{"kind":"通知","issuerMark":"江北市人民政府文件","style":"file","urgency":"特急","title":"关于X的通知","mainRecipients":["各局"],"body":"正文","date":"2026-01-05","sealed":true,"signatureName":"江北市人民政府"}"#
        let document = try JSONDecoder().decode(OfficialDocument.self, from: Data(text.utf8))
        #expect(document.kind == .notice)
        #expect(document.urgency == .extraUrgent)
        #expect(document.date?.formatted == "2026年1月5日")
        let again = try JSONDecoder().decode(OfficialDocument.self, from: try JSONEncoder().encode(document))
        #expect(again == document)
        #expect(throws: OfficialDocument.InvalidField.self) {
            try JSONDecoder().decode(OfficialDocument.self, from: Data(#"{"kind":"便条"}"#.utf8))
        }
        #expect(throws: OfficialDocument.InvalidField.self) {
            try JSONDecoder().decode(OfficialDocument.self, from: Data(#"{"kind":"notice","date":"2026-1-5"}"#.utf8))
        }
    }
}
