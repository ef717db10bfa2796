import Fluent

/// 会议: rooms and their bookings (with the quarter-hour slots whose unique key keeps bookings apart), meetings with
/// their 议程, 参会人员, invited units, 资料 and 会议服务; the 会务员 role and its permission.
struct M0029_CreateMeetings: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("meeting_rooms_unit", MeetingRoom.schema, "unit_id"),
        // The week grid: a room's bookings by time.
        ("room_bookings_room", RoomBooking.schema, "room_id, starts_at"),
        ("room_bookings_meeting", RoomBooking.schema, "meeting_id"),
        ("meetings_unit", Meeting.schema, "unit_id, starts_at"),
        ("meetings_starts", Meeting.schema, "starts_at"),
        ("meeting_agenda_meeting", MeetingAgendaItem.schema, "meeting_id, position"),
        // A person's meetings (the list, the 日程, the feed) and a meeting's attendees.
        ("meeting_attendees_user", MeetingAttendee.schema, "user_id, meeting_id"),
        ("meeting_units_unit", MeetingUnit.schema, "unit_id, meeting_id"),
        ("meeting_files_meeting", MeetingFile.schema, "meeting_id"),
        ("meeting_services_meeting", MeetingServiceRequest.schema, "meeting_id"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(MeetingRoom.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("name", .string, .required)
            .field("location", .string, .required)
            .field("capacity", .int, .required)
            .field("equipment", .string, .required)
            .field("rows", .int, .required)
            .field("seats_per_row", .int, .required)
            .field("rostrum_seats", .int, .required)
            .field("approver_id", .uuid, .references(User.schema, "id"))
            .field("is_disabled", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "unit_id", "name")
            .create()
        try await database.schema(Meeting.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("organizer_id", .uuid, .required, .references(User.schema, "id"))
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("urgent", .bool, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("venue", .string, .required)
            .field("room_id", .uuid, .references(MeetingRoom.schema, "id"))
            .field("booking_id", .uuid)
            .field("place", .string, .required)
            .field("video_url", .string)
            .field("host_id", .uuid, .references(User.schema, "id"))
            .field("notes", .string, .required)
            .field("materials_from", .datetime)
            .field("state", .string, .required)
            .field("notified_at", .datetime)
            .field("cancel_reason", .string)
            .field("minutes_id", .uuid)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(RoomBooking.schema)
            .id()
            .field("room_id", .uuid, .required, .references(MeetingRoom.schema, "id"))
            .field("meeting_id", .uuid, .references(Meeting.schema, "id"))
            .field("booked_by", .uuid, .required, .references(User.schema, "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("title", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("state", .string, .required)
            .field("decided_by", .uuid)
            .field("decision_reason", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(RoomBookingSlot.schema)
            .id()
            .field("room_id", .uuid, .required, .references(MeetingRoom.schema, "id"))
            .field("booking_id", .uuid, .required, .references(RoomBooking.schema, "id"))
            .field("slot_start", .int64, .required)
            .unique(on: "room_id", "slot_start")
            .create()
        try await database.schema(MeetingAgendaItem.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("reporter", .string, .required)
            .field("minutes", .int, .required)
            .create()
        try await database.schema(MeetingAttendee.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("via_unit_id", .uuid)
            .field("substitute_for", .uuid)
            .field("zone", .string, .required)
            .field("reply", .string, .required)
            .field("reason", .string)
            .field("replied_at", .datetime)
            .field("seat_row", .int)
            .field("seat_number", .int)
            .field("signed_in_at", .datetime)
            .field("signed_in_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "meeting_id", "user_id")
            .create()
        try await database.schema(MeetingUnit.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("quota", .int, .required)
            .field("state", .string, .required)
            .field("received_by", .uuid)
            .field("received_at", .datetime)
            .field("named_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "meeting_id", "unit_id")
            .create()
        try await database.schema(MeetingFile.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(MeetingServiceRequest.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("kind", .string, .required)
            .field("note", .string, .required)
            .field("done_at", .datetime)
            .field("done_by", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await DatabaseIndexes.create(Self.indexes, on: database)
        let role = BuiltinRole.meetingOrganizer
        if try await Role.query(on: database).filter(\.$code == role.rawValue).first() == nil {
            try await Role(code: role.rawValue, name: role.name, description: role.description, permissions: role.permissions, isBuiltin: true)
                .create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await Role.query(on: database).filter(\.$code == BuiltinRole.meetingOrganizer.rawValue).delete()
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
        for schema in [MeetingServiceRequest.schema, MeetingFile.schema, MeetingUnit.schema, MeetingAttendee.schema, MeetingAgendaItem.schema,
                       RoomBookingSlot.schema, RoomBooking.schema, Meeting.schema, MeetingRoom.schema] {
            try await database.schema(schema).delete()
        }
    }
}
