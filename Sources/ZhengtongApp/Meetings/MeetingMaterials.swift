import Fluent
import Foundation
import Vapor

/// 会议资料 (for attendees only, from the set time) and 会议服务 (ticked off by the 会务 who serve the room).
extension MeetingService {
    struct Upload: Sendable {
        var name: String
        var data: Data
    }

    static func addFile(_ id: UUID, upload: Upload, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> MeetingFile {
        let meeting = try await MeetingLookup.organized(id, access: access, on: app.db)
        guard meeting.stateValue != .cancelled else { throw AppError.conflict(Strings.Meetings.cancelled) }
        let (name, type) = try UploadedFiles.accepted(name: upload.name, data: upload.data, refused: Strings.Meetings.fileRefused)
        return try await app.write { db in
            let file = MeetingFile()
            file.id = UUID()
            file.meetingID = id
            file.name = name
            file.contentType = type
            file.size = upload.data.count
            file.sha256 = SHA256Hex.of(upload.data)
            file.data = upload.data
            file.uploadedBy = access.userID
            file.createdAt = now
            try await file.create(on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.file.add", targetType: "meeting", targetID: id.uuidString, targetLabel: name,
                                                 after: ["sha256": file.sha256, "size": String(file.size)]), by: actor.audit, on: db)
            return file
        }
    }

    /// Whether the person may open the meeting's files now: its 会务 always; attendees once notified and from the set time.
    static func materialsOpen(_ meeting: Meeting, access: Access, now: Date = Date()) -> Bool {
        if access.organizesMeetings(for: meeting.unitID) { return true }
        guard meeting.stateValue == .notified else { return false }
        return meeting.materialsFrom.map { now >= $0 } ?? true
    }

    static func file(_ id: UUID, file fileID: UUID, access: Access, on db: any Database, now: Date = Date()) async throws -> MeetingFile {
        let meeting = try await MeetingLookup.visible(id, access: access, on: db)
        guard let file = try await MeetingFile.find(fileID, on: db), file.meetingID == id else { throw AppError.notFound() }
        guard materialsOpen(meeting, access: access, now: now) else {
            throw AppError.forbidden(Strings.Meetings.materialsLater(meeting.materialsFrom.map(DisplayFormat.minute) ?? ""))
        }
        return file
    }

    /// 服务已落实: the 会务 of the room's unit (or of the meeting's) ticks a request off.
    static func serviceDone(_ id: UUID, request requestID: UUID, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> MeetingServiceRequest {
        let meeting = try await MeetingLookup.visible(id, access: access, on: app.db)
        var serving = access.organizesMeetings(for: meeting.unitID)
        if !serving, let roomID = meeting.roomID, let room = try await MeetingRoom.find(roomID, on: app.db) { serving = access.organizesMeetings(for: room.unitID) }
        guard serving else { throw AppError.forbidden(Strings.Meetings.notOrganizer) }
        return try await app.write { db in
            guard let request = try await MeetingServiceRequest.find(requestID, on: db), request.meetingID == id else { throw AppError.notFound() }
            guard request.doneAt == nil else { throw AppError.conflict(Strings.Meetings.serviceAlreadyDone) }
            request.doneAt = now
            request.doneBy = access.userID
            try await request.update(on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.service.done", targetType: "meeting", targetID: id.uuidString, targetLabel: meeting.title,
                                                 after: ["service": request.kind]), by: actor.audit, on: db)
            return request
        }
    }
}
