import Foundation
import Gongwen
import OFDCheck
import Testing

@Suite("OFD 中的附件图片")
struct OFDImageTests {
    @Test("图片作为多媒体资源写入一次，每次出现是一个按版面定位的图像对象")
    func imageResources() throws {
        // given: the same picture as two attachments
        let image = try #require(LayoutImage(data: LayoutAttachmentTests.png))
        let document = LayoutAttachmentTests.document(["辖区示意图", "辖区示意图（副本）"])
        let layout = DocumentLayout.layout(document, attachments: [.image(image), .image(image)])
        // when
        let package = try OFDPackageReader(OFDWriter.package(layout, metadata: OFDMetadata(document: document, creationDate: Date()), seal: nil))
        // then
        let documentXML = try package.xml("Doc_0/Document.xml")
        #expect(documentXML.all("DocumentRes").first?.text == "DocumentRes.xml")
        let media = try package.xml("Doc_0/DocumentRes.xml").all("MultiMedia")
        #expect(media.count == 1)
        let resource = try #require(media.first)
        #expect(resource.attributes["Type"] == "Image" && resource.attributes["Format"] == "PNG")
        let file = try #require(resource.child("MediaFile")?.text)
        #expect(try package.data("Doc_0/Res/\(file)") == LayoutAttachmentTests.png)

        for pageIndex in [1, 2] {
            let object = try #require(try package.xml("Doc_0/Pages/Page_\(pageIndex)/Content.xml").all("ImageObject").first)
            #expect(object.attributes["ResourceID"] == resource.attributes["ID"])
            let box = ofdNumbers(object.attributes["Boundary"])
            #expect(box.count == 4 && abs(box[0] - 28) < 0.01 && abs(box[2] - 156) < 0.01 && abs(box[3] - 78) < 0.01)
            #expect(ofdNumbers(object.attributes["CTM"]) == [box[2], 0, 0, box[3], 0, 0])
        }
        // Identifiers stay unique with the resources among them.
        let ids = try package.xmlPaths.flatMap { try package.xml($0).allElements.compactMap { $0.attributes["ID"] } }
        #expect(Set(ids).count == ids.count)
        #expect(try package.xml("Doc_0/Document.xml").all("MaxUnitID").first?.text == ids.compactMap(Int.init).max().map(String.init))
    }
}
