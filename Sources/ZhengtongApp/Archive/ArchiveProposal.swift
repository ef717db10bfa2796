import Fluent
import Foundation

/// 办结 or 封发 proposes a document for filing: the unit's records officers are told (it also shows under 待归档).
enum ArchiveProposal {
    static func propose(title: String, unit: UUID, sourceID: UUID, at now: Date, on db: any Database) async throws {
        let officers = try await PermissionHolders.people(with: .archiveManage, in: [unit], on: db)
        guard !officers.isEmpty else { return }
        try await Notifier.send(NotificationDraft(kind: .filing, title: Strings.Archive.proposed(title), body: nil,
                                                  link: SiteURL.archivePending.path, key: "filing:\(sourceID)"),
                                to: officers, at: now, on: db)
    }
}
