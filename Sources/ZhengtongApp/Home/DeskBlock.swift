import Foundation

/// A block of the 工作台: each shows the top of one list of a person's work, with its count and a link to the whole
/// list. The modules to come (日程, 督办) add their cases here and a loader in ``DeskService``.
enum DeskBlock: String, Codable, Sendable, CaseIterable {
    /// 待办: open tasks, deadlines and overdue shown.
    case todo
    /// 待阅: 传阅 items not yet read.
    case unread
    /// 待签收: deliveries to the units one signs for (clerks).
    case inbox
    /// 通知公告: 置顶 first, then unread, then newest.
    case notices
    /// 最近公文: what one drafted or handled lately.
    case recent
    /// 逾期事项: overdue tasks in the units one looks after (leaders, office directors, clerks).
    case overdue
    /// 督办事项: the 督办 waiting for the person (their unit's reports and requests; the 督查室's decisions), red first.
    case supervision
    /// 今日日程: today's meetings, duty shifts and leaders' activities from the person's 日程.
    case schedule
    /// 预警: the alerts one has not confirmed yet (with 确认收到 on each). Not in the standard order (an empty block on every
    /// desk would be noise): ``DeskService`` puts it on top of any desk while there is one; a person may also choose it.
    case alerts
    /// 约稿: what editors above asked the person's unit for and it has not sent yet (信息员 only), nearest deadline first.
    case reportRequests
    /// 信息专供: a leader's reading list (刊物 and what the office chose for them), unread first; leaders only.
    case reading

    var label: String { Strings.Desk.blockLabel(self) }

    /// The order every desk starts with, when neither the person nor their unit chose one.
    static let standard: [DeskBlock] = [.todo, .schedule, .reading, .notices, .unread, .inbox, .supervision, .reportRequests, .overdue, .recent]

    /// Blocks from their stored form (`todo,notices,…`), unknown names dropped, each once.
    static func list(_ text: String?) -> [DeskBlock] {
        unique((text ?? "").split(separator: ",").compactMap { DeskBlock(rawValue: String($0).trimmingCharacters(in: .whitespaces)) })
    }

    /// `blocks` with each block once, at its first place.
    static func unique(_ blocks: [DeskBlock]) -> [DeskBlock] {
        blocks.reduce(into: [DeskBlock]()) { if !$0.contains($1) { $0.append($1) } }
    }

    static func text(_ blocks: [DeskBlock]) -> String { blocks.map(\.rawValue).joined(separator: ",") }
}
