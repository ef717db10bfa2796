import Fluent
import Foundation

/// 信息: what a unit's 信息员 writes and, after the unit's own review, sends to one or more collecting units above it.
/// The report itself is the unit's draft (and its latest text); each target's handling lives on its own
/// ``ReportSubmission`` row, so one target can adopt while another returns.
final class InfoReport: Model, @unchecked Sendable {
    static let schema = "info_reports"

    enum Category: String, Codable, Sendable, CaseIterable {
        case workNews, practice, suggestion, emergency

        var label: String {
            switch self {
            case .workNews: "工作动态"
            case .practice: "经验做法"
            case .suggestion: "问题建议"
            case .emergency: "突发事件"
            }
        }
    }

    enum Urgency: String, Codable, Sendable, CaseIterable {
        case normal, urgent, critical

        var label: String {
            switch self {
            case .normal: "一般"
            case .urgent: "紧急"
            case .critical: "特急"
            }
        }
    }

    enum State: String, Codable, Sendable, CaseIterable {
        /// Being written (also after the unit's reviewer sent it back).
        case draft
        /// In the unit's review (`report-review`).
        case reviewing
        /// Sent to its targets; each target's handling is on its submission row.
        case submitted

        var label: String {
            switch self {
            case .draft: "草稿"
            case .reviewing: "本单位审核中"
            case .submitted: "已报送"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "reporter_id") var reporterID: UUID
    @Field(key: "title") var title: String
    /// Plain text, paragraphs separated by "\n".
    @Field(key: "body") var body: String
    @Field(key: "category") var category: String
    @Field(key: "urgency") var urgency: String
    @Field(key: "state") var state: String
    /// The collecting units chosen (JSON array of ids), fixed when the unit's review approves.
    @Field(key: "target_ids") var targetIDs: String
    /// The 约稿 this answers, if any.
    @OptionalField(key: "request_id") var requestID: UUID?
    /// Text version: each submission (and each resubmission) snapshots one (``ReportVersion``).
    @Field(key: "version") var version: Int
    /// Guards edits against a stale form.
    @Field(key: "revision") var revision: Int
    @OptionalField(key: "instance_id") var instanceID: UUID?
    /// The unit reviewer's reason when it came back.
    @OptionalField(key: "returned_reason") var returnedReason: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateValue: State { State(rawValue: state) ?? .draft }
    var categoryValue: Category { Category(rawValue: category) ?? .workNews }
    var urgencyValue: Urgency { Urgency(rawValue: urgency) ?? .normal }
    var targets: [UUID] { (try? JSONDecoder().decode([UUID].self, from: Data(targetIDs.utf8))) ?? [] }
    static func encode(_ targets: [UUID]) -> String { String(decoding: (try? JSONEncoder().encode(targets)) ?? Data("[]".utf8), as: UTF8.self) }
}

/// The text of a report as it was sent (version 1 at first submission, one more at each resubmission): what the
/// editor reads in the version history.
final class ReportVersion: Model, @unchecked Sendable {
    static let schema = "report_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    /// The file names at that time (JSON array).
    @Field(key: "file_names") var fileNames: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A picture or attachment of a report.
final class ReportFile: Model, @unchecked Sendable {
    static let schema = "report_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "report_id") var reportID: UUID
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
