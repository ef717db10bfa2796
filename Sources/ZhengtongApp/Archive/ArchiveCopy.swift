import Fluent
import Foundation
import Gongwen
import Vapor

/// The archived copy of a filed document, laid out again from what was filed (the dispatched 发文, or the package a
/// 收文 arrived in) with its 归档章 — the same layout as the stamped OFD in the item.
enum ArchiveCopy {
    static func stamp(_ item: ArchiveItem) -> ArchiveStamp {
        ArchiveStamp(fondsCode: item.fondsCode, year: item.year, itemNumber: item.itemNumber, classLabel: item.className,
                     retention: item.retentionValue.stampText, pages: item.pages)
    }

    static func printHTML(_ item: ArchiveItem, app: Application) async throws -> String {
        let content: OfficialDocument
        let attachments: [AttachmentContent]
        var sealName: String?
        switch ArchiveFiling.SourceType(rawValue: item.sourceType) {
        case .outgoing?:
            guard let document = try await OutgoingDocument.find(item.sourceID, on: app.db) else { throw AppError.notFound() }
            let inputs = try await OutgoingOutput.ofdInputs(document, on: app.db)
            content = inputs.content
            attachments = inputs.attachments
            if inputs.seals[0] != nil { sealName = try await UnitSeal.query(on: app.db).filter(\.$unitID == document.$unit.id).first()?.name }
        case .incoming?:
            guard let document = try await IncomingDocument.find(item.sourceID, on: app.db), let packageID = document.packageID,
                  let package = try await ExchangePackage.find(packageID, on: app.db) else { throw AppError.notFound() }
            content = try package.document()
            attachments = try await ExchangePackageFile.query(on: app.db).filter(\.$packageID == packageID).sort(\.$sortOrder).all()
                .map { AttachmentContent(fileName: $0.name, data: $0.data) }
            if content.sealed { sealName = try await UnitSeal.query(on: app.db).filter(\.$unitID == package.senderUnitID).first()?.name ?? package.senderName }
        case nil:
            throw AppError.notFound()
        }
        let stamp = stamp(item)
        let seal = sealName.map { SealDesign.make(unitName: $0) }
        return try await app.threadPool.runIfActive {
            PrintHTML.render(DocumentLayout.layout(content, attachments: attachments).stamped(stamp), title: content.title,
                             seal: seal, stylesheetHref: OutgoingOutput.stylesheetPath)
        }
    }
}
