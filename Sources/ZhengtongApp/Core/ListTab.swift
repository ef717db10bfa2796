/// A tab over a list page (待办/已办, 待签收/已签收, 办理中/已办结 …): its label, an optional count badge and its link.
struct ListTab: Encodable, Sendable {
    var key: String
    var label: String
    var count: Int?
    var href: String
    var active: Bool
}
