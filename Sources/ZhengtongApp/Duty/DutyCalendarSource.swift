import Fluent
import Foundation

/// The shifts a person holds, as 带班领导 or 值班员, in their 日程. A shift they were taken off (a swap, a hand edit)
/// stays as cancelled, so subscribed calendars drop it.
struct DutyCalendarSource: CalendarSource {
    static func uid(_ shiftID: UUID) -> String { "duty-\(shiftID.uuidString.lowercased())@zhengtong" }

    func entries(for access: Access, from: Date, to: Date, on db: any Database) async throws -> [CalendarEntry] {
        let held = try await DutyAssignment.query(on: db).filter(\.$userID == access.userID)
            .join(DutyShift.self, on: \DutyAssignment.$shiftID == \DutyShift.$id)
            .filter(DutyShift.self, \.$startsAt < to).filter(DutyShift.self, \.$endsAt > from)
            .join(DutyRota.self, on: \DutyShift.$rotaID == \DutyRota.$id).filter(DutyRota.self, \.$state == DutyRota.State.published.rawValue)
            .all()
        // One entry a shift: held now wins over an earlier removal (taken off, then put back).
        var chosen: [UUID: (DutyAssignment, DutyShift)] = [:]
        for assignment in held {
            let shift = try assignment.joined(DutyShift.self)
            guard let id = shift.id else { continue }
            if let existing = chosen[id], existing.0.removedAt == nil { continue }
            chosen[id] = (assignment, shift)
        }
        let kinds = Dictionary(uniqueKeysWithValues: try await DutyShiftKind.query(on: db).filter(\.$id ~~ Set(chosen.values.map(\.1.kindID))).all()
            .compactMap { kind in kind.id.map { ($0, kind.name) } })
        return chosen.map { id, pair in
            let (assignment, shift) = pair
            let role = Strings.Duty.roleLabel(assignment.roleValue)
            return CalendarEntry(uid: Self.uid(id), kind: .duty, title: "\(Strings.Duty.title)：\(kinds[shift.kindID] ?? "")（\(role)）", start: shift.startsAt,
                                 end: shift.endsAt, location: access.tree.nameOf[shift.unitID], detail: nil,
                                 path: assignment.removedAt == nil ? SiteURL.dutyShift.link(id) : nil, cancelled: assignment.removedAt != nil,
                                 updatedAt: max(assignment.updatedAt, shift.updatedAt))
        }
    }
}
