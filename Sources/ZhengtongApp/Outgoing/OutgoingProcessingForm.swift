import Fluent
import Foundation
import Gongwen

/// 发文稿纸: the processing form of a 发文 — the document's particulars and every opinion entered at each
/// step, with name and time, laid out as the paper form offices print and file with the 定稿. The page shows
/// it; the archive files it.
struct OutgoingProcessingForm: Encodable, Sendable {
    struct Opinion: Encodable, Sendable {
        var person: String
        var text: String
        var outcome: String?
        var time: String
    }

    struct Box: Encodable, Sendable {
        var label: String
        var opinions: [Opinion]
    }

    var heading: String
    var number: String
    var classification: String
    var urgency: String
    var title: String
    var drafter: String
    var drafterUnit: String
    var mainRecipients: String
    var ccRecipients: String
    var attachments: String
    var signBox: Box
    var boxes: [Box]
    var documentHref: String

    /// The boxes of the form, by step of the default 发文 model; steps of another model are listed after them.
    static let boxOrder: [(node: String, label: String)] = [
        ("Countersign", "会签"), ("OfficeReview", "办公室审核"), ("Review", "核稿"), ("Register", "编号登记"), ("Proofread", "校对"),
        ("Seal", "用印"), ("Dispatch", "封发"),
    ]

    /// The form's content (the page shows it; the archive files it).
    static func load(for document: OutgoingDocument, on db: any Database) async throws -> OutgoingProcessingForm {
        let content = try document.document()
        var tasks: [WorkflowTaskRecord] = []
        if let instanceID = document.instanceID {
            tasks = try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instanceID).filter(\.$state == "completed")
                .sort(\.$completedAt).all()
        }
        var people = Set(tasks.compactMap(\.completedBy))
        people.insert(document.$drafter.id)
        let names = try await TaskView.names(people, on: db)
        func opinions(_ node: String) -> [Opinion] {
            tasks.filter { $0.node == node }.map { task in
                Opinion(person: task.completedBy.flatMap { names[$0] } ?? "—", text: task.opinion ?? "",
                        outcome: task.outcome.map(Strings.Workflow.outcomeLabel), time: task.completedAt.map(DisplayFormat.minute) ?? "")
            }
        }
        var boxes = Self.boxOrder.map { Box(label: $0.label, opinions: opinions($0.node)) }
        let known = Set(Self.boxOrder.map(\.node) + [OutgoingSteps.Node.sign, OutgoingSteps.Node.draft])
        for node in Set(tasks.map(\.node)).subtracting(known).sorted() {
            boxes.append(Box(label: tasks.first { $0.node == node }?.name ?? node, opinions: opinions(node)))
        }
        let unit = try await Unit.find(document.$unit.id, on: db)
        var department: Department?
        if let departmentID = document.departmentID { department = try await Department.find(departmentID, on: db) }
        return OutgoingProcessingForm(
            heading: (unit?.name ?? "") + Strings.page["processing_form_suffix"]!, number: content.number ?? "",
            classification: content.securityMarking ?? Strings.Outgoing.notClassified, urgency: content.urgency?.title ?? "",
            title: content.title, drafter: names[document.$drafter.id] ?? "—",
            drafterUnit: [unit?.name, department?.name].compactMap { $0 }.joined(separator: " "),
            mainRecipients: content.mainRecipients.joined(separator: "、"), ccRecipients: content.ccRecipients.joined(separator: "、"),
            attachments: content.attachments.enumerated().map { "\($0.offset + 1).\($0.element)" }.joined(separator: "　"),
            signBox: Box(label: "签发", opinions: opinions(OutgoingSteps.Node.sign)), boxes: boxes,
            documentHref: SiteURL.outgoing.link(try document.requireID()))
    }
}
