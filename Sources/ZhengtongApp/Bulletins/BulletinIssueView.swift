import Fluent
import Foundation
import Gongwen
import Vapor

/// An issue as the pages and the API show it, for one person: readers and their read times only for its editors,
/// 批示 for its editors and readers.
struct BulletinIssueView: Content, Sendable {
    struct Ref: Content, Sendable, Equatable {
        var id: UUID
        var name: String
    }

    struct BulletinRef: Content, Sendable {
        var id: UUID
        var name: String
        var kind: Bulletin.Kind
    }

    struct Instruction: Content, Sendable {
        var id: UUID
        var leader: Ref
        var text: String
        /// The handwriting as SVG (built from numbers only; nil without handwriting).
        var handwritingSVG: String?
        var createdAt: Date
        var supervisionItemId: UUID?
    }

    struct Item: Content, Sendable {
        var id: UUID
        var position: Int
        var title: String
        var body: String
        var sourceUnitName: String
        var reportId: UUID?
        var note: String
        var instructions: [Instruction]
    }

    struct Reader: Content, Sendable {
        var id: UUID
        var name: String
        var readAt: Date?
    }

    struct Actions: Content, Sendable {
        var edit: Bool
        var submit: Bool
        var instruct: Bool
        var supervise: Bool
        var addToReadingList: Bool
    }

    var id: UUID
    var bulletin: BulletinRef
    var unit: Ref
    var status: BulletinIssue.Status
    var year: Int?
    var number: Int?
    var totalNumber: Int?
    /// `2026年第5期（总第37期）` once published.
    var numberText: String?
    var version: Int
    var publishedAt: Date?
    var returnedReason: String?
    var reportTo: String
    var sendTo: String
    var distributeTo: String
    var copies: Int?
    var readerPeople: [Ref]
    var readerUnits: [Ref]
    var items: [Item]
    var readers: [Reader]?
    var actions: Actions

    static func load(_ issue: BulletinIssue, for access: Access, on db: any Database) async throws -> BulletinIssueView {
        let id = try issue.requireID()
        let bulletin = try await Bulletin.find(issue.bulletinID, on: db)
        let editor = access.editsBulletins(of: issue.unitID)
        let items = try await BulletinItem.query(on: db).filter(\.$issueID == id).sort(\.$position).all()
        let instructions = try await BulletinInstruction.query(on: db).filter(\.$issueID == id).sort(\.$createdAt).all()
        let reader = try await access.isReader(of: issue, on: db)
        let seesInstructions = editor || reader
        var people = Set(instructions.map(\.leaderID)).union(issue.chosenPeople)
        let readerRows = editor ? try await BulletinReader.query(on: db).filter(\.$issueID == id).all() : []
        people.formUnion(readerRows.map(\.userID))
        let users = try await User.query(on: db).filter(\.$id ~~ Array(people)).all()
        func name(_ user: UUID) -> String { users.first { $0.id == user }?.name ?? "" }
        let instruct = try await access.mayInstruct(on: issue, on: db)
        return BulletinIssueView(
            id: id,
            bulletin: BulletinRef(id: issue.bulletinID, name: bulletin?.name ?? "", kind: bulletin?.kindValue ?? .briefing),
            unit: Ref(id: issue.unitID, name: access.tree.nameOf[issue.unitID] ?? ""),
            status: issue.statusValue, year: issue.year, number: issue.number, totalNumber: issue.totalNumber,
            numberText: issue.number.map { Strings.Bulletins.numberText(year: issue.year ?? 0, number: $0, total: issue.totalNumber) },
            version: issue.version, publishedAt: issue.publishedAt, returnedReason: issue.returnedReason,
            reportTo: issue.reportTo, sendTo: issue.sendTo, distributeTo: issue.distributeTo, copies: issue.copies,
            readerPeople: issue.chosenPeople.map { Ref(id: $0, name: name($0)) },
            readerUnits: issue.chosenUnits.map { Ref(id: $0, name: access.tree.nameOf[$0] ?? "") },
            items: try items.map { item in
                let itemID = try item.requireID()
                return Item(id: itemID, position: item.position, title: item.title, body: item.body, sourceUnitName: item.sourceUnitName,
                            reportId: editor ? item.reportID : nil, note: item.note,
                            instructions: seesInstructions ? try instructions.filter { $0.itemID == itemID }.map { instruction in
                                Instruction(id: try instruction.requireID(), leader: Ref(id: instruction.leaderID, name: name(instruction.leaderID)),
                                            text: instruction.text, handwritingSVG: BulletinStrokes.stored(instruction.strokes)?.svg,
                                            createdAt: instruction.createdAt, supervisionItemId: editor ? instruction.supervisionItemID : nil)
                            } : [])
            },
            readers: editor && issue.statusValue == .published ? readerRows.map { Reader(id: $0.userID, name: name($0.userID), readAt: $0.readAt) }
                .sorted { ($0.readAt == nil ? 1 : 0, $0.name) < ($1.readAt == nil ? 1 : 0, $1.name) } : nil,
            actions: Actions(edit: editor && issue.statusValue == .draft, submit: editor && issue.statusValue == .draft,
                             instruct: instruct, supervise: editor && access.has(.supervisionManage) && issue.statusValue == .published,
                             addToReadingList: editor && issue.statusValue == .published))
    }
}
