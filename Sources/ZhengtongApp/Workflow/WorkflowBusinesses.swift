import Foundation

/// The registration of business objects: a new module adds its object here and nowhere else in the workflow.
enum WorkflowBusinesses {
    static let all: [any WorkflowBusiness] = [OutgoingBusiness(), IncomingBusiness(), NoticeBusiness(), MeetingBusiness(), ReportBusiness(), BulletinBusiness()]

    private static let byType: [String: any WorkflowBusiness] = Dictionary(all.map { ($0.type, $0) }, uniquingKeysWith: { first, _ in first })

    /// The object owning instances of `type` (nil for a plain process, `business_type` empty).
    static func business(ofType type: String) -> (any WorkflowBusiness)? {
        type.isEmpty ? nil : byType[type]
    }

    /// The object a process is bound to, if any: such a process starts only through its object.
    static func owner(ofProcess key: String) -> (any WorkflowBusiness)? {
        all.first { $0.processKeys.contains(key) }
    }

    /// What an instance is about, for lists and the API; nil for a plain process.
    static func reference(type: String, id: String?, title: String) -> BusinessReference? {
        guard let business = business(ofType: type), let id = id.flatMap(UUID.init(uuidString:)) else { return nil }
        return BusinessReference(type: type, id: id, title: title, url: business.apiPath(id), href: business.pagePath(id))
    }
}
