import Foundation

extension OFDMetadata {
    /// The metadata of an official document: its title, the issuer as author (署名, else 发文机关标志), and
    /// 发文字号 and 文种 as custom data.
    public init(document: OfficialDocument, documentID: UUID = UUID(), creationDate: Date, modificationDate: Date? = nil) {
        var customData: [OFDCustomData] = []
        if let number = document.number, !number.isEmpty { customData.append(.documentNumber(number)) }
        customData.append(.kind(document.kind))
        self.init(documentID: documentID, title: document.title, author: document.signatureName ?? document.issuerMark,
                  creationDate: creationDate, modificationDate: modificationDate, customData: customData)
    }
}
