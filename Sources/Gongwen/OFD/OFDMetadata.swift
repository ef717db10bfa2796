import Foundation

/// What OFD.xml's `DocInfo` says about the document: readers show it in their properties dialog and
/// archives index it.
public struct OFDMetadata: Hashable, Sendable {
    /// `DocID`, written as 32 hexadecimal digits. Keep it for the life of the document: a re-issued package
    /// of the same document should carry the same ID.
    public var documentID: UUID
    /// `Title`: the document's 标题.
    public var title: String
    /// `Author`: the issuing unit (发文机关).
    public var author: String
    /// `CreationDate`, written as the Beijing calendar day.
    public var creationDate: Date
    /// `ModDate`, written as the Beijing calendar day.
    public var modificationDate: Date
    /// `Creator`: the application that wrote the package.
    public var creator: String
    /// `CustomDatas`, in order (发文字号, 文种 …).
    public var customData: [OFDCustomData]

    public init(documentID: UUID = UUID(), title: String, author: String, creationDate: Date, modificationDate: Date? = nil,
                creator: String = "政通 Zhengtong", customData: [OFDCustomData] = []) {
        self.documentID = documentID
        self.title = title
        self.author = author
        self.creationDate = creationDate
        self.modificationDate = modificationDate ?? creationDate
        self.creator = creator
        self.customData = customData
    }

    /// `DocID`: the UUID's 32 hex digits without hyphens.
    var docID: String {
        documentID.uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}

/// One `CustomData` entry of `DocInfo`: a named string.
public struct OFDCustomData: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// 发文字号, as printed (`X政办发〔2026〕12号`).
    public static func documentNumber(_ number: String) -> OFDCustomData {
        OFDCustomData(name: "发文字号", value: number)
    }

    /// 文种 (`通知`, `请示` …).
    public static func kind(_ kind: DocumentKind) -> OFDCustomData {
        OFDCustomData(name: "文种", value: kind.title)
    }
}
