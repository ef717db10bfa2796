import Foundation
import Vapor

/// API paths under `/api/v1`, used both to register routes and to build the URLs answers carry, as ``SiteURL``
/// does for pages: a client following a URL the API gave it reaches an API route, which takes its token — never
/// a page, which would answer with the login form.
struct APIURL: Sendable, Hashable {
    static let prefix = "/api/v1"

    /// The path below ``prefix``, parameters written `:name`.
    let path: String

    init(_ path: String) { self.path = path }

    /// Route components for registration on the `/api/v1` group.
    var components: [PathComponent] {
        path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }

    /// The full path with its `:parameters` filled in, in order.
    func link(_ values: any CustomStringConvertible...) -> String {
        var remaining = values.makeIterator()
        return Self.prefix + "/" + path.split(separator: "/").map { part in
            part.hasPrefix(":") ? (remaining.next().map { "\($0)" } ?? String(part)) : String(part)
        }.joined(separator: "/")
    }

    /// A task (the workflow's routes register themselves; this builds links to it).
    static let task = APIURL("tasks/:taskID")

    static let outgoing = APIURL("outgoing/:documentID")
    static let outgoingList = APIURL("outgoing")
    static let outgoingPrint = APIURL("outgoing/:documentID/print")
    static let outgoingOFD = APIURL("outgoing/:documentID/ofd")
    static let outgoingAttachments = APIURL("outgoing/:documentID/attachments")
    static let outgoingAttachment = APIURL("outgoing/:documentID/attachments/:attachmentID")

    static let incomingList = APIURL("incoming")
    static let incoming = APIURL("incoming/:incomingID")
    static let incomingFile = APIURL("incoming/:incomingID/files/:fileID")
    static let incomingOriginal = APIURL("incoming/:incomingID/original")
    static let incomingOriginalOFD = APIURL("incoming/:incomingID/original.ofd")

    static let delivery = APIURL("exchange/:deliveryID")
    static let deliveryPrint = APIURL("exchange/:deliveryID/print")
    static let deliveryOFD = APIURL("exchange/:deliveryID/ofd")
    static let deliveryFile = APIURL("exchange/:deliveryID/files/:fileID")

    static let archiveItems = APIURL("archive/items")
    static let archiveItem = APIURL("archive/items/:itemID")
    static let archiveItemPrint = APIURL("archive/items/:itemID/print")
    static let archiveItemFile = APIURL("archive/items/:itemID/files/:fileID")
    static let archivePending = APIURL("archive/pending")
    static let archiveCSV = APIURL("archive/catalogue.csv")
    static let archivePackage = APIURL("archive/package")
}

/// Which door a view is built for: its links go to pages or to the API.
enum LinkKind: Sendable {
    case page
    case api
}

extension RoutesBuilder {
    @discardableResult
    func get(_ url: APIURL, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        get(url.components, use: handler)
    }

    @discardableResult
    func post(_ url: APIURL, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        post(url.components, use: handler)
    }
}
